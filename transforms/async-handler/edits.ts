// The rewrites the plan decides on. The plan only reads the tree; apply.ts performs these.
import type {
  ArrowFunctionExpression,
  BlockStatement,
  CallExpression,
  ExpressionStatement,
  Identifier,
  MemberExpression,
  Node,
  Statement,
  TryStatement,
} from '@babel/types';
import type { FunctionNode } from '../analysis/ast';
import type { Completion } from './completion';

/** How a completion call inside a `new Promise` wrapper becomes resolve/reject. */
export type PromiseSettle =
  | { kind: 'resolve'; value: Node | null }
  | { kind: 'reject'; error: Node }
  /** `error != null ? reject(error) : resolve(value)` */
  | { kind: 'either'; error: Node; value: Node | null };

export type Edit =
  /** `callback(…);` / `return callback(…);` → `return x;` / `throw e;` (and the `return;` after it removed) */
  | { kind: 'completion'; stmt: Statement; completion: Completion; removeNext?: Statement }
  /** top-level `callback(null, x); more();` → `const response = x; more(); return response;` */
  | { kind: 'capture'; stmt: ExpressionStatement; completion: Completion; body: BlockStatement }
  /** `r => callback(null, f(r))` → `r => f(r)` */
  | { kind: 'arrow-body'; fn: ArrowFunctionExpression; completion: Completion }
  /** `p.then(…);` as the last statement → `return p.then(…);` */
  | { kind: 'return-statement'; stmt: ExpressionStatement }
  /** `p.catch(callback)` → `p` */
  | { kind: 'drop-link'; call: CallExpression }
  /** `p.then(f, callback)` → `p.then(f)` */
  | { kind: 'drop-arg'; call: CallExpression; index: number }
  /** `api(args, (err, d) => { … callback(null, d) })` → `return new Promise((resolve, reject) => { api(…resolve(d)…) })` */
  | {
      kind: 'promise-wrap';
      stmt: Statement;
      settles: Array<{ call: CallExpression; settle: PromiseSettle }>;
      /** the callback passed on as a Node-style callback: replaced by an adapter */
      passes: Identifier[];
    }
  /** `fs.readFile(p, (err, d) => { if (err) return cb(err); … })` → `const d = await readFile(p); …` (fs/promises) */
  | { kind: 'fs-await'; stmt: Statement; call: CallExpression; method: string; callback: FunctionNode; result: string | null; reassigned: boolean }
  /** SDK v2: `s3.getObject(params, callback);` → `return s3.getObject(params).promise();` */
  | { kind: 'sdk-promise'; stmt: Statement; call: CallExpression }
  /** `try { A } catch (e) { throw e; }` (after the rewrite) → `A` */
  | { kind: 'unwrap-try'; stmt: TryStatement }
  /** `context.callbackWaitsForEmptyEventLoop = false;` → removed, with a comment */
  | { kind: 'delete-statement'; stmt: Statement; comment: string }
  /** `process.exit(1)` in the handler → `throw new Error(…)` */
  | { kind: 'exit-throw'; stmt: ExpressionStatement; call: CallExpression }
  /** `process.env._X_AMZN_TRACE_ID` → `context.xRayTraceId` */
  | { kind: 'xray'; node: MemberExpression; context: string };
