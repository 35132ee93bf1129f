// The tmp-paths transform: runs the shared plan on the recast AST and performs exactly the
// rewrites it marks fixable. Cache writes first (they may sit inside a handler body that the
// handler rewrite then wraps), then handlers, then module constants nobody reads any more.
import type { Node, Statement, VariableDeclaration } from '@babel/types';
import type { TransformContext } from '../types';
import { freeName, namesInUse } from '../analysis/names-in-use';
import { callables } from './callables';
import { moduleFacts, type ModuleFacts, type ModuleVar } from './module-facts';
import { tmpPathValue } from './evaluate';
import { localValues, eventNames, isReference } from './occurrences';
import { planTmpPaths, type HandlerFix } from './plan';
import { rewriteCacheWrite } from './rewrite-cache';
import { rewriteHandler } from './rewrite-handler';
import { visit } from '../analysis/walk';

export function applyTmpPaths(ctx: TransformContext): boolean {
  const { analysis, j } = ctx;
  const plan = planTmpPaths(analysis);
  if (plan.handlerFixes.length === 0 && plan.cacheFixes.length === 0) return false;
  const program = analysis.ast.program;
  const facts = moduleFacts(analysis.ast, analysis.index);
  const taken = namesInUse(program);
  const call = callables(j, ctx.root, analysis.moduleStyle);
  const rootConstants = readRootConstants(program, facts);

  for (const fix of plan.cacheFixes) rewriteCacheWrite(fix, j, call, analysis.index, freeName('partial', taken));

  const shadows = new Map<ModuleVar, Statement>();
  // one name for every handler: each declares it in its own function scope
  const dir = plan.handlerFixes.length ? freeName('tmpDir', taken) : '';
  for (const fix of plan.handlerFixes) {
    const env = { facts, locals: localValues(fix.fn), eventNames: eventNames(fix.fn) };
    const declared = rewriteHandler(fix, { j, call, env, index: analysis.index, dir });
    for (const v of fix.moduleVars) if (!shadows.has(v)) shadows.set(v, declared.get(v.name)!);
  }
  removeUnreadConstants(program, plan.handlerFixes, shadows);
  for (const v of rootConstants) if (!readOutside(program, v, new Set([v]), new Set())) removeDeclaration(program, v, null);
  return true;
}

/** `const TMP_DIR = '/tmp'` constants that something reads now: removed if the rewrite leaves them unread. */
function readRootConstants(program: Node, facts: ModuleFacts): ModuleVar[] {
  const env = { facts, locals: new Map<string, Node>(), eventNames: new Set<string>() };
  return [...facts.vars.values()].filter(
    (v) => !v.exported && tmpPathValue(v.init, env)?.kind === 'root' && readOutside(program, v, new Set([v]), new Set()),
  );
}

/**
 * Module constants re-declared in every handler that reads them are removed when nothing else
 * reads them; their comments move to the first re-declaration.
 */
function removeUnreadConstants(program: Node, fixes: HandlerFix[], shadows: Map<ModuleVar, Statement>): void {
  const removable = new Set(shadows.keys());
  const rewritten = new Set<Node>(fixes.map((f) => f.fn));
  let changed = true;
  while (changed) {
    changed = false;
    for (const v of [...removable]) {
      if (readOutside(program, v, removable, rewritten)) {
        removable.delete(v);
        changed = true;
      }
    }
  }
  for (const v of removable) removeDeclaration(program, v, shadows.get(v)!);
}

/** Drops the declarator (and the statement once empty); its comments go to `heir` when there is one. */
function removeDeclaration(program: Node, v: ModuleVar, heir: Statement | null): void {
  const body = (program as { body: Statement[] }).body;
  const decl = (v.statement.type === 'ExportNamedDeclaration' ? v.statement.declaration : v.statement) as VariableDeclaration;
  decl.declarations = decl.declarations.filter((d) => d !== v.declarator);
  if (decl.declarations.length > 0) return;
  const i = body.indexOf(v.statement as Statement);
  if (i === -1) return;
  if (heir) moveComments(v.statement, heir);
  else if (body[i + 1]) moveComments(v.statement, body[i + 1]);
  body.splice(i, 1);
}

function readOutside(program: Node, v: ModuleVar, removable: Set<ModuleVar>, rewritten: Set<Node>): boolean {
  const skip = new Set<Node>([...rewritten, ...[...removable].map((r) => r.declarator)]);
  let found = false;
  visit(program, (node, parent) => {
    if (found || skip.has(node)) return false;
    if (node.type === 'Identifier' && node.name === v.name && parent && isReference(node, parent, undefined)) found = true;
    return undefined;
  });
  return found;
}

type Commented = { comments?: Array<{ leading?: boolean }> | null };

function moveComments(from: Node, to: Node): void {
  const src = from as unknown as Commented;
  const leading = (src.comments ?? []).filter((c) => c.leading);
  if (leading.length === 0) return;
  (to as unknown as Commented).comments = [...leading, ...((to as unknown as Commented).comments ?? [])];
}
