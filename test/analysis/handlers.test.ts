import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { position } from '../../transforms/analysis/ast';
import { findHandlers, isStreamingHandler } from '../../transforms/analysis/handlers';
import { parseForAnalysis, recastParserFor } from '../../transforms/analysis/parser';

type Parse = (file: string, src: string) => ReturnType<typeof parseForAnalysis>;
const raw: Parse = (file, src) => parseForAnalysis(file, src);
const recast: Parse = (file, src) => jscodeshift.withParser(recastParserFor(file))(src).get().node;

/** `exportName@line[wrappers]` for each handler; the line is where its function starts (position() also on recast's loc-less export declarations). */
function found(file: string, src: string, hints: string[] = [], parse: Parse = raw): string[] {
  return findHandlers(parse(file, src), hints).map(
    (h) => `${h.exportName}@${position(h.fn).line}${h.wrappers.length ? `[${h.wrappers.join(',')}]` : ''}`,
  );
}

const JS_CASES: Array<[string, string, string, string[]]> = [
  ['export const arrow', 'h.mjs', 'export const handler = async (event) => {};', ['handler@1']],
  ['export async function', 'h.mjs', 'export async function handler(event, context) {}', ['handler@1']],
  ['export default function', 'h.mjs', 'export default async function (event) {}', ['default@1']],
  ['export default named function', 'h.mjs', 'export default async function run(event) {}', ['default@1']],
  ['export default arrow', 'h.mjs', 'export default async (event) => ({ ok: true });', ['default@1']],
  ['export default identifier', 'h.mjs', 'const run = async (e) => e;\nexport default run;', ['default@1']],
  ['exports.handler', 'h.cjs', 'exports.handler = async function (event) {};', ['handler@1']],
  ['module.exports.handler', 'h.cjs', 'module.exports.handler = async (event) => {};', ['handler@1']],
  ['module.exports = { handler } (shorthand, declared later)', 'h.cjs', 'module.exports = { handler };\nasync function handler(event) {}', ['handler@2']],
  ['module.exports = { handler: fn }', 'h.cjs', 'module.exports = { handler: async () => {} };', ['handler@1']],
  ['module.exports = { handler() {} } (method)', 'h.cjs', 'module.exports = { async handler(event) {} };', ['handler@1']],
  ['module.exports = fn', 'h.cjs', 'module.exports = async (event) => {};', ['default@1']],
  ['export { main as handler }', 'h.mjs', 'async function main(event) {}\nexport { main as handler };', ['handler@1']],
  ['export { handler }', 'h.mjs', 'const handler = async () => {};\nexport { handler };', ['handler@1']],
  ['exports.handler = identifier', 'h.cjs', 'const impl = async (e) => e;\nexports.handler = impl;', ['handler@1']],
  ['main', 'h.mjs', 'export const main = async () => {};', ['main@1']],
  ['*Handler', 'h.cjs', 'exports.ordersHandler = async () => {};\nexports.usersHandler = async () => {};', ['ordersHandler@1', 'usersHandler@2']],
  ['middy(base).use(x)', 'h.cjs',
    "const middy = require('@middy/core');\nfunction logger() {}\nconst base = async (event) => {};\nexports.handler = middy(base).use(logger).use(jsonBodyParser());",
    ['handler@3[middy]']],
  ['middy().use(x).handler(base)', 'h.mjs',
    'function logger() {}\nexport const handler = middy().use(logger).handler(async (event) => {});', ['handler@2[middy]']],
  ['withX(base)', 'h.mjs', 'export const handler = withSentry(withTracing(async (event) => {}));', ['handler@1[withSentry,withTracing]']],
  ['withX(identifier)', 'h.mjs', 'async function base(e) {}\nexport const handler = withSentry(base);', ['handler@1[withSentry]']],
  ['streamifyResponse', 'h.mjs', 'export const handler = awslambda.streamifyResponse(async (event, stream, context) => {});',
    ['handler@1[awslambda.streamifyResponse]']],
  ['chained CommonJS exports', 'h.cjs', 'module.exports.handler = exports.ordersHandler = async () => {};', ['handler@1']],
  ['one function exported twice is one handler', 'h.cjs', 'const h = async () => {};\nexports.handler = h;\nexports.main = h;', ['handler@1']],
];

