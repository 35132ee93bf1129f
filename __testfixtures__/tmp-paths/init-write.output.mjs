import { writeFileSync, renameSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

const partial = `/tmp/renderer.json.${randomUUID()}.tmp`;

// Rendered once per cold start; every invocation passes it to the renderer.
writeFileSync(partial, JSON.stringify({ region: process.env.AWS_REGION, fonts: ['/opt/fonts'] }));

renameSync(partial, '/tmp/renderer.json');

export const handler = async (event) => {
  const { stdout } = await run('/opt/bin/render', ['--config', '/tmp/renderer.json', '--text', event.text]);
  return { svg: stdout };
};
