// Evaluates an expression as a file-system path, far enough to tell a fixed path under /tmp
// ('/tmp/report.csv', join(tmpdir(), 'x'), `/tmp/${NAME}.json`) from a unique one (randomUUID,
// awsRequestId, mkdtemp), one built from the event, or one that is simply dynamic.
import { posix } from 'node:path';
import type { Node } from '@babel/types';
import { staticString, unwrapExpression } from '../analysis/ast';
import { memberKey, moduleFunction, resolveCallee } from './callee';
import type { ModuleFacts } from './module-facts';

/** One piece of a path: static text, or a marker for a part whose value is not static. */
type Part = { text: string } | { marker: 'unique' | 'event' | 'dynamic' };

export type PathValue =
  | { kind: 'root' }
  | { kind: 'fixed'; path: string }
  | { kind: 'unique' | 'event' | 'dynamic' };

export interface EvalEnv {
  facts: ModuleFacts;
  /** never-reassigned variables of the function being analysed: name → initializer */
  locals: Map<string, Node>;
  /** names that carry the event (the handler's first parameter and what is destructured from it) */
  eventNames: Set<string>;
}

export const TMP = '/tmp';

/** The path value of `node` when it is a path under /tmp (or /tmp itself), else null. */
export function tmpPathValue(node: Node, env: EvalEnv): PathValue | null {
  return classify(parts(node, env, 0));
}

const TMP_DIR = `${TMP}/`;

function classify(ps: Part[]): PathValue | null {
  let prefix = '';
  let i = 0;
  for (; i < ps.length && 'text' in ps[i]; i++) prefix += (ps[i] as { text: string }).text;
  if (prefix !== TMP && !prefix.startsWith(TMP_DIR)) return null;
  if (i === ps.length) {
    const path = normalizedPath(prefix);
    return path === TMP ? { kind: 'root' } : path.startsWith(TMP_DIR) ? { kind: 'fixed', path } : null;
  }
  const markers = ps.filter((p): p is { marker: 'unique' | 'event' | 'dynamic' } => 'marker' in p).map((p) => p.marker);
  const kind = markers.includes('unique') ? 'unique' : markers.includes('event') ? 'event' : 'dynamic';
  return { kind };
}

// A file spells the same few paths again and again (a constant is evaluated at each read):
// normalised once each. Bounded, so a huge run does not keep every path it has seen.
const NORMALIZED = new Map<string, string>();

function normalizedPath(path: string): string {
  let normalized = NORMALIZED.get(path);
  if (normalized === undefined) {
    if (NORMALIZED.size >= 1000) NORMALIZED.clear();
    NORMALIZED.set(path, (normalized = posix.normalize(path).replace(/\/+$/, '')));
  }
  return normalized;
}

const DYNAMIC: Part[] = [{ marker: 'dynamic' }];

