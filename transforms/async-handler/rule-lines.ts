// Where each async-handler rule reports, so the transform honours the same suppressions.
import type { Node } from '@babel/types';
import type { HandlerPlan } from './plan';

export const RULE_IDS = {
  callback: 'callback-handler',
  legacy: 'context-legacy-api',
  sync: 'sync-handler',
  exit: 'listeners-and-exit',
  xray: 'xray-env-trace-id',
} as const;

/** The node a handler-level finding points at. */
export function handlerNode(plan: HandlerPlan): Node {
  return plan.kind === 'callback' ? plan.fn.params[2] : plan.fn;
}

export function handlerSuppressed(plan: HandlerPlan, isSuppressed: (rule: string, line: number) => boolean): boolean {
  const line = (n: Node) => n.loc?.start.line ?? 0;
  if (plan.kind === 'callback' && isSuppressed(RULE_IDS.callback, line(handlerNode(plan)))) return true;
  if (plan.kind === 'sync' && isSuppressed(RULE_IDS.sync, line(handlerNode(plan)))) return true;
  return plan.legacy.some((n) => isSuppressed(RULE_IDS.legacy, line(n)));
}
