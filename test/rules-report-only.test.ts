// Report-only rules: each finds its hazard (positive) and stays quiet on the safe form (negative).
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { fireAndForget } from '../transforms/rules/fire-and-forget';
import { listenersAndExit } from '../transforms/rules/listeners-and-exit';
import { moduleTimer } from '../transforms/rules/module-timer';
import { runtimeVersionCdk } from '../transforms/rules/runtime-version-cdk';
import { xrayEnvTraceId } from '../transforms/rules/xray-env-trace-id';
import type { Rule } from '../transforms/types';

function findings(rule: Rule, file: string, source: string) {
  const out = analyseSource(file, source, [rule]);
  expect(out.error).toBeUndefined();
  return out.findings.map((f) => ({ line: f.line, fixable: f.fixable }));
}

describe('listeners-and-exit', () => {
  it('process.exit in the handler: fixable (becomes throw)', () => {
    const src = ['exports.handler = async (event) => {', '  if (!event.ok) process.exit(1);', '  return 1;', '};'].join('\n');
    // inside an if without braces the statement is still an ExpressionStatement
    expect(findings(listenersAndExit, 'a.js', src)).toEqual([{ line: 2, fixable: 'async-handler' }]);
  });
  it('process.exit inside a try block, in a callback, or at init: reported, not fixable', () => {
    const src = [
      "if (!process.env.TABLE) process.exit(1);",
      'exports.handler = async (event) => {',
      '  try { run(event); process.exit(0); } catch (e) { console.error(e); }',
      '  setImmediate(() => process.exit(2));',
      '};',
    ].join('\n');
    expect(findings(listenersAndExit, 'a.js', src)).toEqual([
      { line: 1, fixable: null },
      { line: 3, fixable: null },
      { line: 4, fixable: null },
    ]);
  });
  it('SIGTERM handlers and listeners on long-lived emitters inside the handler', () => {
    const src = [
      "const bus = require('./bus');",
      "process.on('SIGTERM', () => flush());",
      'exports.handler = async (event) => {',
      "  bus.on('message', (m) => console.log(m));",
      "  process.on('unhandledRejection', (e) => console.error(e));",
      '  return 1;',
      '};',
    ].join('\n');
    expect(findings(listenersAndExit, 'a.js', src)).toEqual([
      { line: 2, fixable: null },
      { line: 4, fixable: null },
      { line: 5, fixable: null },
    ]);
  });
  it('negative: listeners on per-request objects, process.on for errors at init', () => {
    const src = [
      "process.on('unhandledRejection', (e) => console.error(e));",
      "const { Readable } = require('node:stream');",
      'exports.handler = async (event) => {',
      '  const stream = Readable.from([event.body]);',
      "  stream.on('data', (c) => console.log(c));",
      '  return 1;',
      '};',
    ].join('\n');
    expect(findings(listenersAndExit, 'a.js', src)).toEqual([]);
  });
  it('honours lmi-migrate-ignore-next-line', () => {
    const src = ['exports.handler = async () => {', '  // lmi-migrate-ignore-next-line listeners-and-exit', '  process.exit(1);', '};'].join('\n');
    expect(findings(listenersAndExit, 'a.js', src)).toEqual([]);
  });
});

describe('module-timer', () => {
  it('module-level setInterval and an uncleared interval in the handler', () => {
    const src = [
      'setInterval(() => refresh(), 60_000);',
      'export const handler = async (event) => {',
      '  setInterval(() => console.log("still working"), 1000);',
      '  return work(event);',
      '};',
    ].join('\n');
    expect(findings(moduleTimer, 'a.mjs', src)).toEqual([
      { line: 1, fixable: null },
      { line: 3, fixable: null },
    ]);
  });
  it('negative: interval cleared in finally; setTimeout sleep', () => {
    const src = [
      'export const handler = async (event) => {',
      '  const beat = setInterval(() => console.log("still working"), 1000);',
      '  try {',
      '    await new Promise((r) => setTimeout(r, 10));',
      '    return await work(event);',
      '  } finally {',
      '    clearInterval(beat);',
      '  }',
      '};',
    ].join('\n');
    expect(findings(moduleTimer, 'a.mjs', src)).toEqual([]);
  });
});

