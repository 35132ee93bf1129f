// AWS AppConfig fetched inside a handler. Reported, never moved: AppConfig is meant to be polled
// (a session started once, GetLatestConfiguration called as the configuration may change), so
// reading it once at init would freeze it for the life of the worker, which on LMI is hours.
import type { FileAnalysis } from '../analysis/file-analysis';
import { propertyName, unwrapExpression } from '../analysis/ast';
import { isInside } from '../analysis/walk';
import type { CallExpression } from '@babel/types';
import type { PlanReport } from './reports';

const V3_COMMANDS = new Set(['StartConfigurationSessionCommand', 'GetLatestConfigurationCommand', 'GetConfigurationCommand']);
const V2_METHODS = new Set(['startConfigurationSession', 'getLatestConfiguration', 'getConfiguration']);
/** tokens every AppConfig call of a file spells */
export const APPCONFIG_TOKENS = ['ConfigurationSession', 'LatestConfiguration', 'getConfiguration', 'GetConfiguration'];

export function appConfigFetches(analysis: FileAnalysis): PlanReport[] {
  if (!APPCONFIG_TOKENS.some((t) => analysis.source.includes(t))) return [];
  // the first AppConfig call of each handler in walk order: the index lists calls in that order
  const calls = analysis.index.ofType('CallExpression').filter(isAppConfigCall);
  const reports: PlanReport[] = [];
  for (const handler of analysis.handlers) {
    // one finding per handler: the session and its polls are one fix
    const node = calls.find((call) => isInside(analysis.index, call, handler.fn.body));
    if (!node) continue;
    reports.push({
      node,
      message: 'The handler fetches AWS AppConfig configuration on every invocation.',
      hint:
        'start one configuration session at init and poll GetLatestConfiguration with its token when the poll interval has passed ' +
        '(or use the AWS AppConfig Lambda extension); not moved automatically: read once at init, it would never refresh',
      fixable: false,
    });
  }
  return reports;
}

/** `client.send(new GetLatestConfigurationCommand(…))` (v3) or `appconfig.getLatestConfiguration(…)` (v2). */
function isAppConfigCall(node: CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  const cmd = unwrapExpression(node.arguments[0]);
  const v3 = method === 'send' && cmd?.type === 'NewExpression' && cmd.callee.type === 'Identifier' && V3_COMMANDS.has(cmd.callee.name);
  return v3 || !!(method && V2_METHODS.has(method));
}
