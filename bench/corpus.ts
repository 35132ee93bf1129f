// A deterministic synthetic corpus of Lambda-project code: mostly ordinary modules, some handlers
// with each hazard, JS and TS, CommonJS and ESM, a few CRLF/BOM files and a few unparsable ones.
// The same seed always gives the same files, byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CorpusOptions {
  files: number;
  seed: number;
}

export interface CorpusFile {
  path: string;
  source: string;
  kind: 'module' | 'handler' | 'broken';
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = ['order', 'invoice', 'customer', 'payment', 'shipment', 'report', 'ticket', 'session', 'product', 'refund', 'user', 'cart'];
const VERBS = ['create', 'update', 'get', 'list', 'sync', 'export', 'import', 'notify', 'process', 'validate'];

type Style = { ts: boolean; esm: boolean };

function imp(style: Style, names: string, from: string): string {
  return style.esm || style.ts ? `import { ${names} } from '${from}';` : `const { ${names} } = require('${from}');`;
}

function exportFn(style: Style, name: string, params: string, body: string, isAsync = false): string {
  const a = isAsync ? 'async ' : '';
  if (style.esm || style.ts) return `export ${a}function ${name}(${params}) {\n${body}\n}`;
  return `${a}function ${name}(${params}) {\n${body}\n}\nmodule.exports.${name} = ${name};`;
}

function typed(style: Style, name: string, type: string): string {
  return style.ts ? `${name}: ${type}` : name;
}

/** An ordinary module: pure helpers, a model class, constants. Nothing to migrate. */
function moduleFile(r: () => number, style: Style, noun: string): string {
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const parts: string[] = [`// ${Noun} helpers shared by the ${noun} handlers.`];
  parts.push(imp(style, 'createHash', 'node:crypto'));
  parts.push(`const MAX_${noun.toUpperCase()}_ITEMS = ${10 + Math.floor(r() * 90)};`);
  if (style.ts) {
    parts.push(`export interface ${Noun} {\n  id: string;\n  amount: number;\n  items: Array<{ sku: string; qty: number }>;\n  createdAt: string;\n}`);
  }
  const n = 3 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const verb = VERBS[Math.floor(r() * VERBS.length)];
    const name = `${verb}${Noun}${i}`;
    const body = [
      `  const items = (${style.ts ? 'input as any' : 'input'}).items ?? [];`,
      `  if (items.length > MAX_${noun.toUpperCase()}_ITEMS) {`,
      `    throw new Error('too many items: ' + items.length);`,
      `  }`,
      `  const total = items.reduce((sum${style.ts ? ': number' : ''}, item${style.ts ? ': { qty: number }' : ''}) => sum + item.qty * ${1 + i}, 0);`,
      `  const digest = createHash('sha256').update(JSON.stringify(items)).digest('hex');`,
      `  return { id: digest.slice(0, 12), total, label: \`${noun}-\${total}\` };`,
    ].join('\n');
    parts.push(exportFn(style, name, typed(style, 'input', 'unknown'), body));
  }
  const cls = [
    `${style.esm || style.ts ? 'export ' : ''}class ${Noun}Model {`,
    `  ${style.ts ? 'private readonly ' : ''}${style.ts ? 'rows: Map<string, number>' : ''}${style.ts ? ';' : ''}`,
    `  constructor() {`,
    `    this.rows = new Map();`,
    `  }`,
    `  add(${typed(style, 'id', 'string')}, ${typed(style, 'qty', 'number')}) {`,
    `    this.rows.set(id, (this.rows.get(id) ?? 0) + qty);`,
    `    return this;`,
    `  }`,
    `  toJSON() {`,
    `    return Object.fromEntries(this.rows);`,
    `  }`,
    `}`,
  ];
  parts.push(cls.filter((l) => l.trim() !== '').join('\n'));
  if (!(style.esm || style.ts)) parts.push(`module.exports.${Noun}Model = ${Noun}Model;`);
  return parts.join('\n\n') + '\n';
}

