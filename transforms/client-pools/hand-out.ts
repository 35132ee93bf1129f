// A connection checked out of a pool must be back before `finally` releases it. It may leave the
// function that checked it out only as an argument of a call awaited right there
// (`const result = await work(c)`): that call is over before the release. Stored, returned, handed
// to a call that is not awaited, or used by a nested function, it could still be in use after the
// release, while another request has it.
import type { Node } from '@babel/types';
import { dottedName } from '../analysis/ast';
import type { FileAnalysis } from '../analysis/file-analysis';
import type { ConnectionUse } from './connection-uses';

export type HandOut = { ok: true; handedTo: string[] } | { ok: false; why: string };

export function handOutVerdict(uses: ConnectionUse[], fn: Node, analysis: FileAnalysis): HandOut {
  const handedTo: string[] = [];
  for (const u of uses) {
    if (u.method) continue;
    if (u.fn !== fn) return { ok: false, why: 'a nested function uses the connection, and could still use it after it is released' };
    const call = analysis.index.parent(u.ref);
    if (call?.type !== 'CallExpression' || !call.arguments.includes(u.ref)) return { ok: false, why: 'the connection is stored or returned, so it could be used after it is released' };
    const name = dottedName(call.callee) ?? 'a function';
    const awaited = analysis.index.parent(call);
    const holder = awaited?.type === 'AwaitExpression' ? analysis.index.parent(awaited) : null;
    const direct = holder?.type === 'ExpressionStatement' || holder?.type === 'ReturnStatement' || (holder?.type === 'VariableDeclarator' && holder.init === awaited);
    if (!direct) return { ok: false, why: `the connection is handed to \`${name}()\`, which is not awaited right there, so it could still use it after it is released` };
    handedTo.push(name);
  }
  return { ok: true, handedTo };
}
