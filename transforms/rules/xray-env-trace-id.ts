// `_X_AMZN_TRACE_ID` is not set on Lambda Managed Instances (many requests share the process).
import type { Node } from '@babel/types';
import { dottedName, propertyName } from '../analysis/ast';
import { filePlans } from '../async-handler/rules';
import type { Rule, RuleReport } from '../types';

const TRACE_ID = '_X_AMZN_TRACE_ID';
const MESSAGE = 'process.env._X_AMZN_TRACE_ID is not set on Lambda Managed Instances.';
const HINT = 'use context.xRayTraceId';

export const xrayEnvTraceId: Rule = {
  id: 'xray-env-trace-id',
  title: 'Trace id read from the environment',
  severity: 'warning',
  docs: 'xray-env-trace-id',
  fixedBy: 'async-handler',
  needs: [TRACE_ID],
  check(ctx) {
    const reports: RuleReport[] = [];
    const planned = new Set<Node>();
    for (const plan of filePlans(ctx)) {
      for (const t of plan.traceIds) {
        planned.add(t.node);
        reports.push({ node: t.node, message: MESSAGE, hint: HINT, fixable: t.fixable });
      }
    }
    const { index } = ctx.analysis;
    for (const m of index.ofType('MemberExpression')) {
      if (!planned.has(m) && propertyName(m) === TRACE_ID && dottedName(m.object) === 'process.env') {
        reports.push({ node: m, message: `${MESSAGE} Outside a handler with a context parameter: pass the trace id in.`, hint: HINT, fixable: false });
      }
    }
    // const { _X_AMZN_TRACE_ID } = process.env
    for (const p of index.ofType('ObjectPattern')) {
      const parent = index.parent(p);
      if (parent?.type !== 'VariableDeclarator' || dottedName(parent.init) !== 'process.env') continue;
      for (const prop of p.properties) {
        if (prop.type === 'ObjectProperty' && !prop.computed && prop.key.type === 'Identifier' && prop.key.name === TRACE_ID) {
          reports.push({ node: prop, message: MESSAGE, hint: HINT, fixable: false });
        }
      }
    }
    return reports;
  },
};
