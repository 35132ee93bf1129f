// What the shared-state plan produces: one entry per finding, with the rewrite attached when
// (and only when) the plan proved it exact. Rules report these; the transform runs the rewrites.
import type { Node, Program } from '@babel/types';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { ModuleStyle } from '../analysis/module-style';
import type { Severity } from '../types';

export const RULE_IDS = [
  'module-state-per-request',
  'rmw-across-await',
  'module-counter',
  'unbounded-module-cache',
  'process-env-mutation',
  'middleware-closure-state',
  'library-global-mutation',
] as const;

export type SharedStateRule = (typeof RULE_IDS)[number];

export interface RewriteContext {
  j: JSCodeshift;
  root: Collection;
  program: Program;
  style: ModuleStyle;
  /** TypeScript source: generated parameters and stores carry types */
  typescript: boolean;
  /** every identifier name in the file; new names are picked outside it and added to it */
  taken: Set<string>;
  /** a fresh module-level identifier based on `base`, never colliding with or shadowing a name of the file */
  pick(base: string): string;
  /** a fresh identifier for a local of `scope`: no name used inside that function, nor one generated so far */
  pickLocal(base: string, scope: Node): string;
  /** names generated once per file (locks, stores), by purpose */
  memo: Map<string, string>;
}

export interface PlannedFinding {
  rule: SharedStateRule;
  node: Node;
  message: string;
  hint?: string;
  severity?: Severity;
  /** present exactly when the transform rewrites this spot */
  rewrite?: (ctx: RewriteContext) => void;
}
