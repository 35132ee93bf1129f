// `fs.readFile(p, (err, data) => { if (err) return callback(err); …callback(null, x) })` as the
// handler's last statement → `const data = await readFile(p); …return x;` with readFile from
// fs/promises. Only when the shape is exactly that; otherwise the `new Promise` wrapper is used.
import type { CallExpression, Node, Statement } from '@babel/types';
import { dottedName, isFunction, unwrapExpression, type FunctionNode } from '../analysis/ast';
import { readImports } from '../analysis/existing-imports';
import { sameModule } from '../analysis/module-specifier';
import { namesInUse } from '../analysis/names-in-use';
import { visit } from '../analysis/walk';
import { classifyCompletion, isCompletion } from './completion';
import type { PlanScope } from './scope';
import { planDirect } from './plan-direct';
import { ownerFunction } from './tail';

/** Callback-API functions whose fs/promises namesake resolves to what the callback received. */
const FS_PROMISE_METHODS = new Set([
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'link', 'lstat', 'mkdir', 'mkdtemp',
  'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'symlink', 'truncate',
  'unlink', 'utimes', 'writeFile',
]);

/** The fs method a call invokes (`fs.readFile(…)`, `readFile(…)` imported from 'fs'), else null. */
function fsMethod(call: CallExpression, scope: PlanScope): string | null {
  const callee = unwrapExpression(call.callee);
  const name = dottedName(callee);
  if (!name) return null;
  const parts = name.split('.');
  const bindings = readImports(scope.ast.program).bindings.filter((b) => sameModule(b.source, 'fs'));
  if (parts.length === 2 && FS_PROMISE_METHODS.has(parts[1])) {
    return bindings.some((b) => b.local === parts[0] && (b.name === '*' || b.name === 'default')) ? parts[1] : null;
  }
  if (parts.length === 1) {
    const b = bindings.find((x) => x.local === parts[0]);
    return b && FS_PROMISE_METHODS.has(b.name) ? b.name : null;
  }
  return null;
}

/** `if (err) return callback(err);` / `if (err) { callback(err); return; }` → the completion call. */
function errorGuardCall(stmt: Statement | undefined, err: string, scope: PlanScope): CallExpression | null {
  if (!stmt || stmt.type !== 'IfStatement' || stmt.alternate) return null;
  const test = unwrapExpression(stmt.test);
  if (test?.type !== 'Identifier' || test.name !== err) return null;
  const body = stmt.consequent.type === 'BlockStatement' ? stmt.consequent.body : [stmt.consequent];
  let call: Node | null | undefined = null;
  if (body.length === 1 && body[0].type === 'ReturnStatement') call = body[0].argument;
  else if (body.length === 2 && body[0].type === 'ExpressionStatement' && body[1].type === 'ReturnStatement' && !body[1].argument) call = body[0].expression;
  if (call?.type !== 'CallExpression') return null;
  const c = classifyCompletion(call, scope.names);
  const e = isCompletion(c) && c.kind === 'throw' ? unwrapExpression(c.error) : null;
  return e?.type === 'Identifier' && e.name === err ? call : null;
}

function usesName(nodes: Node[], name: string): boolean {
  let found = false;
  for (const n of nodes) {
    visit(n, (x) => {
      if (found) return false;
      if ((x.type === 'Identifier' && x.name === name) || x.type === 'ThisExpression' || (x.type === 'Identifier' && x.name === 'arguments')) found = true;
      return undefined;
    });
  }
  return found;
}

/** Names the callback body declares at its top level (they move into the handler's scope). */
export function topLevelDeclared(stmts: Statement[]): string[] {
  const out: string[] = [];
  for (const s of stmts) {
    if (s.type === 'FunctionDeclaration' && s.id) out.push(s.id.name);
    if (s.type === 'ClassDeclaration' && s.id) out.push(s.id.name);
    if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) visit(d.id, (n) => void (n.type === 'Identifier' && out.push(n.name)));
    }
  }
  return out;
}

/** Plans the fs/promises form and returns true, or returns false (nothing recorded). */
export function planFsAwait(stmt: Statement, sites: Node[], scope: PlanScope): boolean {
  const call = (stmt.type === 'ExpressionStatement' ? stmt.expression : (stmt as { argument: Node }).argument) as CallExpression;
  const method = fsMethod(call, scope);
  const g = call.arguments[call.arguments.length - 1];
  if (!method || !isFunction(g) || g.body.type !== 'BlockStatement' || g.params.length < 1 || g.params.length > 2) return false;
  if (g.async || g.generator || !g.params.every((p) => p.type === 'Identifier')) return false;
  const [errParam, dataParam] = g.params as Array<{ name: string }>;
  const guard = errorGuardCall(g.body.body[0], errParam.name, scope);
  if (!guard) return false;
  const rest = g.body.body.slice(1);
  // the callback's own code must not need `err`, `this` or `arguments`
  if (usesName(rest, errParam.name)) return false;
  // moving the body into the handler must not collide with the handler's own names
  const outside = namesInUse(scope.fn, g);
  if ([...topLevelDeclared(rest), ...(dataParam ? [dataParam.name] : [])].some((n) => outside.has(n))) return false;
  // every other completion is made by the callback itself and converts in place
  const sub: PlanScope = { ...scope, problems: [], edits: [] };
  for (const site of sites) {
    if (site === guard) continue;
    if (site.type !== 'CallExpression' || ownerFunction(site, scope.index) !== g) return false;
    planDirect(site as CallExpression, g as FunctionNode, sub, false);
  }
  if (sub.problems.length > 0) return false;
  const reassigned = !!dataParam && assigns(rest, dataParam.name);
  scope.edits.push(...sub.edits, { kind: 'fs-await', stmt, call, method, callback: g as FunctionNode, result: dataParam?.name ?? null, reassigned });
  return true;
}

/** `name = …`, `name += …`, `name++` somewhere in `nodes`. */
function assigns(nodes: Node[], name: string): boolean {
  let found = false;
  for (const n of nodes) {
    visit(n, (x) => {
      if (found) return false;
      const target = x.type === 'AssignmentExpression' ? x.left : x.type === 'UpdateExpression' ? x.argument : null;
      if (target?.type === 'Identifier' && target.name === name) found = true;
      return undefined;
    });
  }
  return found;
}
