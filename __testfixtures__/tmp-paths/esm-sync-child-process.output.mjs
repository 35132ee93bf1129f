import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';

// Converts the posted markdown to HTML with pandoc (shipped in a layer).
export function handler(event) {
  const tmpDir = mkdtempSync(join(tmpdir(), 'page-'));

  try {
    writeFileSync(join(tmpDir, 'page.md'), event.body);
    execFileSync('/opt/bin/pandoc', [join(tmpDir, 'page.md'), '-o', join(tmpDir, 'page.html')]);
    return { statusCode: 200, body: readFileSync(join(tmpDir, 'page.html'), 'utf8') };
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}
