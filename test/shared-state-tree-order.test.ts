// The shared-state model answers "inside" / "after" on read-only trees from the node index's
// parent links (indexedTreeOrder); it must answer exactly what the numbering walk (treeOrder) does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureAndExampleInputs } from './support/fixture-inputs';
import type { Node } from '@babel/types';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { indexNodes, markReadOnly, visit } from '../transforms/analysis/walk';
import { indexedTreeOrder, treeOrder } from '../transforms/shared-state/edit';



/** Every pair of answers that differs between the two orders, over a sample of the tree's nodes. */
function differences(file: string, source: string): string[] {
  const ast = parseForAnalysis(file, source.replace(/^\uFEFF/, ''));
  markReadOnly(ast);
  const all: Node[] = [];
  visit(ast, (n) => void all.push(n));
  // every node of small trees; a spread of nodes (always the root and the identifiers) of large ones
  const step = Math.max(1, Math.floor(all.length / 120));
  const sample = all.filter((n, i) => i % step === 0 || n.type === 'Identifier' || n.type === 'AwaitExpression');
  const outside = { type: 'Identifier', name: 'notInTheTree' } as Node;
  sample.push(outside);
  const walked = treeOrder(ast);
  const indexed = indexedTreeOrder(ast, indexNodes(ast));
  const out: string[] = [];
  for (const a of sample) {
    for (const b of sample) {
      if (walked.within(a, b) !== indexed.within(a, b)) out.push(`within ${a.type}@${a.start} ${b.type}@${b.start}`);
      if (walked.after(a, b) !== indexed.after(a, b)) out.push(`after ${a.type}@${a.start} ${b.type}@${b.start}`);
    }
  }
  return out;
}

const EDGE_CASES: Array<[string, string]> = [
  ['template.mjs', 'const t = `a${x}b${await y}c`;\n'],
  ['shorthand.mjs', 'let a = 1;\nconst o = { a, b: { a } };\nconst { a: c = a } = o;\n'],
  ['typed.ts', 'let n: number = 0;\nexport const handler = async <T,>(e: T): Promise<number> => { n += await f<T>(e); return n; };\n'],
  ['class.ts', 'class S { constructor(private p: number) {} @dec m(x = this.p) { return x; } }\n'],
];

describe('indexedTreeOrder answers as treeOrder', () => {
  it.each(EDGE_CASES)('%s', (file, source) => {
    expect(differences(file, source)).toEqual([]);
  });

  it('on every fixture input and example', () => {
    const files = fixtureAndExampleInputs();
    let compared = 0;
    for (const file of files) {
      let diffs: string[];
      try {
        diffs = differences(file, readFileSync(file, 'utf8'));
      } catch {
        continue; // a fixture that does not parse
      }
      expect(diffs, file).toEqual([]);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
