// A module-level setInterval runs forever, once per worker thread; a per-invocation interval
// that is never cleared keeps running after the response (the environment is never frozen).
import type { CallExpression, Node } from '@babel/types';
import { dottedName } from '../analysis/ast';
import { visit } from '../analysis/walk';
import type { Rule, RuleReport } from '../types';
import { atModuleLevel, enclosingHandler } from './handler-scope';

function isCall(node: Node, names: string[]): boolean {
  if (node.type !== 'CallExpression') return false;
  const name = dottedName(node.callee);
  return !!name && names.some((n) => name === n || name === `globalThis.${n}` || name === `global.${n}`);
}

export const moduleTimer: Rule = {
  id: 'module-timer',
  title: 'Intervals that outlive requests',
  severity: 'warning',
  docs: 'module-timer',
  needs: ['setInterval'],
  check(ctx) {
    const { index, handlers } = ctx.analysis;
    const reports: RuleReport[] = [];
    for (const call of index.ofType('CallExpression') as CallExpression[]) {
      if (!isCall(call, ['setInterval'])) continue;
      if (atModuleLevel(call, index)) {
        reports.push({
          node: call,
          message: 'Module-level setInterval runs for the life of the environment, once per worker thread, and is never frozen between requests.',
          hint: 'move pollers out of the function (EventBridge schedule) or make the work per request',
        });
        continue;
      }
      const h = enclosingHandler(call, handlers, index);
      if (!h) continue;
      let cleared = false;
      visit(h.fn, (n) => {
        if (cleared) return false;
        if (isCall(n, ['clearInterval'])) cleared = true;
        return undefined;
      });
      if (!cleared) {
        reports.push({
          node: call,
          message: 'setInterval in the handler is never cleared: it keeps running after the response, alongside other requests.',
          hint: 'clearInterval in a finally block',
        });
      }
    }
    return reports;
  },
};
