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
  const out: PlanReport[] = [];
  visitInitCode(analysis.ast, (node) => {
    if (node.type !== 'CallExpression') return;
    const name = calleeName(node) ?? '';
    const callee = unwrapExpression(node.callee);
    const method = callee?.type === 'MemberExpression' ? propertyName(callee) : null;
    if (method === 'listen' && baseIdentifier(callee) !== 'process') {
      out.push(report(node, 'starts a server at init', 'every worker thread runs init, so the second listen() on the same port fails with EADDRINUSE; a Lambda handler should not listen (use the handler, or a Lambda Web Adapter)'));
    } else if (MIGRATION.test(name) || (method === 'sync' && /sequelize/i.test(baseIdentifier(callee) ?? '')) || runsMigrationCommand(node, facts)) {
      out.push(report(node, 'runs a schema migration at init', 'it now runs once per worker, several at the same time: run migrations once from a deployment step (CI, a custom resource, a separate function)'));
    } else if (exclusiveCreate(node, facts)) {
      out.push(report(node, "creates an exclusive ('wx') file at init", 'all workers share /tmp, so every worker but the first fails with EEXIST: use a per-worker name or do not lock'));
    }
  });
  return out;
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
