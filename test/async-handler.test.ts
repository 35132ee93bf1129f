// async-handler decisions that fixtures cannot show: why a handler is left alone, and that the
// transform honours every suppression its rules honour.
import { describe, expect, it } from 'vitest';
import { asyncHandler } from '../transforms/async-handler';
import { ASYNC_HANDLER_RULES } from '../transforms/async-handler/rules';
import { analyseSource } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';

const messages = (file: string, src: string) => analyseSource(file, src, ASYNC_HANDLER_RULES).findings.map((f) => `${f.rule}:${f.line}:${f.fixable ?? '-'}:${f.message}`);
const rewrite = (file: string, src: string) => transformSource(file, src, [asyncHandler]);

describe('async-handler explains what it leaves alone', () => {
  it('callback from an event listener', () => {
    const src = "exports.handler = (e, c, cb) => {\n  const s = open(e);\n  s.on('end', () => cb(null, 1));\n};";
    expect(messages('a.js', src)[0]).toMatch(/^callback-handler:1:-:.*inside `on\(…\)`.*\(line 3\)\.$/);
    expect(rewrite('a.js', src).changed).toBe(false);
  });
  it('callback called from a timer', () => {
    const src = 'exports.handler = (e, c, cb) => {\n  setTimeout(() => cb(null, 1), 5);\n};';
    expect(messages('a.js', src)[0]).toMatch(/inside `setTimeout\(…\)`/);
  });
  it('code after a non-final callback that returns', () => {
    const src = 'exports.handler = (e, c, cb) => {\n  cb(null, 1);\n  if (e.x) return;\n  log(e);\n};';
    expect(messages('a.js', src)[0]).toMatch(/code after the callback returns, throws or completes again/);
    expect(rewrite('a.js', src).changed).toBe(false);
  });
  it('an error completion inside try/catch', () => {
    const src = 'exports.handler = (e, c, cb) => {\n  try {\n    if (!e.ok) return cb(new Error("x"));\n    cb(null, 1);\n  } catch (err) {\n    cb(err);\n  }\n};';
    expect(messages('a.js', src)[0]).toMatch(/inside try\/catch/);
  });
  it('a .then completion that would now reach a non-forwarding .catch', () => {
    const src = 'exports.handler = (e, c, cb) => {\n  p(e).then((r) => (r ? cb(null, r) : cb(new Error("none")))).catch((err) => { log(err); cb(err); });\n};';
    expect(rewrite('a.js', src).changed).toBe(false);
    expect(messages('a.js', src)[0]).toMatch(/callback-handler:1:-:/);
  });
  it('context.succeed in a helper that receives the context', () => {
    const src = 'function reply(context, body) { context.succeed(body); }\nexports.handler = async (e, context) => reply(context, 1);';
    expect(messages('a.js', src)).toEqual(['context-legacy-api:1:-:context.succeed() throws in the new runtime. Outside the handler: rewrite it by hand.']);
  });
});

describe('async-handler on TypeScript handlers', () => {
  it('a function type in the body declares no names (it used to crash the analysis: no `params`)', () => {
    const src = 'export const handler = (event: any, context: any) => {\n  const double: (n: number) => number = (n) => n * 2;\n  return double(event.n);\n};\n';
    expect(messages('a.ts', src)).toEqual(['sync-handler:1:async-handler:Handler `handler` is synchronous: each worker runs it one request at a time.']);
    expect(rewrite('a.ts', src).output).toBe(src.replace('handler = (', 'handler = async ('));
  });
});

describe('async-handler honours suppressions', () => {
  it('context-legacy-api suppressed on one call: the handler is left as it is', () => {
    const src = 'exports.handler = async (e, context) => {\n  // lmi-migrate-ignore-next-line context-legacy-api\n  context.succeed(1);\n};';
    expect(rewrite('a.js', src).changed).toBe(false);
    expect(messages('a.js', src)).toEqual([]);
  });
  it('sync-handler suppressed for the whole file', () => {
    const src = '/* lmi-migrate-ignore sync-handler */\nexports.handler = (e) => e.a + e.b;';
    expect(rewrite('a.js', src).changed).toBe(false);
  });
  it('xray-env-trace-id suppressed: the read stays, the rest of the handler is still migrated', () => {
    const src = 'exports.handler = (e, context) => {\n  // lmi-migrate-ignore-next-line xray-env-trace-id\n  return process.env._X_AMZN_TRACE_ID;\n};';
    expect(rewrite('a.js', src).output).toBe('exports.handler = async (e, context) => {\n  // lmi-migrate-ignore-next-line xray-env-trace-id\n  return process.env._X_AMZN_TRACE_ID;\n};');
  });
});
