// Rewrites planned SQL connections into small module-level pools (see plan-db.ts).
import { isInside } from '../analysis/walk';
import type { Expression, Identifier, Node, Statement } from '@babel/types';
import { dottedName } from '../analysis/ast';
import { ensureImport, removeUnusedImport } from '../analysis/add-import';
import type { TransformContext } from '../types';
import { insertHoisted } from './apply-hoist';
import type { DbPlan, DbPool, DbSite } from './plan-db';
import { POOL_COMMENT, poolOptions } from './pool-options';
import { renameReferences } from './rename';
import { removeStatement, replaceChild, statementList } from './statements';

export function applyDb(ctx: TransformContext, plan: DbPlan): boolean {
  const namedFactories: Array<{ source: string; name: string }> = [];
  for (const pool of plan.pools) {
    const first = pool.sites[0];
    const factory = poolFactory(ctx, first);
    if (first.callee.type === 'Identifier') namedFactories.push({ source: first.source, name: first.driver.label === 'pg' ? 'Client' : 'createConnection' });
    const init = first.driver.poolIsClass
      ? ctx.j.newExpression(factory as never, [poolOptions(ctx.j, first) as never])
      : ctx.j.callExpression(factory as never, [poolOptions(ctx.j, first) as never]);
    if (first.scope === 'module') rewriteModuleSite(ctx, pool, first, init as unknown as Expression);
    else rewriteInvocationSites(ctx, pool, init as unknown as Expression);
  }
  const style = { j: ctx.j, root: ctx.root, style: ctx.analysis.moduleStyle };
  for (const f of namedFactories) removeUnusedImport(style, f.source, f.name);
  return plan.pools.length > 0;
}

/** `Pool` / `createPool` next to the connection factory the file already uses. */
function poolFactory(ctx: TransformContext, site: DbSite): Node {
  const { j } = ctx;
  const exportName = site.driver.poolExport;
  if (site.callee.type === 'MemberExpression') return j.memberExpression(site.callee.object as never, j.identifier(exportName)) as unknown as Node;
  const names = ensureImport({ j, root: ctx.root, style: ctx.analysis.moduleStyle }, { source: site.source, named: [exportName] });
  return j.identifier(names[exportName]) as unknown as Node;
}

function addPoolComment(ctx: TransformContext, stmt: Statement): void {
  const c = stmt as unknown as { comments?: unknown[] };
  c.comments = [ctx.j.commentLine(POOL_COMMENT, true, false), ...(c.comments ?? [])];
}

function isEnd(site: DbSite, method: string | null): boolean {
  return !!method && (method === 'connect' || site.driver.endMethods.has(method));
}

function rewriteModuleSite(ctx: TransformContext, pool: DbPool, site: DbSite, init: Expression): void {
  const { analysis } = ctx;
  site.declarator.init = init as never;
  addPoolComment(ctx, site.declaration);
  const inTransaction = (u: DbSite['uses'][number]) => site.transactionFunctions.some((fn) => isInside(ctx.analysis.index, u.ref, fn));
  // `client.end()` in a shutdown hook becomes `pool.end()`; per-request connect/end calls go
  const removed = site.uses.filter((u) => isEnd(site, u.method) && u.statement && !(u.method !== 'connect' && inShutdownHook(u.fn, ctx)));
  for (const u of removed) removeStatement(u.statement!, analysis);
  renameReferences(
    site.uses.filter((u) => !removed.includes(u) && !inTransaction(u)).map((u) => u.ref),
    pool.name,
    analysis,
  );
  if (site.accessors) rewriteAccessorCallers(ctx, pool, site);
  renameReferences([site.declarator.id as Identifier], pool.name, analysis);
  for (const fn of site.transactionFunctions) {
    const body = (fn.body as { body: Statement[] }).body;
    const start = body.findIndex((s) => site.uses.some((u) => isInside(ctx.analysis.index, u.ref, s)));
    const region = body.splice(start, body.length - start);
    body.push(checkoutDeclaration(ctx, site.name, pool.name, site), tryFinallyRelease(ctx, region, site, site.addRollback.has(fn)));
  }
}

