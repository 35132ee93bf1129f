// `npm run docs`: rewrites the generated command reference block in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withReference } from './reference';

const path = join(__dirname, '..', 'README.md');
writeFileSync(path, withReference(readFileSync(path, 'utf8')));
process.stdout.write('README.md command reference updated\n');
