// Recognizes the expensive, usually invocation-independent calls heavy-work-in-handler is about.
// Only what is listed here is ever moved to init: anything else is left alone.
import type { Node } from '@babel/types';
import { dottedName, propertyName, requireSource, staticString, unwrapExpression } from '../analysis/ast';
import { baseIdentifier, calleeMember, importsFrom, type ModuleFacts } from './module-facts';
import { isNodeBuiltin } from '../analysis/module-specifier';

export type HeavyKind = 'file' | 'secret' | 'parameter' | 'fetch' | 'require' | 'import' | 'compile' | 'model';

/** ML model loaders: `tf.loadLayersModel(url)`, `ort.InferenceSession.create(path)`. */
const MODEL_LOADERS: Array<{ module: RegExp; path: string }> = [
  { module: /^@tensorflow\/tfjs(-node(-gpu)?)?$/, path: 'loadLayersModel' },
  { module: /^@tensorflow\/tfjs(-node(-gpu)?)?$/, path: 'loadGraphModel' },
  { module: /^onnxruntime-(node|web)$/, path: 'InferenceSession.create' },
];

/** The last name of every loader path ('create' of 'InferenceSession.create'). */
const LOADER_LAST_NAMES = new Set(MODEL_LOADERS.map((l) => l.path.slice(l.path.lastIndexOf('.') + 1)));

/**
 * The name a callee ends with, as calleeMember and isModelLoader see it: a member's property
 * (`fs.readFileSync`, `tf.loadLayersModel`), or the name a bare identifier imports.
 */
function calleeLastName(callee: Node, facts: ModuleFacts): string | null | undefined {
  const c = unwrapExpression(callee);
  if (c?.type === 'Identifier') return facts.bindings.get(c.name)?.imported;
  return c ? propertyName(c) : null;
}

/** Methods that compile a schema or template on a validator/template engine instance. */
export const COMPILE_METHODS = new Set(['compile', 'compileAsync', 'addSchema']);

const SECRET_COMMANDS = new Set(['GetSecretValueCommand', 'BatchGetSecretValueCommand']);
const PARAMETER_COMMANDS = new Set(['GetParameterCommand', 'GetParametersCommand', 'GetParametersByPathCommand']);
const V2_METHODS: Record<string, HeavyKind> = {
  getSecretValue: 'secret',
  batchGetSecretValue: 'secret',
  getParameter: 'parameter',
  getParameters: 'parameter',
  getParametersByPath: 'parameter',
};

function isRelative(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');
}

/** The kind of heavy call `node` is, or null. The parts it reads are checked separately (movable.ts). */
export function heavyCallKind(node: Node, facts: ModuleFacts): HeavyKind | null {
  if (node.type === 'NewExpression') return isValidatorClass(node.callee, facts) ? 'compile' : null;
  if (node.type !== 'CallExpression') return null;
  const req = requireSource(node);
  // relative requires inside functions are often there to break a require cycle: leave them
  // builtins are already loaded and cheap to require
  if (req !== null) return isRelative(req) || isNodeBuiltin(req) ? null : 'require';
  if (node.callee.type === 'Import') {
    const spec = staticString(node.arguments[0]);
    return spec !== null && !isRelative(spec) && !isNodeBuiltin(spec) ? 'import' : null;
  }
  // both tests below need a callee that ends with one of a few names: most calls are spared them
  const last = calleeLastName(node.callee, facts);
  if (last === 'readFileSync' || last === 'readFile') {
    const fsCall = calleeMember(facts, node.callee, ['fs', 'fs/promises']);
    if (fsCall && isFileRead(fsCall) && readOnlyPath(node.arguments[0], facts)) return 'file';
  }
  if (last && LOADER_LAST_NAMES.has(last) && isModelLoader(node.callee, facts)) return 'model';
  const callee = unwrapExpression(node.callee);
  if (callee?.type !== 'MemberExpression') return null;
  const method = propertyName(callee);
  if (method === 'send' && node.arguments.length === 1) {
    const cmd = unwrapExpression(node.arguments[0]);
    if (cmd?.type === 'NewExpression' && cmd.callee.type === 'Identifier') {
      const name = cmd.callee.name;
      if (SECRET_COMMANDS.has(name) && importsFrom(facts, name, '@aws-sdk/client-secrets-manager', name)) return 'secret';
      if (PARAMETER_COMMANDS.has(name) && importsFrom(facts, name, '@aws-sdk/client-ssm', name)) return 'parameter';
    }
    return null;
  }
  if (method && COMPILE_METHODS.has(method)) {
    const obj = unwrapExpression(callee.object);
    if (obj?.type !== 'Identifier') return null;
    // Handlebars.compile(tpl); ajv.compile(schema) on a module-level `new Ajv()`
    if (importsFrom(facts, obj.name, 'handlebars', '*')) return 'compile';
    const init = unwrapExpression(moduleConstInit(facts, obj.name));
    return init?.type === 'NewExpression' && isValidatorClass(init.callee, facts) ? 'compile' : null;
  }
  if (method === 'promise' && node.arguments.length === 0) {
    const inner = unwrapExpression(callee.object);
    const innerCallee = inner?.type === 'CallExpression' ? unwrapExpression(inner.callee) : null;
    const innerMethod = innerCallee ? propertyName(innerCallee) : null;
    return innerMethod ? (V2_METHODS[innerMethod] ?? null) : null;
  }
  if ((method === 'json' || method === 'text') && node.arguments.length === 0) {
    const res = unwrapExpression(callee.object);
    const call = res?.type === 'AwaitExpression' ? unwrapExpression(res.argument) : null;
    if (call?.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'fetch' &&
      !facts.bindings.has('fetch') && call.arguments.length === 1 && isRemoteFixedUrl(call.arguments[0], facts)) return 'fetch';
  }
  return null;
}

