import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

// Converts the posted markdown to HTML with pandoc (shipped in a layer).
export function handler(event) {
  writeFileSync('/tmp/page.md', event.body);
  execFileSync('/opt/bin/pandoc', ['/tmp/page.md', '-o', '/tmp/page.html']);
  return { statusCode: 200, body: readFileSync('/tmp/page.html', 'utf8') };
}
