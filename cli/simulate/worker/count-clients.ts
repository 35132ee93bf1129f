// Counts constructions of well-known clients: after Node (or tsx) compiles a package's entry
// file, its exports are replaced by a copy whose client classes and factories record each call
// with the current invocation. Hooking Module._extensions works for require() and for ESM
// `import` of these CommonJS packages (Node snapshots module.exports right after this step).
// Packages loaded as native ES modules are not counted.
import Module, { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { ClientConstruction } from '../protocol';
import { currentInvocation } from './current-invocation';
import { recorded } from './record-calls';
import { patchMethod, watchInstance, type Method } from './watch-instances';
import { libraryFor, type ClientLibrary } from './well-known-clients';

type Extensions = Record<string, (module: { exports: unknown }, filename: string) => void>;

export function countClientConstructions(): ClientConstruction[] {
  const constructions: ClientConstruction[] = [];
  const record = (library: string, name: string) => constructions.push({ library, name, invocation: currentInvocation() });
  const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
  for (const ext of ['.js', '.cjs']) {
    const original = extensions[ext];
    if (!original) continue;
    extensions[ext] = function (this: unknown, module, filename) {
      original.call(this, module, filename);
      const hit = entryOf(filename);
      if (hit) module.exports = wrapExports(module.exports, hit.library, hit.packageName, record, filename);
    };
  }
  return constructions;
}

const entryCache = new Map<string, boolean>();

/** The well-known library whose entry point `filename` is, if any. */
function entryOf(filename: string): { library: ClientLibrary; packageName: string } | undefined {
  const marker = `${sep}node_modules${sep}`;
  const at = filename.lastIndexOf(marker);
  if (at < 0) return undefined;
  const rest = filename.slice(at + marker.length).split(sep);
  const packageName = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  const library = libraryFor(packageName);
  if (!library) return undefined;
  const key = filename;
  if (!entryCache.has(key)) {
    const from = createRequire(join(filename.slice(0, at), 'node_modules', '.lmi-simulate.js'));
    const entries = library.entries.length ? library.entries : [packageName];
    // aws-sdk v2 also has one entry per service: `aws-sdk/clients/s3` exports the S3 class itself
    const serviceEntry = packageName === 'aws-sdk' && rest[1] === 'clients' && rest.length === 3 && rest[2].endsWith('.js');
    entryCache.set(key, serviceEntry || entries.some((e) => safeResolve(from, e) === filename));
  }
  return entryCache.get(key) ? { library, packageName } : undefined;
}

function safeResolve(from: NodeRequire, specifier: string): string | undefined {
  try {
    return from.resolve(specifier);
  } catch {
    return undefined;
  }
}

type Recorder = (library: string, name: string) => void;
/** told about each client built (watch-instances.ts) */
type Built = (name: string, instance: unknown) => void;

function countingConstructor<T extends object>(target: T, library: string, name: string, record: Recorder, statics: string[] = [], built?: Built): T {
  const wrappedStatics = new Map<PropertyKey, unknown>();
  const proxy: T = new Proxy(target, {
    construct(t, args, newTarget) {
      record(library, name);
      const instance = Reflect.construct(t as new (...a: unknown[]) => object, args, (newTarget === proxy ? t : newTarget) as new (...a: unknown[]) => object);
      built?.(name, instance);
      return instance;
    },
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver);
      if (typeof key !== 'string' || !statics.includes(key) || typeof value !== 'function') return value;
      if (!wrappedStatics.has(key)) wrappedStatics.set(key, countingFactory(value as (...a: unknown[]) => unknown, library, `${name}.${key}`, record, t, built));
      return wrappedStatics.get(key);
    },
  });
  return proxy;
}

function countingFactory(fn: (...a: unknown[]) => unknown, library: string, name: string, record: Recorder, self?: unknown, built?: Built) {
  return new Proxy(fn, {
    apply(t, thisArg, args) {
      record(library, name);
      const instance = Reflect.apply(t, thisArg ?? self, args);
      built?.(name, instance);
      return instance;
    },
  });
}

