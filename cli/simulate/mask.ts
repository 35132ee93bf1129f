// Makes results comparable between runs: nondeterministic values (UUIDs, ISO timestamps, epoch
// milliseconds, the random suffix of mkdtemp directories, the sandbox path) and user-named fields
// are replaced by placeholders. JSON text inside strings (an API Gateway `body`) is compared parsed.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g;
// epoch milliseconds between 2001 and 2286
const EPOCH_MS = /^1\d{12}$/;

export interface RunPaths {
  /** the directory that played /tmp in that run */
  sandbox: string;
  /** directories created with mkdtemp in that run */
  tempDirs: string[];
}

/** Puts the function's own view back: sandbox paths read as /tmp, mkdtemp suffixes as XXXXXX. */
export function unsandbox(value: unknown, paths: RunPaths): unknown {
  const dirs = [...paths.tempDirs].sort((a, b) => b.length - a.length);
  return mapStrings(value, (s) => {
    if (!s.includes(paths.sandbox)) return s;
    for (const d of dirs) s = s.split(d).join(d.slice(0, -6) + 'XXXXXX');
    return s.split(paths.sandbox).join('/tmp');
  });
}

/** A text (a recorded call) with the values that differ on every run masked, as in results. */
export function maskText(text: string, paths: RunPaths): string {
  const own = unsandbox(text, paths) as string;
  return own.replace(UUID, '<uuid>').replace(ISO_TIME, '<timestamp>').replace(/\b1\d{12}\b/g, '<epoch-ms>');
}

export function maskForComparison(value: unknown, ignoreFields: string[][]): unknown {
  let v = parseJsonStrings(value);
  for (const path of ignoreFields) v = setAt(v, path, '<ignored>');
  return mapLeaves(v);
}

/** `$.body.requestId`, `body.requestId`, `items[0].id`, `items.*.id` → path segments. */
export function parseFieldPath(text: string): string[] {
  const trimmed = text.trim().replace(/^\$\.?/, '');
  if (!trimmed) throw new Error(`--ignore-field "${text}" names no field`);
  return trimmed.replace(/\[(\d+|\*)\]/g, '.$1').split('.').filter(Boolean);
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

function mapLeaves(value: unknown): unknown {
  if (typeof value === 'string') {
    if (EPOCH_MS.test(value)) return '<epoch-ms>';
    return value.replace(UUID, '<uuid>').replace(ISO_TIME, '<timestamp>');
  }
  if (typeof value === 'number' && Number.isInteger(value) && EPOCH_MS.test(String(value))) return '<epoch-ms>';
  if (Array.isArray(value)) return value.map(mapLeaves);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v)]));
  return value;
}

function parseJsonStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    const t = value.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        return { '<json>': parseJsonStrings(JSON.parse(t)) };
      } catch {
        return value;
      }
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(parseJsonStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, parseJsonStrings(v)]));
  return value;
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (!value || typeof value !== 'object') return value;
  // a field path walks through JSON text transparently
  if (!Array.isArray(value) && '<json>' in value && Object.keys(value).length === 1) {
    return { '<json>': setAt((value as Record<string, unknown>)['<json>'], path, replacement) };
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    return value.map((v, i) => (head === '*' || String(i) === head ? setAt(v, rest, replacement) : v));
  }
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, head === '*' || k === head ? setAt(v, rest, replacement) : v]),
  );
}