/** Hazard snippets, each a self-contained handler body fragment with the imports it needs. */
const HAZARDS: Array<(style: Style, noun: string) => { imports: string[]; top: string[]; body: string[] }> = [
  // tmp-fixed-path
  (s, noun) => ({
    imports: [imp(s, 'writeFileSync, readFileSync', 'node:fs')],
    top: [],
    body: [`  writeFileSync('/tmp/${noun}.json', JSON.stringify(event));`, `  const saved = readFileSync('/tmp/${noun}.json', 'utf8');`, `  result.size = saved.length;`],
  }),
  // client-per-invocation
  (s) => ({
    imports: [imp(s, 'S3Client, GetObjectCommand', '@aws-sdk/client-s3')],
    top: [],
    body: [`  const s3 = new S3Client({ region: process.env.AWS_REGION });`, `  const object = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));`, `  result.etag = object.ETag;`],
  }),
  // module-counter read back after an await
  () => ({
    imports: [],
    top: ['let served = 0;'],
    body: [`  served++;`, `  await new Promise((resolve) => setTimeout(resolve, 1));`, `  result.served = served;`],
  }),
  // rmw-across-await
  () => ({
    imports: [],
    top: ['let total = 0;', 'async function amountOf(e) { return Number(e.amount ?? 0); }'],
    body: [`  total += await amountOf(event);`, `  result.total = total;`],
  }),
  // lazy-init-race
  () => ({
    imports: [],
    top: ['let config;', 'async function loadConfig() { return { limit: 10 }; }'],
    body: [`  if (!config) config = await loadConfig();`, `  result.limit = config.limit;`],
  }),
  // process-env mutation / x-ray
  () => ({
    imports: [],
    top: [],
    body: [`  result.trace = process.env._X_AMZN_TRACE_ID;`],
  }),
  // safe: a module-level client and a unique tmp dir
  (s) => ({
    imports: [imp(s, 'DynamoDBClient', '@aws-sdk/client-dynamodb')],
    top: ['const ddb = new DynamoDBClient({});'],
    body: [`  result.client = typeof ddb;`],
  }),
];

function handlerFile(r: () => number, style: Style, noun: string): string {
  const picks = [HAZARDS[Math.floor(r() * HAZARDS.length)], HAZARDS[Math.floor(r() * HAZARDS.length)]];
  const uniq = [...new Set(picks)];
  const parts = uniq.map((h) => h(style, noun));
  const imports = [...new Set(parts.flatMap((p) => p.imports))];
  const top = [...new Set(parts.flatMap((p) => p.top))];
  const body = parts.flatMap((p) => p.body);
  const callback = r() < 0.12 && !style.ts;
  const lines: string[] = [...imports, '', ...top, ''];
  const params = callback ? 'event, context, callback' : style.ts ? 'event: any, context: any' : 'event, context';
  const head = style.esm || style.ts ? `export const handler = async (${params}) => {` : `exports.handler = async (${params}) => {`;
  lines.push(head, `  const result${style.ts ? ': Record<string, unknown>' : ''} = { requestId: context.awsRequestId };`, ...body);
  lines.push(callback ? '  callback(null, result);' : '  return result;', '};');
  return lines.join('\n') + '\n';
}

export function generateCorpus(options: CorpusOptions): CorpusFile[] {
  const r = rng(options.seed);
  const files: CorpusFile[] = [];
  for (let i = 0; i < options.files; i++) {
    const noun = NOUNS[Math.floor(r() * NOUNS.length)];
    const ts = r() < 0.4;
    const esm = !ts && r() < 0.4;
    const style = { ts, esm };
    const roll = r();
    const kind: CorpusFile['kind'] = roll < 0.004 ? 'broken' : roll < 0.2 ? 'handler' : 'module';
    const ext = ts ? '.ts' : esm ? '.mjs' : '.js';
    const dir = `services/${noun}-${i % 40}/${kind === 'handler' ? 'handlers' : 'lib'}`;
    let source = kind === 'handler' ? handlerFile(r, style, noun) : moduleFile(r, style, noun);
    if (kind === 'broken') source = source.replace(/\{\n/, '{{\n  const = ;\n');
    if (r() < 0.03) source = source.replace(/\n/g, '\r\n');
    if (r() < 0.01) source = '\uFEFF' + source;
    files.push({ path: `${dir}/${kind === 'handler' ? `${VERBS[i % VERBS.length]}-${noun}-${i}` : `${noun}-${i}`}${ext}`, source, kind });
  }
  return files;
}

export function writeCorpus(root: string, files: CorpusFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.source);
  }
}