function parts(node: Node | null | undefined, env: EvalEnv, depth: number): Part[] {
  const n = unwrapExpression(node);
  if (!n || depth > 12) return DYNAMIC;
  const literal = staticString(n);
  if (literal !== null) return [{ text: literal }];
  switch (n.type) {
    case 'NumericLiteral':
      return [{ text: String(n.value) }];
    case 'TemplateLiteral': {
      const out: Part[] = [];
      n.quasis.forEach((q, i) => {
        out.push({ text: q.value.cooked ?? q.value.raw });
        if (i < n.expressions.length) out.push(...parts(n.expressions[i] as Node, env, depth + 1));
      });
      return out;
    }
    case 'BinaryExpression':
      if (n.operator !== '+') return DYNAMIC;
      return [...parts(n.left as Node, env, depth + 1), ...parts(n.right, env, depth + 1)];
    case 'Identifier': {
      if (env.eventNames.has(n.name)) return [{ marker: 'event' }];
      const local = env.locals.get(n.name);
      if (local) return parts(local, env, depth + 1);
      const v = env.facts.vars.get(n.name);
      if (v) return parts(v.init, env, depth + 1);
      return DYNAMIC;
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return memberParts(n, env);
    case 'AwaitExpression':
      return parts(n.argument, env, depth + 1);
    case 'CallExpression':
    case 'OptionalCallExpression':
      return callParts(n, env, depth);
    default:
      return DYNAMIC;
  }
}

function memberParts(n: Node & { object: Node; property: Node; computed: boolean }, env: EvalEnv): Part[] {
  if (!n.computed && n.property.type === 'Identifier' && n.property.name === 'awsRequestId') return [{ marker: 'unique' }];
  let root: Node = n;
  while (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression') root = root.object;
  if (root.type === 'Identifier' && env.eventNames.has(root.name)) return [{ marker: 'event' }];
  return DYNAMIC;
}

const UNIQUE_FUNCTIONS = new Set(['randomUUID', 'mkdtemp', 'mkdtempSync', 'v4', 'uuidv4', 'uuid', 'nanoid', 'ulid']);

// The last name of a callee decides the value of a call whatever the receiver resolves to:
// only these can make one (resolveCallee's member chain ends with the callee's own key).
const PATH_FUNCTIONS = new Set(['tmpdir', 'join', 'resolve', ...UNIQUE_FUNCTIONS]);

/** False for a call that is certainly dynamic, like `JSON.stringify(x)` or `s3.send(c)`, without resolving the receiver. */
export function callMayMakePath(call: Node & { callee: Node }): boolean {
  const member = unwrapExpression(call.callee);
  return !((member?.type === 'MemberExpression' || member?.type === 'OptionalMemberExpression') && !PATH_FUNCTIONS.has(memberKey(member) ?? ''));
}

function callParts(n: Node & { callee: Node; arguments: Node[] }, env: EvalEnv, depth: number): Part[] {
  if (!callMayMakePath(n)) return DYNAMIC;
  const callee = resolveCallee(n.callee, env.facts, (name) => env.locals.get(name));
  const fn = moduleFunction(callee);
  if (fn && fn.module === 'os' && fn.fn === 'tmpdir' && n.arguments.length === 0) return [{ text: TMP }];
  if (fn && fn.module === 'path' && (fn.fn === 'join' || fn.fn === 'resolve')) return joinParts(n.arguments, env, depth, fn.fn);
  if (callee.kind === 'module' && callee.module === 'path' && callee.path.join('.') === 'posix.join') {
    return joinParts(n.arguments, env, depth, 'join');
  }
  const name = callee.kind === 'module' || callee.kind === 'global' ? callee.path[callee.path.length - 1] : null;
  if (name && UNIQUE_FUNCTIONS.has(name)) return [{ marker: 'unique' }];
  return DYNAMIC;
}

/** path.join / path.resolve: static while every argument is; else the static prefix and the first marker. */
function joinParts(args: Node[], env: EvalEnv, depth: number, how: 'join' | 'resolve'): Part[] {
  const texts: string[] = [];
  for (const arg of args) {
    if (arg.type === 'SpreadElement') return DYNAMIC;
    const ps = parts(arg, env, depth + 1);
    if (ps.every((p) => 'text' in p)) {
      texts.push(ps.map((p) => (p as { text: string }).text).join(''));
      continue;
    }
    if (texts.length === 0) return DYNAMIC;
    const marker = ps.find((p) => 'marker' in p)!;
    return [{ text: `${combine(texts, how)}/` }, marker];
  }
  if (texts.length === 0) return DYNAMIC;
  return [{ text: combine(texts, how) }];
}

function combine(texts: string[], how: 'join' | 'resolve'): string {
  // resolve() of relative segments depends on the cwd: only absolute results are static
  if (how === 'resolve') return texts[0].startsWith('/') || texts.some((t) => t.startsWith('/')) ? posix.resolve(...texts) : '\0';
  return posix.join(...texts);
}
