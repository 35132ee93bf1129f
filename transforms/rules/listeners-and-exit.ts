// process.exit kills the worker thread with every request in flight on it; SIGTERM is never
// delivered to worker threads; listeners added per invocation on long-lived emitters pile up.
import type { CallExpression, Node } from '@babel/types';
import { dottedName, propertyName, staticString, unwrapExpression } from '../analysis/ast';
import { moduleDeclarations } from '../analysis/handlers';
import { filePlans } from '../async-handler/rules';
import type { Rule, RuleReport } from '../types';
import { atModuleLevel, enclosingHandler } from './handler-scope';

const ON = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const SIGNALS = /^SIG[A-Z]+$/;

export const listenersAndExit: Rule = {
  id: 'listeners-and-exit',
  title: 'process.exit, signal handlers and per-invocation listeners',
  severity: 'error',
  docs: 'listeners-and-exit',
  fixedBy: 'async-handler',
  needs: ['on', 'exit', 'Listener'],
  check(ctx) {
    const { handlers } = ctx.analysis;
    if (handlers.length === 0 && !mayReportOutsideHandlers(ctx.source)) return [];
    const { index } = ctx.analysis;
    const reports: RuleReport[] = [];
    const planned = new Set<Node>();
    for (const plan of filePlans(ctx)) {
      for (const exit of plan.exits) {
        planned.add(exit.node);
        reports.push({
          node: exit.node,
          message: 'process.exit() in the handler kills the worker thread and every request in flight on it.',
          hint: 'throw an error instead',
          fixable: exit.fixable,
        });
      }
    }
    const moduleNames = moduleDeclarations(ctx.ast);
    for (const call of index.ofType('CallExpression') as CallExpression[]) {
      const callee = unwrapExpression(call.callee);
      const name = dottedName(callee);
      if (name === 'process.exit' && !planned.has(call)) {
        reports.push({
          node: call,
          message: 'process.exit() kills the worker thread and every request in flight on it (and at init, the worker).',
          hint: 'throw an error, or let init fail by throwing',
          fixable: false,
        });
        continue;
      }
      if (callee?.type !== 'MemberExpression' || !ON.has(propertyName(callee) ?? '')) continue;
      const receiver = dottedName(callee.object);
      const event = staticString(call.arguments[0] as Node);
      if (receiver === 'process' && event && SIGNALS.test(event)) {
        reports.push({
          node: call,
          message: `process.on('${event}') is never called: signals are not delivered to Lambda worker threads.`,
          hint: 'do cleanup per invocation (finally) or accept that the environment ends without notice',
          fixable: false,
        });
        continue;
      }
      if (atModuleLevel(call, index) || !enclosingHandler(call, handlers, index)) continue;
      const root = receiver?.split('.')[0];
      if (receiver === 'process' || (root && moduleNames.has(root))) {
        reports.push({
          node: call,
          message: `\`${receiver}.${propertyName(callee)}()\` inside the handler adds a listener per invocation to a long-lived emitter: they pile up and fire for other requests.`,
          hint: 'register the listener once at init, or remove it in a finally block',
          fixable: false,
        });
      }
    }
    return reports;
  },
};

/**
 * Without a handler only `process.exit()` and `process.on('SIG…')` can be reported: both name
 * `process` and spell `exit` or `SIG`, unless the name or string is written with escapes
 * (`\u0070rocess`, `'\x53IGTERM'`), which all need a backslash.
 */
function mayReportOutsideHandlers(source: string): boolean {
  if (source.includes('\\')) return true;
  return source.includes('process') && (source.includes('exit') || source.includes('SIG'));
}
