// moduleScope() must agree with @babel/traverse's program scope, which it replaces: the same
// bindings in the same order, the same kinds and declarations, the same referring identifiers and
// the same rebinding nodes. Compared on every fixture (inputs and outputs), the examples, the
// simulate fixtures, a generated corpus, and scoping corner cases written for this test.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import traverseModule, { type NodePath } from '@babel/traverse';
import type { File as BabelFile, Node, Program } from '@babel/types';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { moduleScope } from '../../transforms/analysis/module-scope';
import { parseForAnalysis, recastParserFor } from '../../transforms/analysis/parser';
import { generateCorpus } from '../../bench/corpus';

const traverse = ((traverseModule as unknown as { default?: typeof traverseModule }).default ?? traverseModule) as typeof traverseModule;
const ROOT = join(__dirname, '..', '..');
const SOURCE = /\.(m|c)?(j|t)sx?$/;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

const label = (n: Node) => `${n.type}@${n.loc?.start.line}:${n.loc?.start.column}`;

/** Babel's program scope, as plain data: one line per binding. */
function babelView(ast: BabelFile): string[] {
  traverse.cache.clear();
  let program: NodePath<Program> | undefined;
  traverse(ast, {
    Program(path) {
      program = path;
      path.stop();
    },
  });
  return Object.entries(program!.scope.bindings).map(([name, b]) => {
    // export declarations are "references" too in Babel; they name no identifier
    const refs = b.referencePaths.map((p) => p.node).filter((n) => n.type === 'Identifier' || n.type === 'JSXIdentifier');
    const violations = b.constantViolations.map((p) => p.node);
    return line(name, b.kind, b.path.node, b.identifier, refs, violations);
  });
}

function ourView(ast: BabelFile): string[] {
  return [...moduleScope(ast).bindings.values()].map((b) => line(b.name, b.kind, b.declaration, b.identifier, b.references, b.violations));
}

function line(name: string, kind: string, declaration: Node, identifier: Node, refs: Node[], violations: Node[]): string {
  const sorted = (nodes: Node[]) => nodes.map(label).sort().join(' ');
  return `${name} ${kind} decl=${label(declaration)} id=${label(identifier)} refs=[${sorted(refs)}] violations=[${sorted(violations)}]`;
}

function parseRaw(file: string, source: string): BabelFile | null {
  try {
    return parseForAnalysis(file, source.replace(/^\uFEFF/, ''));
  } catch {
    return null; // unparsable on purpose (the corpus has some)
  }
}

describe('moduleScope agrees with @babel/traverse', () => {
  const files = ['__testfixtures__', 'examples', 'test/simulate-fixtures'].flatMap((d) => filesUnder(join(ROOT, d)));

  it('finds the repository files to compare', () => {
    expect(files.length).toBeGreaterThan(400);
  });

  it.each(files.map((f) => [relative(ROOT, f)]))('%s', (rel) => {
    const source = readFileSync(join(ROOT, rel), 'utf8');
    const ast = parseRaw(rel, source);
    if (!ast) return;
    expect(ourView(ast)).toEqual(babelView(ast));
  });

  it('on the recast AST of every fixture input', () => {
    for (const f of files.filter((p) => p.includes('.input.'))) {
      const source = readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
      const ast = jscodeshift.withParser(recastParserFor(f))(source).get().node as BabelFile;
      expect(ourView(ast), relative(ROOT, f)).toEqual(babelView(ast));
    }
  });

  it('on a generated corpus of 300 files', () => {
    for (const f of generateCorpus({ files: 300, seed: 7 })) {
      const ast = parseRaw(f.path, f.source);
      if (ast) expect(ourView(ast), f.path).toEqual(babelView(ast));
    }
  });
});

