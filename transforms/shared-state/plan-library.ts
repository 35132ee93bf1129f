// library-global-mutation (report only): per-request changes to objects every request of the
// worker shares — `axios.defaults…`, `i18next.changeLanguage(…)`, a module-level SDK client's
// `middlewareStack` or `config`. The fix is a per-call option, which differs per library.
import type { Node } from '@babel/types';
import { requireSource, unwrapExpression } from '../analysis/ast';
import { perRequestFunction } from './facts';
import type { ModuleBinding, ModuleModel } from './module-model';
import type { PlannedFinding } from './types';

const RULE = 'library-global-mutation' as const;
const STACK_METHODS = new Set(['add', 'use', 'addRelativeTo', 'remove', 'removeByTag', 'concat', 'applyToStack']);

export function planLibraryGlobals(model: ModuleModel): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  const report = (node: Node, what: string, hint: string) =>
    out.push({ rule: RULE, node, message: `${what} per request changes an object shared by every concurrent request on the worker.`, hint });
  for (const a of model.index.ofType('AssignmentExpression')) {
    if (!perRequestFunction(a, model)) continue;
    const path = memberPath(a.left);
    if (!path) continue;
    const root = model.bindings.get(path[0]);
    if (!root) continue;
    if (path[1] === 'defaults' && loadedFrom(root) === 'axios') {
      report(a, `Writing \`${path[0]}.defaults\``, 'pass per-request headers/options in the call (`axios.get(url, { headers })`) or use an instance per configuration');
    } else if (path[1] === 'config' && path.length > 2 && isSharedObject(root)) {
      report(a, `Writing \`${path[0]}.config\``, 'pass per-request settings to the command/call, or keep a separate client per configuration at module scope');
    }
  }
  for (const c of model.index.ofType('CallExpression')) {
    if (!perRequestFunction(c, model)) continue;
    const path = memberPath(c.callee);
    if (!path) continue;
    const root = model.bindings.get(path[0]);
    if (!root) continue;
    if (path.length === 2 && path[1] === 'changeLanguage' && loadedFrom(root) === 'i18next') {
      report(c, `\`${path[0]}.changeLanguage()\``, 'use a fixed-language translator per call: `i18next.getFixedT(lng)` or `t(key, { lng })`');
    } else if (path.length === 3 && path[1] === 'middlewareStack' && STACK_METHODS.has(path[2]) && isSharedObject(root)) {
      report(c, `Changing \`${path[0]}.middlewareStack\``, 'add middleware once at init, or pass per-request values through the command input');
    }
  }
  return out;
}

/** `a.b['c'].d` → ['a', 'b', 'c', 'd']; a dynamic key becomes '[]'; null when not rooted at an identifier. */
export function memberPath(node: Node): string[] | null {
  const n = unwrapExpression(node);
  if (!n) return null;
  if (n.type === 'Identifier') return [n.name];
  if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return null;
  const head = memberPath(n.object);
  if (!head) return null;
  const p = n.property;
  const key = !n.computed && p.type === 'Identifier' ? p.name : p.type === 'StringLiteral' ? p.value : '[]';
  return [...head, key];
}

/** The package a binding was imported or required from. */
function loadedFrom(binding: ModuleBinding): string | null {
  const stmt = binding.statement;
  if (stmt.type === 'ImportDeclaration') return stmt.source.value;
  return requireSource(binding.init) ?? null;
}

/** A module-level object (client, instance) every request uses. */
function isSharedObject(binding: ModuleBinding): boolean {
  return binding.kind !== 'function' && binding.kind !== 'class';
}
