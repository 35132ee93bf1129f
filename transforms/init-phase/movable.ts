// Can an expression from the handler run at init instead? Only if it reads nothing that depends on
// the request (handler parameters, locals derived from them, module state anything writes) and
// calls only things known to be safe to run early (the heavy calls themselves, JSON.parse, path
// helpers, SDK client and command constructors).
import type { Node } from '@babel/types';
import { dottedName, propertyName, unwrapExpression } from '../analysis/ast';
import { COMPILE_METHODS, type HeavyKind } from './heavy-calls';
import { calleeMember, type ModuleFacts } from './module-facts';

export interface MoveScope {
  facts: ModuleFacts;
  /** names declared anywhere in the handler, parameters included */
  handlerLocals: Set<string>;
  /** handler locals already chosen to move to init */
  hoisted: Set<string>;
  /** heavyCallKind of the file's heavy calls (heavyNodes) */
  kinds: ReadonlyMap<Node, HeavyKind>;
}

export interface Movability {
  ok: boolean;
  /** why not: it reads the request (or state requests write), or it does something we do not know */
  reason?: 'request' | 'unknown';
  heavy: Array<{ node: Node; kind: HeavyKind }>;
  awaits: boolean;
  /** handler locals (already hoisted) it reads */
  uses: Set<string>;
}

const SAFE_GLOBALS = new Set(['__dirname', '__filename', 'undefined', 'JSON', 'Buffer', 'URL', 'String', 'Number', 'Boolean']);
const SAFE_CALLS = new Set(['JSON.parse', 'String', 'Number', 'Boolean', 'Buffer.from', 'parseInt', 'parseFloat']);
const SAFE_METHODS = new Set(['toString', 'trim']);
const PATH_FUNCTIONS = new Set(['join', 'resolve', 'dirname', 'basename']);

