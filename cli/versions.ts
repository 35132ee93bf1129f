// --version: ours and the versions of the parsing/printing stack, which decide the output.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOL_ROOT } from './tool-root';

// from the tool's root, which also holds the dependencies it runs with
const load = createRequire(join(TOOL_ROOT, 'package.json'));
const version = (pkgJson: string) => (load(pkgJson) as { version: string }).version;

export function toolVersion(): string {
  return version('./package.json');
}

export function versionText(): string {
  return (
    `lmi-migrate ${version('./package.json')} ` +
    `(jscodeshift ${version('jscodeshift/package.json')}, recast ${version('recast/package.json')}, ` +
    `@babel/parser ${version('@babel/parser/package.json')})\n`
  );
}
