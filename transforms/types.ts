// Shared contracts between rules, transforms, the engine and the CLI.
// Rules and transforms are pure: they see source text and ASTs, never the file system.
import type { File as BabelFile, Node } from '@babel/types';
import type { API, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import type { ProjectInfo } from './analysis/project';
import type { FileAnalysis } from './analysis/file-analysis';

export type Severity = 'error' | 'warning' | 'info';

/** A finding as the CLI and every report sees it (the `--format json` shape). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: Severity;
  message: string;
  /** transform id that fixes this finding automatically, or null when a human must act */
  fixable: string | null;
  /** a short "how to fix" hint, shown by pretty/markdown reports */
  hint?: string;
}

/** What a rule reports; the engine adds file, rule id, severity default and fixable. */
export interface RuleReport {
  /** node (for its start position) or an explicit position */
  node?: Node | null;
  line?: number;
  column?: number;
  message: string;
  hint?: string;
  /** true when the rule's transform will rewrite this exact spot */
  fixable?: boolean;
  severity?: Severity;
}

export interface RuleContext {
  /** path as given to the engine (relative to the cwd) */
  file: string;
  source: string;
  ast: BabelFile;
  /** lazily computed analysis shared by every rule of this file */
  analysis: FileAnalysis;
  project: ProjectInfo;
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  /** anchor in MIGRATION.md (without '#') */
  docs: string;
  /** transform that fixes (some of) its findings */
  fixedBy?: string;
  /** cheap exact pre-filter: when the source contains none of these strings, check() cannot report */
  needs?: string[];
  /** true when check() can only report in a file that exports a Lambda handler (exact pre-filter) */
  handlerFilesOnly?: boolean;
  /**
   * true when check() needs ctx.project.handlersReaching(file): the engine then runs it in a
   * second pass, with the import graph built, on the helper modules a handler reaches
   */
  needsImportGraph?: boolean;
  /**
   * true when a finding in a file without a handler (a helper module) should name the handler files
   * whose imports reach it: the engine appends "Reached from …" once the import graph is built
   */
  namesReachingHandlers?: boolean;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): RuleReport[];
}

/** A non-source project file (SAM template, serverless.yml, package.json) for config rules. */
export interface ConfigRule extends RuleMeta {
  /** file names (basename) this rule reads */
  files: string[];
  checkConfig(file: string, source: string): RuleReport[];
}

export interface TransformMeta {
  id: string;
  title: string;
  /** one line, shown by `list`, help and the interactive picker */
  summary: string;
  /** rule ids whose fixable findings this transform rewrites */
  fixes: string[];
}

export interface TransformContext {
  j: JSCodeshift;
  root: Collection;
  file: string;
  source: string;
  project: ProjectInfo;
  analysis: FileAnalysis;
  /** true when the user suppressed `rule` at `line` with an lmi-migrate-ignore comment */
  isSuppressed(rule: string, line: number): boolean;
}

export interface TransformModule {
  meta: TransformMeta;
  /** mutates ctx.root in place; returns true when it changed anything */
  apply(ctx: TransformContext): boolean;
}

/** The jscodeshift-compatible default export of a transform file. */
export type JscodeshiftTransform = ((file: FileInfo, api: API, options: Options) => string | null | undefined) & {
  meta: TransformMeta;
};