export function checkMovable(expr: Node, scope: MoveScope): Movability {
  const result: Movability = { ok: true, heavy: [], awaits: false, uses: new Set() };
  const fail = (reason: 'request' | 'unknown') => {
    // "depends on the request" wins over "unknown": it is the more useful message
    if (result.ok || reason === 'request') result.reason = reason;
    result.ok = false;
    return false;
  };
  const ref = (name: string): boolean => {
    if (scope.hoisted.has(name)) {
      result.uses.add(name);
      return true;
    }
    if (scope.handlerLocals.has(name)) return fail('request');
    const b = scope.facts.bindings.get(name);
    if (b) {
      if (b.kind === 'import' || b.kind === 'require') return true;
      if (b.kind === 'function' || b.kind === 'class') return fail('unknown');
      return scope.facts.mutated.has(name) ? fail('request') : true;
    }
    return SAFE_GLOBALS.has(name) ? true : fail('unknown');
  };
  const all = (nodes: ReadonlyArray<Node | null | undefined>) => nodes.every((n) => !n || check(n));
  const check = (raw: Node): boolean => {
    const n = unwrapExpression(raw)!;
    switch (n.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
        return true;
      case 'TemplateLiteral':
        return all(n.expressions);
      case 'Identifier':
        return ref(n.name);
      case 'MetaProperty':
        return true;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const name = dottedName(n);
        if (name?.startsWith('process.env')) return scope.facts.envWritten || scope.facts.bindings.has('process') ? fail('request') : true;
        if (name?.startsWith('import.meta')) return true;
        return check(n.object) && (!n.computed || check(n.property));
      }
      case 'AwaitExpression':
        result.awaits = true;
        return check(n.argument);
      case 'CallExpression':
        return checkCall(n);
      case 'NewExpression':
        return checkNew(n);
      case 'ObjectExpression':
        return n.properties.every((p) =>
          p.type === 'SpreadElement' ? check(p.argument)
            : p.type === 'ObjectProperty' ? (!p.computed || check(p.key)) && check(p.value)
              : fail('unknown'));
      case 'ArrayExpression':
        return all(n.elements.map((e) => (e?.type === 'SpreadElement' ? e.argument : e)));
      case 'BinaryExpression':
      case 'LogicalExpression':
        return check(n.left) && check(n.right);
      case 'ConditionalExpression':
        return check(n.test) && check(n.consequent) && check(n.alternate);
      case 'UnaryExpression':
        return n.operator !== 'delete' ? check(n.argument) : fail('unknown');
      default:
        return fail('unknown');
    }
  };
  const checkCall = (n: Extract<Node, { type: 'CallExpression' }>): boolean => {
    const kind = scope.kinds.get(n) ?? null;
    const callee = unwrapExpression(n.callee)!;
    if (kind === 'require' || kind === 'import') {
      result.heavy.push({ node: n, kind });
      return true;
    }
    if (kind === 'fetch') {
      result.heavy.push({ node: n, kind });
      result.awaits = true;
      const fetchCall = ((callee as { object: { argument: Node } }).object.argument) as Extract<Node, { type: 'CallExpression' }>;
      return all(fetchCall.arguments);
    }
    if (kind === 'secret' || kind === 'parameter') {
      result.heavy.push({ node: n, kind });
      const target = callee.type === 'MemberExpression' ? callee.object : callee;
      if (kind && propertyName(callee as Node) === 'promise') {
        // v2: client.getSecretValue(args).promise()
        const inner = unwrapExpression(target) as Extract<Node, { type: 'CallExpression' }>;
        const innerCallee = unwrapExpression(inner.callee) as Extract<Node, { type: 'MemberExpression' }>;
        return check(innerCallee.object) && all(inner.arguments);
      }
      return check(target) && all(n.arguments);
    }
    if (kind === 'model') {
      result.heavy.push({ node: n, kind });
      return all(n.arguments);
    }
    if (kind === 'compile') {
      result.heavy.push({ node: n, kind });
      return (callee.type !== 'MemberExpression' || check(callee.object)) && all(n.arguments);
    }
    // `validate = ajv.compile(schema)` on an Ajv instance that moves too
    if (callee.type === 'MemberExpression' && COMPILE_METHODS.has(propertyName(callee) ?? '')) {
      const obj = unwrapExpression(callee.object);
      if (obj?.type === 'Identifier' && scope.hoisted.has(obj.name)) {
        result.heavy.push({ node: n, kind: 'compile' });
        return check(obj) && all(n.arguments);
      }
    }
    if (kind === 'file') {
      result.heavy.push({ node: n, kind });
      return (callee.type !== 'MemberExpression' || check(callee.object)) && all(n.arguments);
    }
    const name = dottedName(callee);
    if (name && SAFE_CALLS.has(name) && !scope.facts.bindings.has(name.split('.')[0]) && !scope.handlerLocals.has(name.split('.')[0])) {
      return all(n.arguments);
    }
    const path = calleeMember(scope.facts, callee, ['path']);
    if (path && PATH_FUNCTIONS.has(path.name)) return all(n.arguments);
    if (calleeMember(scope.facts, callee, ['url'])?.name === 'fileURLToPath') return all(n.arguments);
    if (callee.type === 'MemberExpression' && SAFE_METHODS.has(propertyName(callee) ?? '') && n.arguments.length === 0) {
      return check(callee.object);
    }
    return fail('unknown');
  };
  const checkNew = (n: Extract<Node, { type: 'NewExpression' }>): boolean => {
    const callee = unwrapExpression(n.callee);
    if (callee?.type !== 'Identifier') return fail('unknown');
    if (callee.name === 'URL' && !scope.facts.bindings.has('URL')) return all(n.arguments);
    if (scope.kinds.get(n) === 'compile') {
      result.heavy.push({ node: n, kind: 'compile' });
      return all(n.arguments);
    }
    // AWS SDK v3 clients and commands only keep their arguments
    const b = scope.facts.bindings.get(callee.name);
    if (b?.source?.startsWith('@aws-sdk/client-') && !scope.handlerLocals.has(callee.name)) return all(n.arguments);
    return fail('unknown');
  };
  check(expr);
  return result;
}
