// The per-file work of a scan and of a migration, the same whether it runs in-process or in a
// worker thread: read one file, analyse or transform it, return plain data.
import { readFileSync } from 'node:fs';
import { analyseSource, type FileOutcome, type ParseError } from '../../transforms/engine/analyse-source';
import { transformSource } from '../../transforms/engine/transform-source';
import { buildImportGraph, type GraphInput } from '../../transforms/analysis/import-graph';
import { buildProjectInfo, type ProjectSources } from '../../transforms/analysis/project-info';
import type { ProjectInfo } from '../../transforms/analysis/project';
import { RULES, TRANSFORMS } from '../../transforms/registry';
import type { Rule, TransformModule } from '../../transforms/types';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export interface FileTask {
  abs: string;
  /** path relative to the cwd, as reports show it */
  file: string;
  /** transform phase: the transforms the scan found fixable findings for in this file */
  fixableBy?: string[];
}

/** What a worker needs to rebuild the scan's context (plain data, cloneable). */
export interface TaskContext {
  ruleIds: string[];
  transformIds: string[];
  templates: ProjectSources['templates'];
  packageJsons: ProjectSources['packageJsons'];
  /** the import graph's input, for the transform phase */
  graph?: GraphInput[];
}

export type AnalyseResult = FileOutcome & { abs: string };

export interface PlannedChange {
  file: string;
  abs: string;
  before: string;
  after: string;
  transforms: string[];
  diff: string;
}

export interface TransformResult {
  change?: PlannedChange;
  error?: ParseError;
}

export interface Resolved {
  rules: Rule[];
  transforms: TransformModule[];
  project: ProjectInfo;
}

export function resolveContext(ctx: TaskContext): Resolved {
  const graph = ctx.graph ? buildImportGraph(ctx.graph) : undefined;
  return {
    rules: RULES.filter((r) => ctx.ruleIds.includes(r.id)),
    transforms: TRANSFORMS.filter((t) => ctx.transformIds.includes(t.meta.id)),
    project: buildProjectInfo({ templates: ctx.templates, packageJsons: ctx.packageJsons, graph }),
  };
}

export function analyseTask(task: FileTask, resolved: Resolved): AnalyseResult {
  const { file, abs } = task;
  try {
    return { ...analyseSource(file, readFileSync(abs, 'utf8'), resolved.rules, resolved.project), abs };
  } catch (e) {
    // a rule crashed or the file vanished: report it for this file and keep going
    return { file, abs, findings: [], imports: [], hasHandler: false, error: { file, message: `internal error: ${(e as Error).message}` } };
  }
}

export function transformTask(task: FileTask, resolved: Resolved): TransformResult {
  const { file, abs } = task;
  try {
    const before = readFileSync(abs, 'utf8');
    const fixableBy = task.fixableBy ? new Set(task.fixableBy) : undefined;
    const { output, changed, applied } = transformSource(file, before, resolved.transforms, resolved.project, fixableBy);
    if (!changed) return {};
    return { change: { file, abs, before, after: output, transforms: applied, diff: unifiedDiff(file, before, output) } };
  } catch (e) {
    return { error: { file, message: `transform failed, file left unchanged: ${(e as Error).message}` } };
  }
}

/** A unified diff with a/ b/ prefixes that `git apply` accepts from the current directory. */
export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
}