function wrapExports(exports: unknown, library: ClientLibrary, packageName: string, record: Recorder, filename: string): unknown {
  if (library.package === 'aws-sdk') {
    if (typeof exports === 'function') return wrapAwsSdkV2Service(exports, filename, record);
    return wrapAwsSdkV2(exports as Record<string, unknown>, record);
  }
  const built: Built = (name, instance) => watchInstance(library, packageName, name, instance);
  recordWork(exports, library, packageName);
  const staticsOf = (cls: string) => (library.factories ?? []).filter((f) => f.startsWith(`${cls}.`)).map((f) => f.slice(cls.length + 1));
  const wrapMember = (name: string, value: unknown): unknown => {
    if (typeof value !== 'function') return value;
    if (library.workFunctions?.includes(name)) {
      const fn = value as Method;
      return function (this: unknown, ...args: unknown[]) {
        return recorded({ fn: `${packageName}.${name}`, args, sync: true, repeat: 'same-result' }, () => fn.apply(this, args));
      };
    }
    if (library.constructors?.includes(name) || library.isConstructor?.(name, value)) {
      recordSends(value);
      return countingConstructor(value, packageName, name, record, staticsOf(name), built);
    }
    if (library.factories?.includes(name)) return countingFactory(value as (...a: unknown[]) => unknown, packageName, name, record, undefined, built);
    return value;
  };
  if (typeof exports === 'function' && library.selfConstructor) {
    recordSends(exports);
    const self = countingConstructor(exports, packageName, library.selfConstructor, record, [], built);
    return new Proxy(self, {
      get(t, key, receiver) {
        if (key === 'default') return self;
        const value = Reflect.get(t, key, receiver);
        return typeof key === 'string' ? wrapMember(key, value) : value;
      },
    });
  }
  if (!exports || typeof exports !== 'object') return exports;
  // a copy: bundled SDK entry points define their exports as non-configurable getters
  const copy: Record<string, unknown> = Object.create(Object.getPrototypeOf(exports));
  for (const key of Reflect.ownKeys(exports)) {
    const d = Object.getOwnPropertyDescriptor(exports, key)!;
    if (typeof key !== 'string' || key === '__esModule') {
      Object.defineProperty(copy, key, d);
      continue;
    }
    let value: unknown;
    try {
      value = (exports as Record<string, unknown>)[key];
    } catch {
      Object.defineProperty(copy, key, d);
      continue;
    }
    const wrapped = wrapMember(key, value);
    if (wrapped === value) Object.defineProperty(copy, key, d);
    else Object.defineProperty(copy, key, { value: wrapped, enumerable: d.enumerable, writable: true, configurable: true });
  }
  return copy;
}

/** Methods of an exported class whose calls are expensive work: `ajv.compile(schema)`. */
function recordWork(exports: unknown, library: ClientLibrary, packageName: string): void {
  const proto = (exports as { prototype?: object } | undefined)?.prototype;
  if (!library.workMethods || typeof exports !== 'function' || !proto) return;
  for (const method of library.workMethods) {
    patchMethod(proto, method, (original) =>
      function (this: unknown, ...args: unknown[]) {
        return recorded({ fn: `${packageName}.${method}`, args, sync: method === 'compile', repeat: 'same-result' }, () => original.apply(this, args));
      },
    );
  }
}

const sendsPatched = new WeakSet<object>();

/** A read request (GetSecretValueCommand, getParameter, ListObjectsV2Command, ...): repeating it may be repeated work. */
function isRead(commandOrOperation: string): boolean {
  return /^(get|list|describe|query|scan|batchget|head)/i.test(commandOrOperation);
}

/**
 * AWS SDK v3 requests, `client.send(command)`, recorded by client, command and input (the same
 * request repeated by several invocations is repeated work). Patched where `send` is defined (the
 * SDK's shared Client base class), once.
 */
