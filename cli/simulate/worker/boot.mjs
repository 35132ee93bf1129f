// Worker-thread entry (plain JS so Node can start it). tsx's require hook loads this
// simulator's own TypeScript; tsx's ESM loader (slower to start: it runs a hooks thread) is
// registered only when the handler or the setup module is TypeScript.
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const isTypeScript = (file) => typeof file === 'string' && /\.[cm]?tsx?$/.test(file);
if (isTypeScript(workerData.handlerFile) || isTypeScript(workerData.setupFile)) {
  const { register } = await import('tsx/esm/api');
  register();
}
require('./main.ts');
