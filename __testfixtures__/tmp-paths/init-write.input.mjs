import { writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Rendered once per cold start; every invocation passes it to the renderer.
writeFileSync('/tmp/renderer.json', JSON.stringify({ region: process.env.AWS_REGION, fonts: ['/opt/fonts'] }));

export const handler = async (event) => {
  const { stdout } = await run('/opt/bin/render', ['--config', '/tmp/renderer.json', '--text', event.text]);
  return { svg: stdout };
};
