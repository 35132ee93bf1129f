// The pipeline the commands share: discover → parse + analyse each file once → plan changes in
// memory. Reading files happens here; writing happens only in write.ts.
import { readFileSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { analyseSource, toFinding, type FileOutcome, type ParseError } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { buildImportGraph } from '../transforms/analysis/import-graph';
import { buildProjectInfo } from '../transforms/analysis/project-info';
import type { ProjectInfo } from '../transforms/analysis/project';
import type { ConfigRule, Finding, Rule, TransformModule } from '../transforms/types';
import { discover, type Discovered } from './discover';

export interface ScanOptions {
  cwd: string;
  paths: string[];
  extensions?: string[];
  ignore?: string[];
  rules: Rule[];
  configRules: ConfigRule[];
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface Scan {
  cwd: string;
  discovered: Discovered;
  /** number of source files scanned */
  files: number;
  findings: Finding[];
  errors: ParseError[];
  /** per source file, in path order */
  outcomes: Array<FileOutcome & { abs: string }>;
  project: ProjectInfo;
}

export interface PlannedChange {
  file: string;
  abs: string;
  before: string;
  after: string;
  transforms: string[];
  diff: string;
}

const byPosition = (a: Finding, b: Finding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);

export function toRelative(cwd: string, abs: string): string {
  return relative(cwd, abs).split(sep).join('/') || basename(abs);
}

function readText(abs: string): string {
  return readFileSync(abs, 'utf8');
}

export function scan(options: ScanOptions): Scan {
  const { cwd } = options;
  const discovered = discover(options.paths, { cwd, extensions: options.extensions, ignore: options.ignore });
  const rel = (abs: string) => toRelative(cwd, abs);
  const findings: Finding[] = [];
  const errors: ParseError[] = [];

  // project files first: they tell which exports are handlers and which packages are ESM
  const projectSources = [...discovered.ancestorPackageJsons, ...discovered.projectFiles].map((abs) => ({
    path: rel(abs),
    source: readText(abs),
  }));
  const templates = projectSources.filter((f) => !f.path.endsWith('package.json'));
  const packageJsons = projectSources.filter((f) => f.path.endsWith('package.json'));
  for (const f of discovered.projectFiles.map((abs) => projectSources.find((p) => p.path === rel(abs))!)) {
    for (const rule of options.configRules) {
      if (!rule.files.includes(basename(f.path))) continue;
      try {
        for (const report of rule.checkConfig(f.path, f.source)) findings.push(toFinding(f.path, rule, report));
      } catch (e) {
        errors.push({ file: f.path, message: `${rule.id}: ${(e as Error).message}` });
      }
    }
  }
  const baseProject = buildProjectInfo({ templates, packageJsons });

  const outcomes: Scan['outcomes'] = [];
  discovered.sources.forEach((abs, i) => {
    const file = rel(abs);
    options.onProgress?.(i, discovered.sources.length, file);
    let outcome: FileOutcome;
    try {
      outcome = analyseSource(file, readText(abs), options.rules, baseProject);
    } catch (e) {
      // a rule crashed: report it for this file and keep going
      outcome = { file, findings: [], imports: [], hasHandler: false, error: { file, message: `internal error: ${(e as Error).message}` } };
    }
    outcomes.push({ ...outcome, abs });
    findings.push(...outcome.findings);
    if (outcome.error) errors.push(outcome.error);
  });
  options.onProgress?.(discovered.sources.length, discovered.sources.length, '');

  const graph = buildImportGraph(outcomes.map((o) => ({ file: o.file, imports: o.imports, hasHandler: o.hasHandler })));
  const project = buildProjectInfo({ templates, packageJsons, graph });
  findings.sort(byPosition);
  return { cwd, discovered, files: discovered.sources.length, findings, errors, outcomes, project };
}

/**
 * Runs the selected transforms on the files that have a fixable finding for one of them.
 * Each such file is parsed by recast once and printed once, whatever the number of transforms.
 */
export function planChanges(result: Scan, transforms: TransformModule[]): { changes: PlannedChange[]; errors: ParseError[] } {
  const selected = new Set(transforms.map((t) => t.meta.id));
  const changes: PlannedChange[] = [];
  const errors: ParseError[] = [];
  for (const outcome of result.outcomes) {
    if (outcome.error || !outcome.findings.some((f) => f.fixable && selected.has(f.fixable))) continue;
    const before = readText(outcome.abs);
    try {
      const { output, changed, applied } = transformSource(outcome.file, before, transforms, result.project);
      if (!changed) continue;
      changes.push({ file: outcome.file, abs: outcome.abs, before, after: output, transforms: applied, diff: unifiedDiff(outcome.file, before, output) });
    } catch (e) {
      errors.push({ file: outcome.file, message: `transform failed, file left unchanged: ${(e as Error).message}` });
    }
  }
  return { changes, errors };
}

/** A unified diff with a/ b/ prefixes that `git apply` accepts from the current directory. */
export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}
