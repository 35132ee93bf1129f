// What the code does with a path expression: the call that consumes it (fs write/read/check,
// child process, a helper of this file) or how it escapes (returned, stored, given to another module).
import type { Node } from '@babel/types';
import { isFunction, staticString, unwrapExpression } from '../analysis/ast';
import { isNodeBuiltin } from '../analysis/module-specifier';
import type { NodeIndex } from '../analysis/walk';
import { moduleFunction, resolveCallee, type Callee } from './callee';
import type { EvalEnv } from './evaluate';

export type UseKind = 'alias' | 'write' | 'read' | 'check' | 'cleanup' | 'mkdir' | 'process' | 'local-call' | 'pure' | 'escape';
/** how the consuming call completes */
export type Timing = 'sync' | 'promise' | 'callback' | 'stream' | 'none';

export interface Use {
  kind: UseKind;
  timing: Timing;
  /** the consuming call, when there is one */
  call?: Node;
  /** module function name ('writeFileSync', 'execFile') */
  fn?: string;
  /** the path expression is the call's argument itself (not inside an array/object/template) */
  direct?: boolean;
  argIndex?: number;
  /** for escapes: what happens to the path, for the finding's message */
  reason?: string;
}

const WRITE = new Set(['writeFile', 'appendFile', 'createWriteStream', 'truncate', 'outputFile', 'writeJson', 'outputJson']);
const SECOND_ARG_WRITES = new Set(['copyFile', 'rename', 'cp', 'link', 'symlink']);
const CHECK = new Set(['exists', 'access', 'stat', 'lstat']);
const CLEANUP = new Set(['rm', 'unlink', 'rmdir']);
const PURE_GLOBALS = /^(console\.\w+|Error|TypeError|RangeError|String|JSON\.stringify|encodeURI|encodeURIComponent)$/;
const CONTAINERS = new Set([
  'ArrayExpression', 'ObjectExpression', 'SpreadElement', 'TemplateLiteral', 'ConditionalExpression', 'LogicalExpression',
  'AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression',
]);

export interface UseScope {
  index: NodeIndex;
  env: EvalEnv;
  /** references to a local name inside the function being analysed (for values kept in a local container) */
  localRefs(name: string): Node[];
}

