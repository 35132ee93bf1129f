// One module-level MongoClient per configuration, connected once through a memoized promise.
import type { Node, Statement } from '@babel/types';
import { dottedName } from '../analysis/ast';
import type { TransformContext } from '../types';
import { insertHoisted } from './apply-hoist';
import type { MongoPlan } from './plan-mongo';
import { renameReferences } from './rename';
import { removeStatement, replaceChild } from './statements';

const MEMO_COMMENT = ' One MongoClient per worker thread (it is a pool): connect once, share the attempt, retry after a failure.';

/** `let memo;` and `const connect = () => (memo ??= client.connect().catch(…))`, parsed in the file's own dialect. */
function memoStatements(ctx: TransformContext, client: string, memo: string, connect: string, classNode: Node, declare: boolean): Statement[] {
  const typed = /\.[cm]?tsx?$/.test(ctx.file) ? `: Promise<${dottedName(classNode) ?? 'unknown'}> | undefined` : '';
  const text = [
    // the client's own declaration comes from the same snippet so the lines stay together
    ...(declare ? [`const ${client} = 0;`] : []),
    `let ${memo}${typed};`,
    `const ${connect} = () =>`,
    `  (${memo} ??= ${client}.connect().catch((err) => {`,
    `    ${memo} = undefined;`,
    '    throw err;',
    '  }));',
  ].join('\n');
  const body = ctx.j(text).get().node.program.body as Statement[];
  addComment(ctx, body[0]);
  return body;
}

function addComment(ctx: TransformContext, stmt: Statement): void {
  const c = stmt as unknown as { comments?: unknown[] };
  c.comments = [ctx.j.commentLine(MEMO_COMMENT, true, false), ...(c.comments ?? [])];
}

export function applyMongo(ctx: TransformContext, plan: MongoPlan): boolean {
  const { analysis, j } = ctx;
  const body = analysis.ast.program.body;
  for (const group of plan.groups) {
    const first = group.sites[0];
    const init = first.staticConnect ? j.newExpression(group.classNode as never, group.args as never) : first.node;
    const [decl, ...memo] = memoStatements(ctx, group.name, group.memo, group.connect, group.classNode, true);
    (decl as unknown as { declarations: Array<{ init: unknown }> }).declarations[0].init = init;
    for (const site of group.sites) {
      const connectCall = () => j.callExpression(j.identifier(group.connect), []) as unknown as Node;
      for (const u of site.uses) {
        if (u.method === 'close') removeStatement(u.statement!, analysis);
        else if (u.method === 'connect') replaceChild(analysis.index.parent(u.call!)!, u.call!, connectCall());
      }
      if (site.staticConnect) {
        replaceChild(analysis.index.parent(site.node)!, site.node, connectCall());
        continue;
      }
      renameReferences(site.uses.filter((u) => u.method !== 'close' && u.method !== 'connect').map((u) => u.ref), group.name, analysis);
      removeStatement(site.local.declaration, analysis);
    }
    insertHoisted(body, decl, group.anchor, group.after);
    body.splice(body.indexOf(decl) + 1, 0, ...memo);
  }
  for (const client of plan.moduleClients) {
    for (const u of client.closes) removeStatement(u.statement!, analysis);
    for (const u of client.connects) replaceChild(analysis.index.parent(u.call!)!, u.call!, j.callExpression(j.identifier(client.connect), []) as unknown as Node);
    body.splice(body.indexOf(client.statement) + 1, 0, ...memoStatements(ctx, client.name, client.memo, client.connect, client.classNode, false));
  }
  return plan.groups.length + plan.moduleClients.length > 0;
}
