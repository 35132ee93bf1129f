// The README's command reference cannot drift from the CLI's own option table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withReference } from '../cli/reference';
import { COMMANDS } from '../cli/commands';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two set-up commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1];
    expect(firstBlock).toContain('npm ci && npx lmi-migrate --dry examples/orders-service');
    expect(firstBlock).toContain('npm ci && npm test');
  });

  it('has the command reference generated from cli/commands.ts (run `npm run docs`)', () => {
    expect(withReference(readme)).toBe(readme);
    for (const cmd of COMMANDS) for (const o of cmd.options) expect(readme).toContain(`--${o.name}`);
  });
});
