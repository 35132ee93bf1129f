// `this` state of a handler object created once at module scope (plan-instance-state.ts): when it
// is reported, and when it becomes a local.
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { RULES } from '../transforms/registry';

interface Shape {
  /** class members besides `handle` */
  members?: string;
  /** `handle`'s body */
  body?: string;
  /** what follows the class */
  tail?: string;
  head?: string;
}

const BODY = '    this.userId = event.userId;\n    const order = await loadOrder(event.orderId);\n    return { user: this.userId, order };';
const TAIL = 'const orders = new OrderHandler();\nexport const handler = (event) => orders.handle(event);';

/** The module-state-per-request findings: null = none, else whether the (single) finding is fixable. */
function verdict({ members = '', body = BODY, tail = TAIL, head = 'class OrderHandler' }: Shape): boolean | null {
  const source = `import { loadOrder, audit } from 'deps';\n${head} {\n${members}\n  async handle(event) {\n${body}\n  }\n}\n${tail}\n`;
  const found = analyseSource('handler.mjs', source, RULES).findings.filter((f) => f.rule === 'module-state-per-request');
  if (found.length === 0) return null;
  expect(found).toHaveLength(1);
  return found[0].fixable === 'shared-state';
}

describe('handler objects created once at module scope', () => {
  it('rewrites a property the method writes first and reads only after, itself', () => {
    expect(verdict({})).toBe(true);
    expect(verdict({ tail: 'const orders = new OrderHandler();\nexport const handler = orders.handle.bind(orders);' })).toBe(true);
    expect(verdict({ members: '  userId = null;\n  constructor() { this.userId = undefined; }' })).toBe(true);
    // bound inside a wrapper, exported under another name
    expect(verdict({ tail: 'const orders = new OrderHandler();\nconst wrapped = middy(orders.handle.bind(orders));\nexport { wrapped as handler };' })).toBe(true);
  });

  it('reports without rewriting when something else could see the property', () => {
    expect(verdict({ members: '  report() { return this.userId; }' })).toBe(false);
    expect(verdict({ body: `${BODY.replace('return', 'await audit(() => this.userId);\n    return')}` })).toBe(false);
    expect(verdict({ body: `    await audit(this);\n${BODY}` })).toBe(false);
    expect(verdict({ head: 'class OrderHandler extends Base' , tail: `class Base {}\n${TAIL}` })).toBe(false);
    expect(verdict({ tail: 'export const orders = new OrderHandler();\nexport const handler = (event) => orders.handle(event);' })).toBe(false);
    expect(verdict({ tail: `${TAIL}\nexport const peek = () => orders;` })).toBe(false);
  });

  it('reports every method of an instance other modules hold, even in a file without let/var/const', () => {
    const source = "import { f } from 'deps';\nclass S {\n  async run(e) {\n    this.user = e.user;\n    await f();\n    return this.user;\n  }\n}\nexport default new S();\n";
    const found = analyseSource('service.mjs', source, RULES).findings.filter((f) => f.rule === 'module-state-per-request');
    expect(found.map((f) => [f.line, f.fixable])).toEqual([[4, null]]);
    expect(found[0].message).toContain('exported (other modules call its methods per request)');
  });

  it('reports without rewriting when the write is not a statement of the method before every read', () => {
    expect(verdict({ body: `    if (event.userId) this.userId = event.userId;\n    await loadOrder(event.orderId);\n    return { user: this.userId };` })).toBe(false);
    expect(verdict({ body: `    console.log(this.userId);\n${BODY}` })).toBe(false);
  });

  it('reports without rewriting when the method may run again on the instance in the middle', () => {
    expect(verdict({ body: `${BODY.replace('return', 'if (event.next) await this.handle(event.next);\n    return')}` })).toBe(false);
    expect(verdict({ members: '  constructor(hooks) { this.hooks = hooks; }', body: `${BODY.replace('return', 'await this.hooks.after(event);\n    return')}` })).toBe(false);
  });

  it('reports nothing for init-only, lazy, constant or per-request-instance state, or without an await', () => {
    expect(verdict({ members: '  constructor() { this.table = process.env.TABLE; }', body: '    return loadOrder(event.orderId, this.table);' })).toBe(null);
    expect(verdict({ body: '    if (!this.db) this.db = await loadOrder(1);\n    return this.db;' })).toBe(null);
    expect(verdict({ body: '    this.ready = true;\n    await loadOrder(event.orderId);\n    return this.ready;' })).toBe(null);
    // a run-once initialisation behind an early return on a flag the method sets
    expect(verdict({ body: '    if (this.ready) return this.config;\n    this.config = await loadOrder(event.orderId);\n    this.ready = true;\n    return this.config;' })).toBe(null);
    expect(verdict({ tail: 'export const handler = (event) => new OrderHandler().handle(event);' })).toBe(null);
    expect(verdict({ body: '    this.userId = event.userId;\n    return { user: this.userId };' })).toBe(null);
  });
});