function recordSends(cls: unknown): void {
  let owner = (cls as { prototype?: object }).prototype;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'send')) owner = Object.getPrototypeOf(owner) as object;
  if (!owner || sendsPatched.has(owner)) return;
  const send = (owner as { send?: unknown }).send;
  if (typeof send !== 'function') return;
  sendsPatched.add(owner);
  Object.defineProperty(owner, 'send', {
    configurable: true,
    writable: true,
    value: function (this: object, command: { input?: unknown } | undefined, ...rest: unknown[]) {
      const client = this?.constructor?.name ?? 'Client';
      const what = command?.constructor?.name ?? 'command';
      return recorded({ fn: `${client}.send`, what, args: command?.input ?? {}, sync: false, repeat: isRead(what) ? 'remote-read' : undefined }, () => send.call(this, command, ...rest));
    },
  });
}

/** aws-sdk v2: `request.promise()` recorded by service, operation and parameters. */
function recordV2Promises(aws: Record<string, unknown>): void {
  const proto = (aws.Request as { prototype?: Record<string, unknown> } | undefined)?.prototype;
  const promise = proto?.promise;
  if (!proto || typeof promise !== 'function' || sendsPatched.has(proto)) return;
  sendsPatched.add(proto);
  proto.promise = function (this: { operation?: string; params?: unknown; service?: { api?: { serviceId?: string }; constructor?: { name?: string; serviceIdentifier?: string } } }, ...args: unknown[]) {
    const service = this.service?.api?.serviceId ?? this.service?.constructor?.serviceIdentifier ?? this.service?.constructor?.name ?? 'AWS';
    const operation = this.operation ?? 'request';
    return recorded({ fn: `${service.replace(/\s+/g, '')}.${operation}`, args: this.params ?? {}, suffix: '.promise()', sync: false, repeat: isRead(operation) ? 'remote-read' : undefined }, () => (promise as (...a: unknown[]) => unknown).apply(this, args));
  };
}

/** aws-sdk v2 `aws-sdk/clients/<service>`: the export is the service class; requests come from the SDK's core. */
function wrapAwsSdkV2Service(service: unknown, filename: string, record: Recorder): unknown {
  const core = safeLoad(createRequire(filename), '../lib/core') ?? safeLoad(createRequire(filename), '../index');
  if (core && typeof core === 'object') recordV2Promises(core as Record<string, unknown>);
  const name = (service as { serviceIdentifier?: string; name?: string }).name || 'Service';
  return countingConstructor(service as object, 'aws-sdk', name, record);
}

function safeLoad(from: NodeRequire, specifier: string): unknown {
  try {
    return from(specifier);
  } catch {
    return undefined;
  }
}

/** aws-sdk v2: `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()` (service classes load lazily). */
function wrapAwsSdkV2(aws: Record<string, unknown>, record: Recorder): unknown {
  recordV2Promises(aws);
  const Service = aws.Service as (new () => object) | undefined;
  const cache = new Map<unknown, unknown>();
  const wrapValue = (key: string, value: unknown, path: string): unknown => {
    if (typeof value !== 'function') return value;
    const isService = Service && (value as { prototype?: unknown }).prototype instanceof Service;
    if (!isService && key !== 'DocumentClient') return value;
    if (!cache.has(value)) {
      const counted = countingConstructor(value as object, 'aws-sdk', path, record);
      // AWS.DynamoDB.DocumentClient hangs off a service class
      cache.set(
        value,
        new Proxy(counted, {
          get(t, k, r) {
            const v = Reflect.get(t, k, r);
            return k === 'DocumentClient' ? wrapValue('DocumentClient', v, `${path}.DocumentClient`) : v;
          },
        }),
      );
    }
    return cache.get(value);
  };
  return new Proxy(aws, {
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver);
      if (typeof key !== 'string') return value;
      const d = Object.getOwnPropertyDescriptor(t, key);
      if (d && !d.configurable && d.writable === false) return value;
      return wrapValue(key, value, key);
    },
  });
}
