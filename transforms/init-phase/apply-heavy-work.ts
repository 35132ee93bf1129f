// Moves a handler's invocation-independent heavy `const` statements to init.
// top-level form: the statements move to module scope as they are (ESM with top-level await,
//   or code that does not await).
// ready form (CommonJS and compiled TS): they move into `async function loadInit()`, started
//   once at init through a memoized `ready` promise that resets on failure, and the handler
//   awaits it where the first moved statement was:
//
//     async function loadInit() { const secret = await …; return { secret }; }
//     let ready;
//     function whenReady() {
//       ready ??= loadInit().catch((err) => { ready = undefined; throw err; });
//       return ready;
//     }
//     whenReady().catch(() => {}); // start at init; a failure is retried by the next invocation
//     exports.handler = async (event) => { const { secret } = await whenReady(); … };
import type { Node, Program, Statement } from '@babel/types';
import { freeName, namesInUse } from '../analysis/names-in-use';
import { reprintableDirectives } from '../analysis/recast-print';
import type { TransformContext } from '../types';
import type { HeavyMove, HeavyPlan } from './plan-heavy-work';
import { parseStatements } from './parse-template';

export function applyHeavyWork(ctx: TransformContext, plan: HeavyPlan): boolean {
  // suppressed statements never become part of a move (planHeavyWork)
  const moves = plan.moves;
  if (moves.length === 0) return false;
  const program = ctx.analysis.ast.program;
  // insertion points as statements, not indexes: the body changes below
  const before = new Map(moves.map((m) => [m, program.body[m.insertAt] ?? null]));
  const indexOf = (m: HeavyMove) => {
    const anchor = before.get(m);
    return anchor ? program.body.indexOf(anchor) : program.body.length;
  };
  // the body is reprinted: keep `'use strict';` from printing as `'use strict';;` (may add statements)
  reprintableDirectives(program);
  if (plan.form === 'top-level') {
    for (const m of moves) {
      removeFromHandler(m, m.statements);
      program.body.splice(indexOf(m), 0, ...m.statements);
    }
    return true;
  }
  moveIntoReadyPromise(ctx, program, moves, Math.max(...moves.map(indexOf)));
  return true;
}

function removeFromHandler(m: HeavyMove, statements: readonly Statement[], replacement?: Statement): void {
  const body = m.body.body;
  const first = body.indexOf(statements[0]);
  for (const s of statements) body.splice(body.indexOf(s), 1);
  if (replacement) body.splice(first, 0, replacement);
}

function moveIntoReadyPromise(ctx: TransformContext, program: Program, moves: HeavyMove[], at: number): void {
  const taken = namesInUse(program);
  const load = freeName('loadInit', taken);
  const ready = freeName('ready', taken);
  const whenReady = freeName('whenReady', taken);
  const ts = /\.[cm]?tsx?$/i.test(ctx.file);
  // names each handler still reads once its statements are gone
  const used = moves.map((m) => {
    const rest = m.body.body.filter((s) => !m.statements.includes(s as never));
    const inRest = new Set(rest.flatMap((s) => [...namesInUse(s as Node)]));
    return m.names.filter((n) => inRest.has(n));
  });
  const returned = [...new Set(used.flat())];
  const code = [
    `async function ${load}() {`,
    `  return { ${returned.join(', ')} };`,
    `}`,
    `let ${ready}${ts ? `: ReturnType<typeof ${load}> | undefined` : ''};`,
    `function ${whenReady}() {`,
    `  ${ready} ??= ${load}().catch((err) => {`,
    `    ${ready} = undefined;`,
    `    throw err;`,
    `  });`,
    `  return ${ready};`,
    `}`,
    `// start loading at init; a failure is not an unhandled rejection and is retried by the next invocation`,
    `${whenReady}().catch(() => {});`,
  ].join('\n');
  const [loadFn, ...rest] = parseStatements(ctx.j, code);
  const loadBody = (loadFn as Extract<Statement, { type: 'FunctionDeclaration' }>).body.body;
  loadBody.splice(0, 0, ...moves.flatMap((m) => m.statements));
  if (returned.length === 0) loadBody.pop();
  moves.forEach((m, i) => {
    const wait = used[i].length
      ? `const { ${used[i].join(', ')} } = await ${whenReady}();`
      : `await ${whenReady}();`;
    removeFromHandler(m, m.statements, parseStatements(ctx.j, wait)[0]);
  });
  program.body.splice(at, 0, loadFn, ...rest);
}
