// MIGRATION.md is what the CLI's docs links (`MIGRATION.md#<rule.docs>`) point at: every registered
// rule and transform must have its anchor there, and the guide's own links must resolve.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_RULES, RULES, TRANSFORMS } from '../transforms/registry';

const ROOT = join(__dirname, '..');
const GUIDE = readFileSync(join(ROOT, 'MIGRATION.md'), 'utf8');

/** files under `dir` (relative to the repo) whose name ends with one of `exts` */
function filesUnder(dir: string, exts: string[]): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const path = `${dir}/${d.name}`;
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : filesUnder(path, exts);
    return exts.some((e) => d.name.endsWith(e)) ? [path] : [];
  });
}

/** every `<a id="…"></a>` in the guide, in order */
function anchorsOf(markdown: string): string[] {
  return [...markdown.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
}

/** the anchor part of a docs link: `tmp-fixed-path`, `#tmp-fixed-path` or `MIGRATION.md#tmp-fixed-path` */
function anchorOf(docs: string): string {
  return docs.slice(docs.indexOf('#') + 1);
}

const anchors = anchorsOf(GUIDE);
const anchorSet = new Set(anchors);
const allRules = [...RULES, ...CONFIG_RULES];

describe('MIGRATION.md', () => {
  it('has the guide sections the README and reports link to', () => {
    for (const id of ['what-changes', 'steps', 'pool-sizing', 'per-worker-state', 'suppressing', 'rules', 'transforms']) {
      expect(anchorSet, `missing <a id="${id}">`).toContain(id);
    }
  });

  it('defines each anchor once', () => {
    const duplicates = anchors.filter((a, i) => anchors.indexOf(a) !== i);
    expect(duplicates).toEqual([]);
  });

  it('has a section for every registered rule id', () => {
    const missing = allRules.map((r) => r.id).filter((id) => !anchorSet.has(id));
    expect(missing).toEqual([]);
  });

  it('has the anchor every registered rule links to (rule.docs)', () => {
    const broken = allRules.filter((r) => !anchorSet.has(anchorOf(r.docs))).map((r) => `${r.id} → ${r.docs}`);
    expect(broken).toEqual([]);
  });

  it('starts every rule section with its anchor and a "### <id> — title" heading', () => {
    const bad = allRules
      .map((r) => r.id)
      .filter((id) => !new RegExp(`<a id="${id}"></a>\\r?\\n### ${id} — \\S`).test(GUIDE));
    expect(bad).toEqual([]);
  });

  it('has a transform-<id> section for every registered transform', () => {
    const missing = TRANSFORMS.map((t) => `transform-${t.meta.id}`).filter((a) => !anchorSet.has(a));
    expect(missing).toEqual([]);
  });

  it('lists the transforms in the order the full migration applies them', () => {
    const listed = [...GUIDE.matchAll(/^\d+\. \[[^\]]+\]\(#transform-([a-z0-9-]+)\)/gm)].map((m) => m[1]);
    const registered = TRANSFORMS.map((t) => t.meta.id);
    // a transform documented ahead of its registration may be listed; the registered ones keep their order
    expect(listed.filter((id) => registered.includes(id))).toEqual(registered);
  });

  it('names, in each transform section, every rule that transform fixes', () => {
    const gaps: string[] = [];
    for (const t of TRANSFORMS) {
      const start = GUIDE.indexOf(`<a id="transform-${t.meta.id}"></a>`);
      if (start === -1) continue; // reported by the test above
      const next = GUIDE.indexOf('<a id="', start + 1);
      const section = GUIDE.slice(start, next === -1 ? undefined : next);
      for (const rule of t.meta.fixes) if (!section.includes(`(#${rule})`)) gaps.push(`${t.meta.id} does not link ${rule}`);
    }
    expect(gaps).toEqual([]);
  });

  it('has every anchor the CLI and the READMEs link to literally (MIGRATION.md#anchor)', () => {
    const linking = [...filesUnder('cli', ['.ts']), 'README.md', 'examples/orders-service/README.md'];
    const links = linking.flatMap((file) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/MIGRATION\.md#([a-z0-9-]+)/g)].map((m) => ({ file, anchor: m[1] })),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !anchorSet.has(l.anchor)).map((l) => `${l.file}: #${l.anchor}`)).toEqual([]);
  });

  it('links only to anchors it defines', () => {
    const links = [...GUIDE.matchAll(/\]\(#([^)\s]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((l) => !anchorSet.has(l))).toEqual([]);
  });
});
