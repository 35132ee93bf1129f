// One runner for every transform's fixtures: __testfixtures__/<transform-id>/<case>.input.<ext>
// with <case>.output.<ext> (or no output file: the input must stay byte-identical), and an
// optional <case>.findings.json listing the findings `check` must report for the input.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseSource } from '../transforms/engine/analyse-source';
import { transformSource } from '../transforms/engine/transform-source';
import { parseForAnalysis } from '../transforms/analysis/parser';
import { RULES, TRANSFORMS, findTransform } from '../transforms/registry';

const ROOT = join(__dirname, '..', '__testfixtures__');
const dirs = existsSync(ROOT) ? readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];

describe('fixture folders', () => {
  it('every fixture folder names a registered transform', () => {
    for (const d of dirs) expect(TRANSFORMS.map((t) => t.meta.id)).toContain(d.name);
  });
});

for (const dir of dirs) {
  const transform = findTransform(dir.name);
  if (!transform) continue;
  const folder = join(ROOT, dir.name);
  const inputs = readdirSync(folder).filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f)).sort();
  describe(`transform ${dir.name}`, () => {
    for (const input of inputs) {
      const [, name, ext] = /^(.*)\.input\.(.*)$/.exec(input)!;
      // the path the transform sees: the extension decides parser and module style
      const path = `${name}.${ext}`;
      const outputFile = join(folder, `${name}.output.${ext}`);
      const findingsFile = join(folder, `${name}.findings.json`);
      it(`${name}.${ext}`, () => {
        const source = readFileSync(join(folder, input), 'utf8');
        const expected = existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : source;
        const first = transformSource(path, source, [transform]);
        expect(first.output).toBe(expected);
        // the output still parses, and a second run changes nothing
        expect(() => parseForAnalysis(path, first.output)).not.toThrow();
        const second = transformSource(path, first.output, [transform]);
        expect(second.output).toBe(first.output);
        if (existsSync(findingsFile)) {
          const want = JSON.parse(readFileSync(findingsFile, 'utf8')) as Array<{ rule: string; line: number; fixable?: string | null }>;
          const got = analyseSource(path, source, RULES).findings;
          expect(got.map((f) => ({ rule: f.rule, line: f.line, fixable: f.fixable }))).toEqual(
            want.map((f) => ({ rule: f.rule, line: f.line, fixable: f.fixable ?? null })),
          );
        }
      });
    }
  });
}
