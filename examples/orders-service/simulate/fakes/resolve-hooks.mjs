// ESM resolve hook (registered by ../fake-services.mjs): `import` of a faked package resolves to
// its fake in ./node_modules, as `require` does through Module._resolveFilename.
import { FAKE_FILES } from './fake-files.mjs';

export async function resolve(specifier, context, nextResolve) {
  const file = FAKE_FILES.get(specifier);
  return file ? { url: new URL(file, import.meta.url).href, format: 'commonjs', shortCircuit: true } : nextResolve(specifier, context);
}
