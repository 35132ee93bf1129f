// --version: ours and the versions of the parsing/printing stack, which decide the output.
import { createRequire } from 'node:module';

const load = createRequire(__filename);
const version = (pkgJson: string) => (load(pkgJson) as { version: string }).version;

export function toolVersion(): string {
  return version('../package.json');
}

export function versionText(): string {
  return (
    `lmi-migrate ${version('../package.json')} ` +
    `(jscodeshift ${version('jscodeshift/package.json')}, recast ${version('recast/package.json')}, ` +
    `@babel/parser ${version('@babel/parser/package.json')})\n`
  );
}
