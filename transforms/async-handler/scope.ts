// Shared planning state and result types of async-handler.
import type { File as BabelFile, Node } from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { HandlerInfo } from '../analysis/handlers';
import type { NodeIndex } from '../analysis/walk';
import type { CompletionNames } from './completion';
import type { Edit } from './edits';

export interface Problem {
  node: Node;
  message: string;
}

export type HandlerKind = 'callback' | 'sync' | 'async' | 'promise' | 'streaming' | 'skipped';

export interface HandlerPlan {
  handler: HandlerInfo;
  fn: FunctionNode;
  kind: HandlerKind;
  /** why the completion rewrite cannot be done (empty = the handler is rewritten) */
  problems: Problem[];
  /** completion rewrites, applied only when `problems` is empty */
  edits: Edit[];
  /** context.succeed/fail/done calls and callbackWaitsForEmptyEventLoop assignments */
  legacy: Node[];
  /** rewrites that are safe on their own (process.exit → throw, trace id) */
  independent: Edit[];
  /** process.exit calls in the handler and whether they are rewritten */
  exits: Array<{ node: Node; fixable: boolean }>;
  /** `_X_AMZN_TRACE_ID` reads in the handler and whether they are rewritten */
  traceIds: Array<{ node: Node; fixable: boolean }>;
  /** the file's parent links (taken before any rewrite) */
  index: NodeIndex;
}

/** Shared state of one handler's planning. */
export interface PlanScope {
  fn: FunctionNode;
  ast: BabelFile;
  index: NodeIndex;
  names: CompletionNames;
  problems: Problem[];
  edits: Edit[];
}