function isFileRead(call: { module: string; name: string }): boolean {
  return (call.module === 'fs' && call.name === 'readFileSync') || (call.module === 'fs/promises' && call.name === 'readFile');
}

/** `dottedName` that also spells `import.meta.x`. */
function pathName(node: Node | null | undefined): string | null {
  const n = unwrapExpression(node);
  if (n?.type === 'MemberExpression' && n.object.type === 'MetaProperty' && !n.computed && n.property.type === 'Identifier') {
    return `import.meta.${n.property.name}`;
  }
  return dottedName(n);
}

const TASK_ROOTS = new Set(['__dirname', 'import.meta.dirname', 'process.env.LAMBDA_TASK_ROOT']);

/**
 * A path inside the deployment package or a layer (/var/task, /opt): read-only on Lambda, so
 * reading it gives the same bytes on every invocation. A relative path resolves against the
 * working directory, which is the task root.
 */
export function readOnlyPath(arg: Node | null | undefined, facts: ModuleFacts, depth = 0): boolean {
  const n = unwrapExpression(arg);
  if (!n || depth > 4) return false;
  const s = staticString(n);
  if (s !== null) return !s.startsWith('/') ? !s.startsWith('~') : /^\/(var\/task|opt)\//.test(s);
  if (n.type === 'TemplateLiteral') {
    return n.quasis[0].value.raw === '' && n.expressions.length > 0 && TASK_ROOTS.has(pathName(n.expressions[0]) ?? '');
  }
  if (n.type === 'CallExpression') {
    const path = calleeMember(facts, n.callee, ['path']);
    if (path && (path.name === 'join' || path.name === 'resolve')) {
      const first = n.arguments[0];
      return TASK_ROOTS.has(pathName(first) ?? '') || (staticString(first) !== null && readOnlyPath(first, facts, depth + 1));
    }
    const url = calleeMember(facts, n.callee, ['url']);
    if (url?.name === 'fileURLToPath') return readOnlyPath(n.arguments[0], facts, depth + 1);
    return false;
  }
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URL' && !facts.bindings.has('URL')) {
    return staticString(n.arguments[0]) !== null && !staticString(n.arguments[0])!.startsWith('/') &&
      pathName(n.arguments[1]) === 'import.meta.url';
  }
  if (n.type === 'Identifier') {
    const init = moduleConstInit(facts, n.name);
    return init !== null && readOnlyPath(init, facts, depth + 1);
  }
  return false;
}

/** The initializer of a module-level `const name = …` that nothing mutates, else null. */
export function moduleConstInit(facts: ModuleFacts, name: string): Node | null {
  const b = facts.bindings.get(name);
  if (!b || b.kind !== 'const' || facts.mutated.has(name) || !b.declarator) return null;
  return b.declarator.id.type === 'Identifier' ? (b.declarator.init ?? null) : null;
}

/** `Ajv` imported or required from 'ajv' (or one of its entry points). */
function isValidatorClass(callee: Node, facts: ModuleFacts): boolean {
  const c = unwrapExpression(callee);
  if (c?.type !== 'Identifier') return false;
  const b = facts.bindings.get(c.name);
  return !!b?.source && (b.source === 'ajv' || b.source.startsWith('ajv/'));
}

/** `tf.loadLayersModel` (namespace or default import) or a named import of a loader (`InferenceSession.create`). */
function isModelLoader(callee: Node, facts: ModuleFacts): boolean {
  // most callees are not imported from anywhere: ask before spelling the whole name
  const root = baseIdentifier(callee);
  if (root === null || !facts.bindings.get(root)?.source) return false;
  const name = dottedName(callee);
  if (!name) return false;
  const [base, ...rest] = name.split('.');
  const b = facts.bindings.get(base);
  if (!b?.source) return false;
  const path = b.imported === '*' || b.imported === 'default' ? rest.join('.') : [b.imported, ...rest].join('.');
  return MODEL_LOADERS.some((l) => l.module.test(b.source!) && l.path === path);
}

/**
 * A URL known from the source that is not on this machine. Local endpoints are the AppConfig and
 * Parameters-and-Secrets Lambda extensions (localhost:2772/2773), which are meant to be asked per
 * invocation: they cache and refresh themselves, so freezing their answer at init would be wrong.
 */
function isRemoteFixedUrl(arg: Node | null | undefined, facts: ModuleFacts): boolean {
  const n = unwrapExpression(arg);
  const url = n?.type === 'Identifier' ? staticString(moduleConstInit(facts, n.name)) : staticString(n);
  return url !== null && /^https?:\/\//.test(url) && !/^https?:\/\/(localhost|127\.|\[::1\]|0\.0\.0\.0)/.test(url);
}