/** Drops the lazy accessor; its callers query the pool, or check a connection out for a transaction. */
function rewriteAccessorCallers(ctx: TransformContext, pool: DbPool, site: DbSite): void {
  const { analysis, j } = ctx;
  const body = analysis.ast.program.body;
  for (const stmt of site.accessors!.remove) body.splice(body.indexOf(stmt), 1);
  for (const caller of site.accessors!.callers) {
    if (!caller.transaction) {
      renameReferences(caller.uses.map((u) => u.ref), pool.name, analysis);
      removeStatement(caller.declaration, analysis);
      continue;
    }
    caller.declarator.init = j.awaitExpression(checkoutCall(ctx, pool.name, site) as never) as never;
    const list = (caller.fn.body as { body: Statement[] }).body;
    const rest = list.splice(list.indexOf(caller.declaration) + 1);
    list.push(tryFinallyRelease(ctx, rest, site, caller.addRollback, caller.name));
  }
}

/** `process.on('SIGTERM', async () => { … })` and the like. */
function inShutdownHook(fn: Node | null, ctx: TransformContext): boolean {
  const call = fn && ctx.analysis.index.parent(fn);
  return call?.type === 'CallExpression' && /^process\.(on|once)$/.test(dottedName(call.callee) ?? '');
}

function rewriteInvocationSites(ctx: TransformContext, pool: DbPool, init: Expression): void {
  const { analysis, j } = ctx;
  const decl = j.variableDeclaration('const', [j.variableDeclarator(j.identifier(pool.name), init as never)]) as unknown as Statement;
  addPoolComment(ctx, decl);
  for (const site of pool.sites) {
    if (site.checkout) {
      site.declarator.init = j.awaitExpression(checkoutCall(ctx, pool.name, site) as never) as never;
      for (const u of site.uses) if (u.method === 'connect' && u.statement) removeStatement(u.statement, analysis);
      const release = releaseStatement(ctx, site.name, site);
      const { end, wrap } = site.release!;
      if (wrap) {
        const list = statementList(end, analysis)!;
        list.splice(list.indexOf(end), 1);
        const kept = wrap.filter((s) => list.includes(s)); // another rewrite may have removed one (a hoisted client)
        list.splice(list.indexOf(kept[0]), kept.length, tryFinallyRelease(ctx, kept, site, site.addRollback.size > 0));
      } else {
        replaceChild(analysis.index.parent(end)!, end, release);
        if (site.release!.addCatchTo) site.release!.addCatchTo.handler = rollbackCatch(ctx, site) as never;
      }
      continue;
    }
    for (const u of site.uses) if (isEnd(site, u.method) && u.statement) removeStatement(u.statement, analysis);
    renameReferences(site.uses.filter((u) => !isEnd(site, u.method)).map((u) => u.ref), pool.name, analysis);
    removeStatement(site.declaration, analysis);
  }
  insertHoisted(analysis.ast.program.body, decl, pool.anchor!, pool.after);
}

function checkoutCall(ctx: TransformContext, poolName: string, site: DbSite) {
  const { j } = ctx;
  return j.callExpression(j.memberExpression(j.identifier(poolName), j.identifier(site.driver.checkout)), []);
}

function checkoutDeclaration(ctx: TransformContext, local: string, poolName: string, site: DbSite): Statement {
  const { j } = ctx;
  return j.variableDeclaration('const', [j.variableDeclarator(j.identifier(local), j.awaitExpression(checkoutCall(ctx, poolName, site)))]) as unknown as Statement;
}

function releaseStatement(ctx: TransformContext, local: string, site: DbSite): Statement {
  const { j } = ctx;
  return j.expressionStatement(j.callExpression(j.memberExpression(j.identifier(local), j.identifier(site.driver.checkin)), [])) as unknown as Statement;
}

function tryFinallyRelease(ctx: TransformContext, region: Statement[], site: DbSite, withRollback: boolean, localName = site.name): Statement {
  const { j } = ctx;
  const handler = withRollback ? rollbackCatch(ctx, site, localName) : null;
  return j.tryStatement(j.blockStatement(region as never), handler as never, j.blockStatement([releaseStatement(ctx, localName, site) as never])) as unknown as Statement;
}

/** `catch (err) { await c.query('ROLLBACK'); throw err; }`: a failed transaction never goes back to the pool open. */
function rollbackCatch(ctx: TransformContext, site: DbSite, localName = site.name) {
  const { j } = ctx;
  const local = j.identifier(localName);
  const rollback = site.driver.label === 'pg'
    ? j.callExpression(j.memberExpression(local, j.identifier('query')), [j.stringLiteral('ROLLBACK')])
    : j.callExpression(j.memberExpression(local, j.identifier('rollback')), []);
  return j.catchClause(j.identifier('err'), null, j.blockStatement([
    j.expressionStatement(j.awaitExpression(rollback)),
    j.throwStatement(j.identifier('err')),
  ]));
}