const NEGATIVES: Array<[string, string, string]> = [
  ['non-handler export', 'h.mjs', 'export function helper() {}\nexport const config = {};'],
  ['handler name on a non-function', 'h.mjs', 'export const handler = { retries: 3 };\nexport const mainHandler = 42;'],
  ['CommonJS non-handler', 'h.cjs', 'exports.parse = (s) => JSON.parse(s);\nmodule.exports.format = () => "";'],
  ['re-export from another file', 'h.mjs', "export { handler } from './impl.js';"],
  ['not exported', 'h.mjs', 'const handler = async () => {};\nhandler();'],
  ['handler name unresolvable', 'h.cjs', "exports.handler = require('./impl').handler;"],
];

describe.each([
  ['raw parser AST', raw],
  ['recast AST', recast],
] as const)('findHandlers on the %s', (_label, parse) => {
  it.each(JS_CASES)('%s', (_name, file, src, expected) => {
    expect(found(file, src, [], parse)).toEqual(expected);
  });

  it.each(NEGATIVES)('no handler: %s', (_name, file, src) => {
    expect(found(file, src, [], parse)).toEqual([]);
  });

  it('accepts a name given by a template hint', () => {
    const src = 'export const process = async (event) => {};\nexport const other = async () => {};';
    expect(found('h.mjs', src, [], parse)).toEqual([]);
    expect(found('h.mjs', src, ['process'], parse)).toEqual(['process@1']);
  });
});

describe('findHandlers in TypeScript', () => {
  it.each([
    ['typed arrow', 'export const handler: Handler<APIGatewayProxyEvent> = async (event) => ({ statusCode: 200 });', ['handler@1']],
    ['satisfies', 'export const handler = (async (event: unknown) => {}) satisfies Handler;', ['handler@1']],
    ['as cast', 'export const handler = (async () => {}) as unknown as Handler;', ['handler@1']],
    ['typed function', 'export async function handler(event: SQSEvent, context: Context): Promise<void> {}', ['handler@1']],
    ['export default', 'export default async function (event: unknown): Promise<string> { return ""; }', ['default@1']],
    ['middy generic', 'const base = async (e: E): Promise<R> => r;\nexport const handler = middy<E, R>(base).use(validator({ schema }));', ['handler@1[middy]']],
    ['export =', 'const handler = async (e: E) => e;\nexport { handler as main };', ['main@1']],
  ])('%s', (_name, src, expected) => {
    expect(found('h.ts', src)).toEqual(expected);
    expect(found('h.ts', src, [], recast)).toEqual(expected);
  });

  it('ignores type-only and non-function exports', () => {
    expect(found('h.ts', 'export type Handler = () => void;\nexport interface MainHandler {}\nexport function helper(): void {}\nexport const config = {} as const;')).toEqual([]);
  });

  it('parses TSX', () => {
    expect(found('h.tsx', 'export const handler = async () => <div>{1}</div>;')).toEqual(['handler@1']);
  });
});

describe('isStreamingHandler', () => {
  it('is true only for streamifyResponse wrappers', () => {
    const [stream] = findHandlers(raw('h.mjs', 'export const handler = awslambda.streamifyResponse(async (e, s, c) => {});'));
    const [plain] = findHandlers(raw('h.mjs', 'export const handler = async (e, c, cb) => {};'));
    const [other] = findHandlers(raw('h.mjs', 'export const handler = streamify(async (e, s, c) => {});'));
    const [bare] = findHandlers(raw('h.mjs', "import { streamifyResponse } from 'x';\nexport const handler = streamifyResponse(async (e, s) => {});"));
    expect(isStreamingHandler(stream)).toBe(true);
    expect(isStreamingHandler(plain)).toBe(false);
    expect(isStreamingHandler(other)).toBe(false);
    expect(isStreamingHandler(bare)).toBe(true);
  });
});
