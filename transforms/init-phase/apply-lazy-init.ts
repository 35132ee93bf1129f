// Rewrites each fixable lazy init into a memoized promise that resets on failure:
//   let db;                      →  let dbPromise;
//   if (!db) db = await connect(); →  const db = await (dbPromise ??= connect().catch((err) => {
//                                       dbPromise = undefined;
//                                       throw err;
//                                     }));
// `connect()` is used as is when it is a call of an async function of this file (it returns a
// promise for sure); otherwise it is wrapped in Promise.resolve() so a non-promise value or a
// synchronous throw behaves as before.
import type { Expression, Node, Statement } from '@babel/types';
import { freeName, namesInUse } from '../analysis/names-in-use';
import { unwrapExpression } from '../analysis/ast';
import { replaceChild } from '../analysis/replace-child';
import { visit } from '../analysis/walk';
import { moduleBindings } from './scope';
import type { TransformContext } from '../types';
import type { LazyInitFix, LazyInitPlan } from './plan-lazy-init';
import { parseStatements } from './parse-template';

const PLACEHOLDER = '__lmiMigrateLoad__';

export function applyLazyInit(ctx: TransformContext, plan: LazyInitPlan): boolean {
  let changed = false;
  const taken = namesInUse(ctx.analysis.ast.program);
  for (const fix of plan.fixes) {
    rewrite(ctx, fix, freeName(`${fix.name}Promise`, taken));
    changed = true;
  }
  return changed;
}

function rewrite(ctx: TransformContext, fix: LazyInitFix, promise: string): void {
  const { j } = ctx;
  const id = fix.declarator.id as Node & { typeAnnotation?: unknown };
  const declared = parseStatements(j, `let ${promise}${promiseType(ctx, id)};`)[0] as Extract<Statement, { type: 'VariableDeclaration' }>;
  fix.declarator.id = declared.declarations[0].id;
  fix.declarator.init = null;
  for (const site of fix.sites) {
    const load = returnsPromise(ctx, site.load) ? PLACEHOLDER : `Promise.resolve(${PLACEHOLDER})`;
    const code = [
      `const ${fix.name} = await (${promise} ??= ${load}.catch((err) => {`,
      `  ${promise} = undefined;`,
      `  throw err;`,
      `}));`,
    ].join('\n');
    const [stmt] = parseStatements(j, code);
    replacePlaceholder(stmt as Node, site.load as Node);
    const body = (site.fn.body as Extract<Node, { type: 'BlockStatement' }>).body;
    const at = body.indexOf(site.stmt);
    moveComments(site.stmt, stmt);
    body.splice(at, 1, stmt);
  }
}

/** `: Db | undefined` → `: Promise<Db> | undefined`; nothing when the binding had no type. */
function promiseType(ctx: TransformContext, id: Node & { typeAnnotation?: unknown }): string {
  const ann = id.typeAnnotation as { type: string; typeAnnotation: Node } | undefined;
  if (!ann || ann.type !== 'TSTypeAnnotation') return '';
  const t = ann.typeAnnotation;
  const parts = t.type === 'TSUnionType' ? t.types : [t];
  const kept = parts.filter((p) => p.type !== 'TSUndefinedKeyword' && p.type !== 'TSNullKeyword');
  if (kept.length === 0 || kept.some((p) => p.start == null)) return '';
  const text = kept.map((p) => ctx.source.slice(p.start!, p.end!)).join(' | ');
  return `: Promise<${text}> | undefined`;
}

/** A call of an `async function` / async arrow declared in this file. */
function returnsPromise(ctx: TransformContext, load: Expression): boolean {
  const call = unwrapExpression(load);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier') return false;
  const name = call.callee.name;
  const b = moduleBindings(ctx.analysis.ast).get(name);
  if (!b) return false;
  const stmt = ctx.analysis.ast.program.body[b.index];
  const decl = stmt.type === 'ExportNamedDeclaration' && stmt.declaration ? stmt.declaration : stmt;
  if (decl.type === 'FunctionDeclaration') return decl.async && !decl.generator;
  const init = unwrapExpression(b.declarator?.init);
  return b.kind === 'const' && !!init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') && init.async && !init.generator;
}

type Commented = { comments?: Array<{ type: string; value: string; leading?: boolean; trailing?: boolean }> | null };

/** The replaced statement's comments go to its replacement (without positions from the old text). */
function moveComments(from: Node, to: Node): void {
  const comments = (from as Commented).comments;
  if (!comments?.length) return;
  (to as Commented).comments = comments.map((c) => ({ type: c.type, value: c.value, leading: c.leading, trailing: c.trailing }));
}

/** The template's placeholder becomes the load expression (a plain walk: a jscodeshift find() builds a visitor table per call). */
function replacePlaceholder(template: Node, load: Node): void {
  let found: { node: Node; parent: Node } | undefined;
  visit(template, (node, parent) => {
    if (node.type === 'Identifier' && node.name === PLACEHOLDER && parent) found = { node, parent };
  });
  if (!found || !replaceChild(found.parent, found.node, load)) throw new Error('init-phase: the lazy-init template lost its placeholder');
}
