// File-wide facts the init-phase plans share: module bindings, which of them anything mutates,
// and whether process.env is written.
import { memoOn } from '../analysis/memo';
import type { File as BabelFile, Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';
import { dottedName, propertyName, unwrapExpression } from '../analysis/ast';
import { sameModule } from '../analysis/module-specifier';
import { moduleBindings, type ModuleBinding } from './scope';
import type { NodeIndex } from '../analysis/walk';

export interface ModuleFacts {
  bindings: Map<string, ModuleBinding>;
  /** module names that are reassigned or mutated (`x = …`, `x.a = …`, `x.push(…)`, `delete x.a`) anywhere */
  mutated: Set<string>;
  /** `process.env` is written somewhere in the file */
  envWritten: boolean;
}

/** Methods that change the object they are called on. */
export const MUTATING_METHODS = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
  'set', 'delete', 'clear', 'add', 'append', 'assign', 'defineProperty', 'setPrototypeOf',
]);

/** The identifier at the bottom of a member chain (`a` in `a.b.c`), else null. */
export function baseIdentifier(node: Node | null | undefined): string | null {
  let n = unwrapExpression(node);
  while (n && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression')) n = unwrapExpression(n.object);
  return n?.type === 'Identifier' ? n.name : null;
}

// The writes come from the file's node index (one walk shared with every rule) rather than a walk
// of their own. The index also holds TS namespace and enum bodies, which a value walk skips: their
// writes count too, which only makes the facts more cautious.
const WRITE_TYPES = ['AssignmentExpression', 'UpdateExpression', 'UnaryExpression', 'CallExpression', 'OptionalCallExpression'] as const;

export function moduleFacts(ast: BabelFile, index: NodeIndex): ModuleFacts {
  const bindings = moduleBindings(ast);
  const mutated = new Set<string>();
  let envWritten = false;
  const written = (target: Node) => {
    const name = baseIdentifier(target);
    if (name) mutated.add(name);
    // spell the whole name only for the one base that can start with process.env
    if (name === 'process' && dottedName(target)?.startsWith('process.env')) envWritten = true;
  };
  for (const type of WRITE_TYPES) {
    for (const node of index.ofType(type) as Node[]) {
      if (node.type === 'AssignmentExpression') written(node.left);
      else if (node.type === 'UpdateExpression') written(node.argument);
      else if (node.type === 'UnaryExpression' && node.operator === 'delete') written(node.argument);
      else if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression') {
        const callee = unwrapExpression(node.callee);
        if (callee && (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression')) {
          const method = propertyName(callee);
          if (method && MUTATING_METHODS.has(method)) written(callee.object);
          // Object.assign(x, …) / Object.defineProperty(x, …): the method is tested first, as most calls are neither
          const full = method === 'assign' || method === 'defineProperty' ? dottedName(callee) : null;
          if ((full === 'Object.assign' || full === 'Object.defineProperty') && node.arguments[0]) written(node.arguments[0]);
        }
      }
    }
  }
  return { bindings, mutated, envWritten };
}

// One set of facts per analysis: every init-phase plan of a file reads the same untouched tree (the
// transform plans everything before it rewrites, and gets a fresh analysis per transform).
const FACTS = {};

/** moduleFacts of the analysed file, computed once per analysis and shared by every init-phase plan. */
export function factsOf(analysis: FileAnalysis): ModuleFacts {
  return memoOn(analysis, FACTS, () => moduleFacts(analysis.ast, analysis.index));
}

/** Does `local` name a binding imported from `module` (any spelling, `node:` or not) as `name` ('*' = the whole module)? */
export function importsFrom(facts: ModuleFacts, local: string, module: string, name: string): boolean {
  const b = facts.bindings.get(local);
  if (!b || (b.kind !== 'import' && b.kind !== 'require') || !b.source || !sameModule(b.source, module)) return false;
  const whole = b.imported === '*' || b.imported === 'default';
  return name === '*' ? whole : b.imported === name;
}

/** `readFileSync` / `fs.readFileSync` / `fs.promises.readFile` → which module member a callee names, or null. */
export function calleeMember(facts: ModuleFacts, callee: Node, modules: readonly string[]): { module: string; name: string; form: 'named' | 'member' } | null {
  const c = unwrapExpression(callee);
  if (!c) return null;
  if (c.type === 'Identifier') {
    const b = facts.bindings.get(c.name);
    if (!b || !b.source || !b.imported || b.imported === '*' || b.imported === 'default') return null;
    const module = modules.find((m) => sameModule(b.source!, m));
    return module ? { module, name: b.imported, form: 'named' } : null;
  }
  if (c.type === 'MemberExpression') {
    const name = propertyName(c);
    const obj = unwrapExpression(c.object);
    if (!name || !obj) return null;
    if (obj.type === 'Identifier') {
      const module = modules.find((m) => importsFrom(facts, obj.name, m, '*'));
      if (module) return { module, name, form: 'member' };
      // `const { promises: fsp } = require('fs')` / `import { promises } from 'fs'`
      const b = facts.bindings.get(obj.name);
      if (b?.imported === 'promises' && b.source && modules.some((m) => sameModule(b.source!, m))) {
        return { module: `${b.source.replace(/^node:/, '')}/promises`, name, form: 'member' };
      }
    }
    if (obj.type === 'MemberExpression' && propertyName(obj) === 'promises') {
      const base = unwrapExpression(obj.object);
      if (base?.type === 'Identifier' && importsFrom(facts, base.name, 'fs', '*')) return { module: 'fs/promises', name, form: 'member' };
    }
  }
  return null;
}
