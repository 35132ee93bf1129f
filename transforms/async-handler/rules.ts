// The three rules async-handler fixes. Each reads the same plan the transform follows.
import { memoOn } from '../analysis/memo';
import type { Node } from '@babel/types';
import { dottedName, propertyName } from '../analysis/ast';
import type { Rule, RuleContext, RuleReport } from '../types';
import { LEGACY_CONTEXT_METHODS } from './completion';
import { planFile, type HandlerPlan } from './plan';
import { handlerNode, RULE_IDS } from './rule-lines';

const HANDLER_PLANS = {};

/** One plan per file analysis, shared by the rules of this file. */
export function filePlans(ctx: RuleContext): HandlerPlan[] {
  return memoOn(ctx.analysis, HANDLER_PLANS, () => planFile(ctx.ast, ctx.analysis.handlers, ctx.file, ctx.analysis.index));
}

function why(plan: HandlerPlan): string {
  const p = plan.problems[0];
  return p ? ` Not rewritten: ${p.message} (line ${p.node.loc?.start.line ?? '?'}).` : '';
}

export const callbackHandler: Rule = {
  id: RULE_IDS.callback,
  title: 'Callback-style handler (rejected at init on LMI and Node.js 24+)',
  severity: 'error',
  docs: RULE_IDS.callback,
  fixedBy: 'async-handler',
  // reports only from the handler plans
  handlerFilesOnly: true,
  check(ctx) {
    return filePlans(ctx)
      .filter((p) => p.kind === 'callback')
      .map((p) => ({
        node: handlerNode(p),
        message: `Handler \`${p.handler.exportName}\` takes a callback (3 parameters): the runtime rejects it at init.${why(p)}`,
        hint: 'make it `async (event, context)`: callback(null, x) → return x, callback(err) → throw err',
        fixable: p.problems.length === 0,
      }));
  },
};

export const syncHandler: Rule = {
  id: RULE_IDS.sync,
  title: 'Synchronous handler serializes its worker thread',
  severity: 'warning',
  docs: RULE_IDS.sync,
  fixedBy: 'async-handler',
  // reports only from the handler plans
  handlerFilesOnly: true,
  check(ctx) {
    return filePlans(ctx)
      .filter((p) => p.kind === 'sync')
      .map((p) => ({
        node: handlerNode(p),
        message: `Handler \`${p.handler.exportName}\` is synchronous: each worker runs it one request at a time.${why(p)}`,
        hint: 'make it `async`',
        fixable: p.problems.length === 0,
      }));
  },
};

function isLegacyContextUse(node: Node): boolean {
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const m = propertyName(node.callee);
    return !!m && LEGACY_CONTEXT_METHODS.has(m) && /^(context|ctx|lambdaContext)$/.test(dottedName(node.callee.object) ?? '');
  }
  return node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && propertyName(node.left) === 'callbackWaitsForEmptyEventLoop';
}

export const contextLegacyApi: Rule = {
  id: RULE_IDS.legacy,
  title: 'context.succeed/fail/done and callbackWaitsForEmptyEventLoop',
  severity: 'error',
  docs: RULE_IDS.legacy,
  fixedBy: 'async-handler',
  needs: ['succeed', 'fail', 'done', 'callbackWaitsForEmptyEventLoop'],
  check(ctx) {
    const reports: RuleReport[] = [];
    const seen = new Set<Node>();
    for (const plan of filePlans(ctx)) {
      const fixable = plan.problems.length === 0;
      for (const node of plan.legacy) {
        seen.add(node);
        reports.push({ node, message: legacyMessage(node) + (fixable ? '' : why(plan)), fixable });
      }
    }
    // uses outside any handler (helpers handed the context)
    for (const type of ['CallExpression', 'AssignmentExpression'] as const) {
      for (const node of ctx.analysis.index.ofType(type)) {
        if (!seen.has(node) && isLegacyContextUse(node)) {
          reports.push({ node, message: `${legacyMessage(node)} Outside the handler: rewrite it by hand.`, fixable: false });
        }
      }
    }
    return reports;
  },
};

function legacyMessage(node: Node): string {
  if (node.type === 'AssignmentExpression') return 'callbackWaitsForEmptyEventLoop does nothing in the new runtime.';
  const m = node.type === 'CallExpression' && node.callee.type === 'MemberExpression' ? propertyName(node.callee) : 'done';
  return `context.${m}() throws in the new runtime.`;
}

export const ASYNC_HANDLER_RULES: Rule[] = [callbackHandler, contextLegacyApi, syncHandler];