/** Every use of the value of `node` (a path expression), following locals that hold it inside a container. */
export function usesOf(node: Node, scope: UseScope, depth = 0): Use[] {
  let child: Node = node;
  let direct = true;
  for (;;) {
    const parent = scope.index.parent(child);
    if (!parent) return [{ kind: 'pure', timing: 'none' }];
    if (parent.type === 'ObjectProperty' && parent.value === child) {
      child = parent;
      direct = false;
      continue;
    }
    if (CONTAINERS.has(parent.type) && !(parent.type === 'ConditionalExpression' && parent.test === child)) {
      const transparent = /^(AwaitExpression|TS|Parenthesized)/.test(parent.type);
      if (!transparent) direct = false;
      child = parent;
      continue;
    }
    if (parent.type === 'BinaryExpression') {
      if (parent.operator !== '+') return [{ kind: 'pure', timing: 'none' }];
      child = parent;
      direct = false;
      continue;
    }
    if (parent.type === 'VariableDeclarator' && parent.init === child) {
      if (parent.id.type !== 'Identifier') return [{ kind: 'escape', timing: 'none', reason: 'destructured' }];
      if (direct) return [{ kind: 'alias', timing: 'none' }];
      if (depth > 3) return [{ kind: 'escape', timing: 'none', reason: 'kept in a local the tool does not follow' }];
      return scope.localRefs(parent.id.name).flatMap((ref) => usesOf(ref, scope, depth + 1));
    }
    if ((parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression' || parent.type === 'NewExpression') && parent.callee !== child) {
      return [callUse(parent, parent.arguments.indexOf(child as never), direct, scope)];
    }
    if (parent.type === 'MemberExpression' && parent.object === child) return [{ kind: 'pure', timing: 'none' }];
    if (parent.type === 'ReturnStatement' || (parent.type === 'ArrowFunctionExpression' && parent.body === child)) {
      return [{ kind: 'escape', timing: 'none', reason: 'returned' }];
    }
    if (parent.type === 'AssignmentExpression') return [{ kind: 'escape', timing: 'none', reason: 'stored in a variable or property' }];
    if (/Statement$/.test(parent.type) || parent.type === 'SwitchCase' || parent.type === 'UnaryExpression') {
      return [{ kind: 'pure', timing: 'none' }];
    }
    return [{ kind: 'escape', timing: 'none', reason: `used in a ${parent.type} the tool does not follow` }];
  }
}

function callUse(call: Node & { callee: Node; arguments: Node[] }, argIndex: number, direct: boolean, scope: UseScope): Use {
  const callee = resolveCallee(call.callee, scope.env.facts, (name) => scope.env.locals.get(name));
  const fn = moduleFunction(callee);
  // mkdtemp's argument is a name prefix, not a path that is written
  if (fn && (fn.fn === 'mkdtemp' || fn.fn === 'mkdtempSync')) return { call, argIndex, direct, kind: 'pure', timing: 'none' };
  if (fn && (fn.module === 'fs' || fn.module === 'fs/promises' || fn.module === 'fs-extra')) {
    return { call, argIndex, direct, kind: fsUse(fn.fn, argIndex, call.arguments), fn: fn.fn, timing: fsTiming(fn.module, fn.fn, callee) };
  }
  if (fn && fn.module === 'child_process') {
    const timing: Timing = fn.fn.endsWith('Sync') ? 'sync' : callee.kind === 'module' && callee.promisified ? 'promise' : 'callback';
    return { call, argIndex, direct, kind: 'process', fn: fn.fn, timing };
  }
  if (callee.kind === 'module' && (callee.module === 'path' || callee.module === 'util')) return { call, argIndex, direct, kind: 'pure', timing: 'none' };
  if (callee.kind === 'global' && PURE_GLOBALS.test(callee.path.join('.'))) return { call, argIndex, direct, kind: 'pure', timing: 'none' };
  if (callee.kind === 'local') {
    const decl = scope.env.locals.get(callee.name) ?? scope.env.facts.functions.get(callee.name) ?? scope.env.facts.vars.get(callee.name)?.init;
    const fnNode = unwrapExpression(decl);
    const timing: Timing = isFunction(fnNode) && !fnNode.async ? 'sync' : 'promise';
    return { call, argIndex, direct, kind: 'local-call', fn: callee.name, timing };
  }
  return { call, argIndex, direct, kind: 'escape', timing: 'none', reason: `passed to ${describe(callee)}` };
}

function describe(c: Callee): string {
  if (c.kind === 'module') {
    const name = c.path.length ? c.path.join('.') : 'the module';
    return isNodeBuiltin(c.module) ? `${name} (node:${c.module.replace(/^node:/, '')})` : `${name} from '${c.module}', which may keep it`;
  }
  if (c.kind === 'global') return `${c.path.join('.')}, which may keep it`;
  return 'a call the tool cannot resolve, which may keep it';
}

function fsUse(fn: string, argIndex: number, args: Node[]): UseKind {
  const base = fn.endsWith('Sync') ? fn.slice(0, -'Sync'.length) : fn;
  if (WRITE.has(base)) return argIndex === 0 ? 'write' : 'read';
  if (SECOND_ARG_WRITES.has(base)) return argIndex === 1 ? 'write' : base === 'rename' ? 'cleanup' : 'read';
  if (base === 'open' && argIndex === 0) {
    const flags = args[1] ? staticString(args[1]) : 'r';
    return flags === null || /[wa+]/.test(flags) ? 'write' : 'read';
  }
  if (base === 'mkdir' || base === 'mkdirp' || base === 'ensureDir') return 'mkdir';
  if (CHECK.has(base) || base === 'pathExists') return 'check';
  if (CLEANUP.has(base) || base === 'remove') return 'cleanup';
  return 'read';
}

function fsTiming(module: string, fn: string, callee: Callee): Timing {
  if (fn.endsWith('Sync')) return 'sync';
  if (fn === 'createWriteStream' || fn === 'createReadStream') return 'stream';
  if (module === 'fs/promises' || module === 'fs-extra' || (callee.kind === 'module' && callee.promisified)) return 'promise';
  return 'callback';
}
