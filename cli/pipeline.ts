// The pipeline the commands share: discover → parse + analyse each file once → plan changes in
// memory. Reading files happens here; writing happens only in write.ts.
import { readFileSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { availableParallelism } from 'node:os';
import { toFinding, type ParseError } from '../transforms/engine/analyse-source';
import { buildImportGraph } from '../transforms/analysis/import-graph';
import { buildProjectInfo } from '../transforms/analysis/project-info';
import type { ProjectInfo } from '../transforms/analysis/project';
import type { ConfigRule, Finding, Rule, TransformModule } from '../transforms/types';
import { discover, type Discovered } from './discover';
import { planDependencyChanges } from './dependencies';
import { ensureWorkers, runInWorkers } from './parallel/pool';
import {
  analyseTask,
  resolveContext,
  transformTask,
  type AnalyseResult,
  type FileTask,
  type PlannedChange,
  type TaskContext,
  type TransformResult,
} from './parallel/tasks';

export { unifiedDiff, type PlannedChange } from './parallel/tasks';

export interface ScanOptions {
  cwd: string;
  paths: string[];
  extensions?: string[];
  ignore?: string[];
  rules: Rule[];
  configRules: ConfigRule[];
  onProgress?: (done: number, total: number, file: string) => void;
  /** worker threads; undefined = automatic (in-process below PARALLEL_THRESHOLD files) */
  jobs?: number;
}

/** Below this many files the main thread finishes before a worker has loaded (about 0.5–1 s). */
export const PARALLEL_THRESHOLD = 300;

/**
 * Threads (this one plus `n - 1` workers) by default only with 4+ cores. On the 2-vCPU machines we
 * measured, two processes at once got only 1.1–1.4× the throughput of one, and a worker takes about
 * a second to start, so one thread finished a 5,000-file scan first; there `--jobs 2` is opt-in.
 */
export function jobsFor(files: number, requested: number | undefined): number {
  if (requested !== undefined) return Math.max(1, requested);
  const cores = availableParallelism();
  return files >= PARALLEL_THRESHOLD && cores >= 4 ? Math.min(cores, 4) : 1;
}

export interface Scan {
  cwd: string;
  discovered: Discovered;
  /** number of source files scanned */
  files: number;
  findings: Finding[];
  errors: ParseError[];
  /** per source file, in path order */
  outcomes: AnalyseResult[];
  project: ProjectInfo;
  /** the context workers rebuild the scan from */
  context: TaskContext;
  /** --jobs as given (undefined = automatic) */
  requestedJobs?: number;
}

const byPosition = (a: Finding, b: Finding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);

export function toRelative(cwd: string, abs: string): string {
  return relative(cwd, abs).split(sep).join('/') || basename(abs);
}

function readText(abs: string): string {
  return readFileSync(abs, 'utf8');
}

export async function scan(options: ScanOptions): Promise<Scan> {
  const { cwd } = options;
  const discovered = discover(options.paths, { cwd, extensions: options.extensions, ignore: options.ignore });
  const rel = (abs: string) => toRelative(cwd, abs);
  // workers will be needed: start them now, they load while this thread reads
  ensureWorkers(jobsFor(discovered.sources.length, options.jobs) - 1);
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
  // pass 1: every file, every rule that does not need the import graph
  const firstPass = options.rules.filter((r) => !r.needsImportGraph);
  const graphRules = options.rules.filter((r) => r.needsImportGraph);
  const context: TaskContext = { ruleIds: options.rules.map((r) => r.id), transformIds: [], templates, packageJsons };
  const tasks = discovered.sources.map((abs) => ({ abs, file: rel(abs) }));
  const outcomes = await analyseAll(tasks, firstPass, context, jobsFor(tasks.length, options.jobs), options.onProgress);
  options.onProgress?.(tasks.length, tasks.length, '');
  context.graph = outcomes.map((o) => ({ file: o.file, imports: o.imports, hasHandler: o.hasHandler }));
  const project = buildProjectInfo({ templates, packageJsons, graph: buildImportGraph(context.graph) });

  // pass 2: rules that need the import graph, only on helper modules a handler reaches
  if (graphRules.length) {
    const reached = outcomes.filter((o) => !o.error && !o.hasHandler && project.handlersReaching(o.file).length > 0);
    const again = await analyseAll(reached, graphRules, context, jobsFor(reached.length, options.jobs));
    again.forEach((o, i) => reached[i].findings.push(...o.findings));
  }
  // helper-module findings name the handlers that reach them (known only now, with the graph)
  const naming = new Set(options.rules.filter((r) => r.namesReachingHandlers).map((r) => r.id));
  for (const outcome of outcomes) {
    const reaching = naming.size && !outcome.hasHandler ? project.handlersReaching(outcome.file) : [];
    if (reaching.length) {
      for (const f of outcome.findings) if (naming.has(f.rule)) f.message += ` Reached from ${reaching.join(', ')}.`;
    }
  }
  for (const outcome of outcomes) {
    findings.push(...outcome.findings);
    if (outcome.error) errors.push(outcome.error);
  }
  findings.sort(byPosition);
  return { cwd, discovered, files: discovered.sources.length, findings, errors, outcomes, project, context, requestedJobs: options.jobs };
}

/** Analyses `tasks` with `rules`: in workers (which look the rules up by id), or in-process. */
async function analyseAll(
  tasks: FileTask[],
  rules: Rule[],
  context: TaskContext,
  jobs: number,
  onProgress?: ScanOptions['onProgress'],
): Promise<AnalyseResult[]> {
  const ruleIds = rules.map((r) => r.id);
  const resolved = { ...resolveContext(context), rules };
  if (jobs > 1) return runInWorkers<AnalyseResult>('analyse', tasks, { ...context, ruleIds }, jobs, (task) => analyseTask(task, resolved), onProgress);
  return tasks.map((task, i) => {
    onProgress?.(i, tasks.length, task.file);
    return analyseTask({ abs: task.abs, file: task.file }, resolved);
  });
}

/**
 * Runs the selected transforms on the files that have a fixable finding for one of them.
 * Each such file is parsed by recast once and printed once, whatever the number of transforms.
 */
export async function planChanges(result: Scan, transforms: TransformModule[]): Promise<{ changes: PlannedChange[]; errors: ParseError[] }> {
  const selected = new Set(transforms.map((t) => t.meta.id));
  const tasks = result.outcomes
    .filter((o) => !o.error && o.findings.some((f) => f.fixable && selected.has(f.fixable)))
    .map((o) => ({ abs: o.abs, file: o.file, fixableBy: [...new Set(o.findings.flatMap((f) => (f.fixable ? [f.fixable] : [])))] }));
  const context: TaskContext = { ...result.context, transformIds: [...selected] };
  const jobs = jobsFor(tasks.length, result.requestedJobs);
  // in this thread: reuse the scan's project info rather than rebuilding it
  const resolved = { ...resolveContext({ ...context, graph: undefined }), project: result.project };
  const here = (t: FileTask) => transformTask(t, resolved);
  const results = jobs > 1 ? await runInWorkers<TransformResult>('transform', tasks, context, jobs, here) : tasks.map(here);
  const changes: PlannedChange[] = [];
  const errors: ParseError[] = [];
  for (const r of results) {
    if (r.change) changes.push(r.change);
    if (r.error) errors.push(r.error);
  }
  // packages the new code imports go into the nearest package.json inside the scanned paths
  const packageJsons = result.discovered.projectFiles.filter((p) => basename(p) === 'package.json');
  changes.push(...planDependencyChanges(changes, packageJsons, (abs) => toRelative(result.cwd, abs)));
  return { changes, errors };
}
