// The bundle cache (cli/bundle-cache.cjs) keeps several named bundles side by side, and processes
// writing and reading the same bundle at once never see a torn file or a script paired with
// another run's manifest.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedBundle, writeCachedBundle, type CachePlace } from '../cli/bundle-cache.cjs';

const CACHE_MODULE = join(__dirname, '..', 'cli', 'bundle-cache.cjs');
let root: string;
let place: CachePlace;

function setUp() {
  root = mkdtempSync(join(tmpdir(), 'lmi-bundle-cache-'));
  place = { root, dir: join(root, 'cache') };
  writeFileSync(join(root, 'main.ts'), 'export const main = 1;\n');
  writeFileSync(join(root, 'worker.ts'), 'export const worker = 1;\n');
  writeFileSync(join(root, 'shared.ts'), 'export const shared = 1;\n');
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('named bundles', () => {
  it('are kept side by side, each checked against its own sources', () => {
    setUp();
    writeCachedBundle('cli', 'cli script', [join(root, 'main.ts'), join(root, 'shared.ts')], 'salt', place);
    writeCachedBundle('worker', 'worker script', [join(root, 'worker.ts'), join(root, 'shared.ts')], 'salt', place);
    expect(readdirSync(place.dir).sort()).toEqual(['cli-bundle.cjs', 'cli-bundle.json', 'worker-bundle.cjs', 'worker-bundle.json']);
    expect(readCachedBundle('cli', 'salt', place)).toBe('cli script');
    expect(readCachedBundle('worker', 'salt', place)).toBe('worker script');
    writeFileSync(join(root, 'worker.ts'), 'export const worker = 2;\n');
    expect(readCachedBundle('worker', 'salt', place), 'its source changed').toBeNull();
    expect(readCachedBundle('cli', 'salt', place), 'not one of its sources').toBe('cli script');
    writeFileSync(join(root, 'shared.ts'), 'export const shared = 2;\n');
    expect(readCachedBundle('cli', 'salt', place)).toBeNull();
  });

  it('a cache that cannot be written is skipped without an error or a leftover file', () => {
    setUp();
    writeFileSync(place.dir, 'a file where the cache folder would go\n');
    expect(() => writeCachedBundle('cli', 'cli script', [join(root, 'main.ts')], 'salt', place)).not.toThrow();
    expect(readCachedBundle('cli', 'salt', place)).toBeNull();
    // an input that cannot be read (so no manifest) leaves no temporary script behind either
    rmSync(place.dir);
    mkdirSync(place.dir);
    writeCachedBundle('cli', 'cli script', [join(root, 'gone.ts')], 'salt', place);
    expect(readdirSync(place.dir)).toEqual([]);
  });
});

// big enough that a write takes several syscalls; each writer's script differs all through
const scriptOf = (letter: string) => `// ${letter}\n${letter.repeat(400_000)}\n`;

/** A process that writes its own version of the 'cli' bundle `times` times. */
function writer(letter: string, times: number): Promise<number | null> {
  const code = `const { writeCachedBundle } = require(${JSON.stringify(CACHE_MODULE)});
const script = (${scriptOf.toString()})(${JSON.stringify(letter)});
for (let i = 0; i < ${times}; i++) writeCachedBundle('cli', script, [${JSON.stringify(join(root, 'main.ts'))}], 'salt', ${JSON.stringify(place)});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('concurrent writers', () => {
  it('a reader gets one writer’s whole script or nothing, never a torn or mixed one', async () => {
    setUp();
    const letters = ['a', 'b', 'c'];
    const scripts = letters.map(scriptOf);
    const writers = Promise.all(letters.map((letter) => writer(letter, 60)));
    let done = false;
    void writers.finally(() => (done = true));
    const seen = new Map<string, number>();
    while (!done) {
      const got = readCachedBundle('cli', 'salt', place);
      const key = got === null ? 'none' : (scripts.find((s) => s === got)?.slice(3, 4) ?? 'torn or mixed');
      seen.set(key, (seen.get(key) ?? 0) + 1);
      // and each file on its own is always whole (written aside, then renamed into place)
      const script = join(place.dir, 'cli-bundle.cjs');
      const manifest = join(place.dir, 'cli-bundle.json');
      if (existsSync(script) && !scripts.includes(readFileSync(script, 'utf8'))) seen.set('torn script file', 1);
      if (existsSync(manifest)) JSON.parse(readFileSync(manifest, 'utf8'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await writers).toEqual([0, 0, 0]);
    expect([...seen.keys()].filter((k) => k.includes('torn')), JSON.stringify([...seen])).toEqual([]);
    expect([...seen.keys()].filter((k) => k !== 'none').length, 'the reader saw whole scripts').toBeGreaterThan(0);
    expect(readdirSync(place.dir).sort(), 'no temporary files left').toEqual(['cli-bundle.cjs', 'cli-bundle.json']);
    // at the end too: when a writer is paused between its two renames while another does both, the
    // last script and the last manifest come from different writers, and the reader rebuilds (null)
    expect([null, ...scripts]).toContain(readCachedBundle('cli', 'salt', place));
  }, 60_000);
});