describe('fire-and-forget', () => {
  const header = [
    "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
    'const s3 = new S3Client({});',
    'async function audit(e) { await fetch("https://audit", { method: "POST", body: JSON.stringify(e) }); }',
  ];
  it('un-awaited async calls, SDK sends, fetch and .then chains', () => {
    const src = [
      ...header,
      'export const handler = async (event) => {',
      '  audit(event);',
      '  s3.send(new PutObjectCommand({ Bucket: "b", Key: "k", Body: "x" }));',
      '  fetch("https://hook").then((r) => console.log(r.status));',
      '  event.items.forEach((i) => audit(i));',
      '  return 1;',
      '};',
    ].join('\n');
    expect(findings(fireAndForget, 'a.mjs', src)).toEqual([
      { line: 5, fixable: null },
      { line: 6, fixable: null },
      { line: 7, fixable: null },
      { line: 8, fixable: null },
    ]);
  });
  it('negative: awaited, returned, caught, and sync calls', () => {
    const src = [
      ...header,
      'export const handler = async (event) => {',
      '  await audit(event);',
      '  audit(event).catch((e) => console.error(e));',
      '  console.log("done");',
      '  return s3.send(new PutObjectCommand({ Bucket: "b", Key: "k", Body: "x" }));',
      '};',
    ].join('\n');
    expect(findings(fireAndForget, 'a.mjs', src)).toEqual([]);
  });
});

describe('xray-env-trace-id', () => {
  it('read in a JS handler with context: fixable; in a helper or TS: reported only', () => {
    const js = [
      'function helper() { return process.env._X_AMZN_TRACE_ID; }',
      'exports.handler = async (event, context) => {',
      '  console.log(process.env._X_AMZN_TRACE_ID, helper());',
      '};',
    ].join('\n');
    expect(findings(xrayEnvTraceId, 'a.js', js)).toEqual([
      { line: 1, fixable: null },
      { line: 3, fixable: 'async-handler' },
    ]);
    const ts = ['export const handler = async (event: unknown, context: { awsRequestId: string }) => {', '  return process.env._X_AMZN_TRACE_ID;', '};'].join('\n');
    expect(findings(xrayEnvTraceId, 'a.ts', ts)).toEqual([{ line: 2, fixable: null }]);
  });
  it('handler without a context parameter; destructuring from process.env', () => {
    const src = ['const { _X_AMZN_TRACE_ID } = process.env;', 'exports.handler = async (event) => process.env._X_AMZN_TRACE_ID;'].join('\n');
    expect(findings(xrayEnvTraceId, 'a.js', src)).toEqual([
      { line: 1, fixable: null },
      { line: 2, fixable: null },
    ]);
  });
  it('negative: other environment variables, context.xRayTraceId', () => {
    const src = 'exports.handler = async (event, context) => [process.env.AWS_REGION, context.xRayTraceId];';
    expect(findings(xrayEnvTraceId, 'a.js', src)).toEqual([]);
  });
});

describe('runtime-version (CDK code)', () => {
  it('Runtime.NODEJS_18_X and NODEJS_20_X are reported', () => {
    const src = [
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "new lambda.Function(stack, 'A', { runtime: lambda.Runtime.NODEJS_18_X, handler: 'index.handler', code });",
      "new NodejsFunction(stack, 'B', { runtime: Runtime.NODEJS_20_X });",
    ].join('\n');
    expect(findings(runtimeVersionCdk, 'stack.ts', src)).toEqual([
      { line: 2, fixable: null },
      { line: 3, fixable: null },
    ]);
  });
  it('negative: NODEJS_22_X, NODEJS_24_X, NODEJS_LATEST', () => {
    const src = 'const rs = [Runtime.NODEJS_22_X, lambda.Runtime.NODEJS_24_X, Runtime.NODEJS_LATEST];';
    expect(findings(runtimeVersionCdk, 'stack.ts', src)).toEqual([]);
  });
});
