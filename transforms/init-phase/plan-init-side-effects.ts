// per-worker-init-side-effect: init runs once per worker thread, several per environment, so a
// side effect that must happen once (a listening server, a schema migration, an exclusive lock
// file) now happens W times at once. Report only: the fix is to move it out of the function.
import type { Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { calleeName, propertyName, staticString, unwrapExpression } from '../analysis/ast';
import { baseIdentifier, calleeMember, factsOf, type ModuleFacts } from './module-facts';
import { visitInitCode } from './init-code';
import type { PlanReport } from './reports';

const MIGRATION = /(^|\.)(migrate|runMigrations?|migrateLatest|migrations)(\.|$)/i;

export function planInitSideEffects(analysis: FileAnalysis): PlanReport[] {
  // the module facts are a walk of the whole file: only computed once a call's arguments qualify
  const facts = () => factsOf(analysis);
  // what each call would report wherever it is; then only the calls init runs are reported
  const found = new Map<Node, PlanReport>();
  for (const node of analysis.index.ofType('CallExpression')) {
    const r = sideEffect(node, facts);
    if (r) found.set(node, r);
  }
  if (found.size === 0) return [];
  const out: PlanReport[] = [];
  visitInitCode(analysis.ast, (node) => {
    const r = found.get(node);
    if (r) out.push({ ...r });
  });
  return out;
}

/** The finding a call at init would get, or null. */
function sideEffect(node: Extract<Node, { type: 'CallExpression' }>, facts: () => ModuleFacts): PlanReport | null {
  const name = calleeName(node) ?? '';
  const callee = unwrapExpression(node.callee);
  const method = callee?.type === 'MemberExpression' ? propertyName(callee) : null;
  if (method === 'listen' && baseIdentifier(callee) !== 'process') {
    return report(node, 'starts a server at init', 'every worker thread runs init, so the second listen() on the same port fails with EADDRINUSE; a Lambda handler should not listen (use the handler, or a Lambda Web Adapter)');
  } else if (MIGRATION.test(name) || (method === 'sync' && /sequelize/i.test(baseIdentifier(callee) ?? '')) || runsMigrationCommand(node, facts)) {
    return report(node, 'runs a schema migration at init', 'it now runs once per worker, several at the same time: run migrations once from a deployment step (CI, a custom resource, a separate function)');
  } else if (exclusiveCreate(node, facts)) {
    return report(node, "creates an exclusive ('wx') file at init", 'all workers share /tmp, so every worker but the first fails with EEXIST: use a per-worker name or do not lock');
  }
  return null;
}

function report(node: Node, what: string, hint: string): PlanReport {
  return { node, message: `Init code ${what}, and on LMI init runs once per worker thread, not once per environment.`, hint, fixable: false };
}

function runsMigrationCommand(node: Extract<Node, { type: 'CallExpression' }>, facts: () => ModuleFacts): boolean {
  return /migrat/i.test(staticString(node.arguments[0]) ?? '') && !!calleeMember(facts(), node.callee, ['child_process']);
}

function exclusiveCreate(node: Extract<Node, { type: 'CallExpression' }>, facts: () => ModuleFacts): boolean {
  // the arguments first: they are cheap to read and rarely say 'wx'
  const openWx = staticString(node.arguments[1]) === 'wx';
  const opts = unwrapExpression(node.arguments[2]);
  const writeWx = opts?.type === 'ObjectExpression' && opts.properties.some((p) =>
    p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'flag' && staticString(p.value) === 'wx');
  if (!openWx && !writeWx) return false;
  const fs = calleeMember(facts(), node.callee, ['fs', 'fs/promises']);
  if (!fs) return false;
  if (fs.name === 'openSync' || fs.name === 'open') return openWx;
  if (fs.name === 'writeFileSync' || fs.name === 'writeFile') return writeWx;
  return false;
}
