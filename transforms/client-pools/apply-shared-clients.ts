// One module-level client per configuration (MongoClient, Redis), connected once through a
// memoized promise when the code connects explicitly; its error listener moves with it.
import type { Node, Statement } from '@babel/types';
import type { TransformContext } from '../types';
import { insertHoisted } from './apply-hoist';
import type { SharedPlan } from './plan-shared-clients';
import { renameReferences } from './rename';
import { removeStatement, replaceChild, statementList } from './statements';

const COMMENT: Record<string, string> = {
  MongoClient: ' One MongoClient per worker thread (it is a pool)',
  'Redis client': ' One Redis client per worker thread, shared by its concurrent requests',
};
const MEMO_COMMENT = ': connect once, share the attempt, retry after a failure.';

function addComment(ctx: TransformContext, stmt: Statement, text: string): void {
  const c = stmt as unknown as { comments?: unknown[] };
  c.comments = [ctx.j.commentLine(text, true, false), ...(c.comments ?? [])];
}

/**
 * `const client = …;` (optional), `let memo;` and `const connect = () => (memo ??= client.connect().catch(…))`,
 * parsed from one snippet in the file's dialect so recast keeps the lines together.
 */
function clientStatements(ctx: TransformContext, client: string, memo: string | null, connect: string, declare: boolean): Statement[] {
  const typed = /\.[cm]?tsx?$/.test(ctx.file) ? `: ReturnType<typeof ${client}.connect> | undefined` : '';
  const lines = declare ? [`const ${client} = 0;`] : [];
  if (memo) {
    lines.push(
      `let ${memo}${typed};`,
      `const ${connect} = () =>`,
      `  (${memo} ??= ${client}.connect().catch((err) => {`,
      `    ${memo} = undefined;`,
      '    throw err;',
      '  }));',
    );
  }
  return ctx.j(lines.join('\n')).get().node.program.body as Statement[];
}

export function applySharedClients(ctx: TransformContext, plan: SharedPlan): boolean {
  const { analysis, j } = ctx;
  const body = analysis.ast.program.body;
  const comment = COMMENT[plan.family.label];
  for (const group of plan.groups) {
    const first = group.sites[0];
    const init = first.staticConnect ? j.newExpression(group.classNode as never, group.args as never) : first.node;
    const [decl, ...memo] = clientStatements(ctx, group.name, group.needsMemo ? group.memo : null, group.connect, true);
    (decl as unknown as { declarations: Array<{ init: unknown }> }).declarations[0].init = init;
    addComment(ctx, decl, comment + (group.needsMemo ? MEMO_COMMENT : '.'));
    const listeners: Statement[] = [];
    for (const [i, site] of group.sites.entries()) {
      const connectCall = () => j.callExpression(j.identifier(group.connect), []) as unknown as Node;
      for (const u of site.uses) {
        if (u.method && plan.family.closeMethods.has(u.method)) removeStatement(u.statement!, analysis);
        else if (u.method === 'connect') replaceChild(analysis.index.parent(u.call!)!, u.call!, connectCall());
      }
      for (const stmt of site.listeners) {
        statementList(stmt, analysis)!.splice(statementList(stmt, analysis)!.indexOf(stmt), 1);
        if (i === 0) listeners.push(stmt);
      }
      if (site.staticConnect) {
        replaceChild(analysis.index.parent(site.node)!, site.node, connectCall());
        continue;
      }
      const keep = site.uses.filter((u) => u.method === 'on' || !(u.method === 'connect' || (u.method && plan.family.closeMethods.has(u.method))));
      renameReferences(keep.map((u) => u.ref), group.name, analysis);
      removeStatement(site.local.declaration, analysis);
    }
    insertHoisted(body, decl, group.anchor, group.after);
    body.splice(body.indexOf(decl) + 1, 0, ...listeners, ...memo);
  }
  for (const client of plan.moduleClients) {
    for (const u of client.closes) removeStatement(u.statement!, analysis);
    for (const u of client.connects) replaceChild(analysis.index.parent(u.call!)!, u.call!, j.callExpression(j.identifier(client.connect), []) as unknown as Node);
    if (client.connects.length) {
      const memo = clientStatements(ctx, client.name, client.memo, client.connect, false);
      addComment(ctx, memo[0], comment + MEMO_COMMENT);
      body.splice(body.indexOf(client.statement) + 1, 0, ...memo);
    }
  }
  return plan.groups.length + plan.moduleClients.length > 0;
}
