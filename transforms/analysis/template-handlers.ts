// Handler strings of SAM/CloudFormation templates and serverless.yml, as (module path, export):
// `Handler: orders.handler` with `CodeUri: src/` → module `src/orders`, export `handler`.
import { posix } from 'node:path';
import { parseTemplate } from './cfn-yaml';

export interface HandlerHint {
  /** module path without extension, relative to the cwd like the template path (`src/orders`) */
  module: string;
  /** the export the runtime calls */
  exportName: string;
}

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function normalizePath(file: string): string {
  return posix.normalize(file.replace(/\\/g, '/'));
}

/** `src/orders.ts` → `src/orders`: how a source file is matched against handler modules. */
export function withoutExtension(file: string): string {
  const n = normalizePath(file);
  const ext = posix.extname(n);
  return ext ? n.slice(0, -ext.length) : n;
}

/**
 * The Node runtime splits `dir/module.export[.nested]` at the first dot of the last path segment.
 * Returns null for strings that are not handler strings (no dot, intrinsic functions, variables).
 */
export function splitHandlerString(handler: string): { module: string; exportName: string } | null {
  if (handler.includes('${')) return null;
  const slash = handler.lastIndexOf('/');
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null;
  return { module: handler.slice(0, slash + 1) + base.slice(0, dot), exportName: base.slice(dot + 1).split('.')[0] };
}

/** Handler hints of one template (SAM, CloudFormation, serverless.yml; YAML or JSON). Malformed → []. */
export function handlersFromTemplate(path: string, source: string): HandlerHint[] {
  let doc: unknown;
  try {
    doc = parseTemplate(source);
  } catch {
    return [];
  }
  if (!isDict(doc)) return [];
  const dir = posix.dirname(normalizePath(path));
  if (isDict(doc.Resources)) return fromCloudFormation(dir, doc);
  if (isDict(doc.functions)) return fromServerless(dir, doc);
  return [];
}

function isNodeRuntime(runtime: unknown): boolean {
  return typeof runtime !== 'string' || runtime.startsWith('nodejs');
}

function fromCloudFormation(dir: string, doc: Dict): HandlerHint[] {
  const globals = isDict(doc.Globals) && isDict(doc.Globals.Function) ? doc.Globals.Function : {};
  const out: HandlerHint[] = [];
  for (const resource of Object.values(doc.Resources as Dict)) {
    if (!isDict(resource) || !isDict(resource.Properties ?? {})) continue;
    const props = (resource.Properties ?? {}) as Dict;
    let codeDir: string | undefined;
    if (resource.Type === 'AWS::Serverless::Function') {
      const codeUri = props.CodeUri ?? globals.CodeUri;
      // an S3 location or an intrinsic is not local code
      codeDir = codeUri === undefined ? '.' : str(codeUri);
    } else if (resource.Type === 'AWS::Lambda::Function') {
      codeDir = str(props.Code);
    } else continue;
    if (codeDir === undefined || !isNodeRuntime(props.Runtime ?? globals.Runtime)) continue;
    const handler = str(props.Handler ?? globals.Handler);
    const split = handler ? splitHandlerString(handler) : null;
    if (!split) continue;
    // `sam build` with esbuild: the handler names the bundle, EntryPoints the source file
    const metadata = isDict(resource.Metadata) && isDict(resource.Metadata.BuildProperties) ? resource.Metadata.BuildProperties : {};
    const entries = Array.isArray(metadata.EntryPoints) ? metadata.EntryPoints.filter((e): e is string => typeof e === 'string') : [];
    const modules = entries.length ? entries.map(withoutExtension) : [split.module];
    for (const m of modules) out.push({ module: normalizePath(posix.join(dir, codeDir, m)), exportName: split.exportName });
  }
  return out;
}

function fromServerless(dir: string, doc: Dict): HandlerHint[] {
  const provider = isDict(doc.provider) ? doc.provider : {};
  const out: HandlerHint[] = [];
  for (const fn of Object.values(doc.functions as Dict)) {
    if (!isDict(fn) || !isNodeRuntime(fn.runtime ?? provider.runtime)) continue;
    const handler = str(fn.handler);
    const split = handler ? splitHandlerString(handler) : null;
    if (split) out.push({ module: normalizePath(posix.join(dir, split.module)), exportName: split.exportName });
  }
  return out;
}