// Scoping corner cases: each must agree with Babel, and the expectations spell out what that is.
const CASES: Array<[string, string, string, Record<string, number>, ('babel differs')?]> = [
  ['a parameter shadows', 'm.mjs', 'let n = 0; function f(n) { n++; return n; } n = 1;', { n: 0 }],
  ['a destructured parameter shadows', 'm.mjs', 'let a = 0; const f = ({ a }, [b = a]) => a + b; a;', { a: 1 }],
  ['a block let shadows only in its block', 'm.mjs', 'let x = 1; { let x = 2; x++; } x++;', { x: 1 }],
  ['var in a block is the module binding', 'm.cjs', 'var v; { var v = 2; } if (v) { v = 3; }', { v: 1 }],
  ['var in a function is local', 'm.cjs', 'var v = 1; function f() { if (1) { var v = 2; } return v; } v;', { v: 1 }],
  ['catch parameter shadows', 'm.mjs', 'let e = 0; try { f(); } catch (e) { e.x = 1; } e;', { e: 1 }],
  ['function expression name is local', 'm.mjs', 'let g = 0; const h = function g() { return g; }; g;', { g: 1, h: 0 }],
  ['class expression name is local', 'm.mjs', 'let C = 0; const D = class C { m() { return C; } }; C;', { C: 1, D: 0 }],
  ['a class refers to itself', 'm.mjs', 'class K { static make() { return new K(); } } K.make();', { K: 2 }],
  ['for-let shadows in the loop', 'm.mjs', 'let i = 9; for (let i = 0; i < 3; i++) {} i;', { i: 1 }],
  // the head is both a rebinding and (as in Babel) a reference; analyseBindings counts it once, as a write
  ['for-of head rebinding', 'm.mjs', 'let item; for (item of list) {} item;', { item: 2 }],
  ['defaults do not see body vars', 'm.cjs', 'var x = 1; function f(a = x) { var x = 2; return a; }', { x: 1 }],
  ['arguments is the function\'s own', 'm.cjs', 'function f() { return arguments.length; } f();', { f: 1 }],
  ['type annotations are not references', 'm.ts', 'const T = 1; let v: typeof T = T; v;', { T: 1, v: 1 }],
  ['namespaces keep their vars', 'm.ts', 'let z = 1; namespace N { var z = 2; z++; } z;', { z: 1 }],
  ['JSX component names are references', 'm.jsx', 'const Box = () => null; const el = <Box><div /></Box>;', { Box: 2, el: 0 }],
  ['object keys and member names are not references', 'm.mjs', 'const k = 1; const o = { k: 2, [k]: 3 }; o.k;', { k: 1, o: 1 }],
  ['shorthand property is a reference', 'm.mjs', 'const s = 1; export const o = { s };', { s: 1, o: 0 }],
  ['a block function is local to its block', 'm.mjs', 'function q() {} { function q() {} q(); } q();', { q: 1 }],
  ['a static block keeps its vars', 'm.mjs', 'var w = 1; class S { static { var w = 2; w++; } } w;', { w: 1, S: 0 }],
  ['switch cases share one block scope', 'm.mjs', 'let c = 0; switch (c) { case 1: let c = 2; c++; }', { c: 1 }],
  ['updates rebind', 'm.cjs', 'var d = 0; d++; d;', { d: 2 }],
  ['type-only imports are not values', 'm.ts', "import type { A } from './a'; import { B, type C } from './b'; let x: A = B as C;", { A: 0, B: 1, C: 1 }],
  ['enum and import-equals', 'm.ts', "import fs = require('fs'); enum E { a } fs.readFileSync(E.a);", { fs: 1 }],
  // deliberately unlike Babel, which registers no binding for a parameter property and so takes
  // the constructor's own `p` for the module's
  ['parameter properties', 'm.ts', 'const p = 1; class P { constructor(private p: number) { this.p = p; } } p;', { p: 1, P: 0 }, 'babel differs'],
  ['computed method keys and the switch discriminant see the outer scope', 'm.mjs', 'const k = 1; const o = { [k](k) { return k; } }; switch (k) { case 1: { let k; } }', { k: 2, o: 0 }],
  ['export names the binding without referencing it', 'm.mjs', 'let e = 1; export { e }; export const f = e;', { e: 2, f: 0 }],
];

describe('moduleScope corner cases', () => {
  it.each(CASES)('%s', (_name, file, source, references, babelDiffers) => {
    const ast = parseForAnalysis(file, source);
    if (babelDiffers) expect(ourView(ast)).not.toEqual(babelView(ast));
    else expect(ourView(ast)).toEqual(babelView(ast));
    const scope = moduleScope(ast);
    const counts = Object.fromEntries([...scope.bindings.values()].map((b) => [b.name, b.references.length]));
    expect(counts).toMatchObject(references);
  });
});
