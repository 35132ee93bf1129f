// CDK code choosing a Node.js runtime older than nodejs22.x (`lambda.Runtime.NODEJS_18_X`).
import { dottedName, propertyName } from '../analysis/ast';
import type { Rule, RuleReport } from '../types';
import { MIN_NODE_MAJOR, RUNTIME_HINT } from '../config/runtime-version';

const CDK_RUNTIME = /^NODEJS_(\d+)_X$/;

export const runtimeVersionCdk: Rule = {
  id: 'runtime-version',
  title: 'Node.js runtime older than nodejs22.x',
  severity: 'error',
  docs: 'runtime-version',
  needs: ['NODEJS_'],
  check(ctx) {
    const reports: RuleReport[] = [];
    for (const m of ctx.analysis.index.ofType('MemberExpression')) {
      const match = CDK_RUNTIME.exec(propertyName(m) ?? '');
      if (!match || !/(^|\.)Runtime$/.test(dottedName(m.object) ?? '')) continue;
      const major = Number(match[1]);
      if (major < MIN_NODE_MAJOR) {
        reports.push({ node: m, message: `Runtime.NODEJS_${major}_X: Lambda Managed Instances need nodejs${MIN_NODE_MAJOR}.x or later.`, hint: RUNTIME_HINT });
      }
    }
    return reports;
  },
};
