// Where code moved out of the handler runs when it awaits something.
//
// 'top-level': a top-level `await` in the module. Only when Node is certain to load the file as
//   an ES module: `.mjs`/`.mts`, or ESM syntax with `"type": "module"` in the nearest
//   package.json. A `.ts`/`.js` file with import syntax but no "type" is usually compiled or
//   bundled to CommonJS (tsc, esbuild's default format), where top-level await does not exist,
//   or loaded with require(esm), which rejects modules that use it.
// 'ready': one module-level promise started at init and awaited by the handler; plain JS that
//   works in both module systems.
import type { FileAnalysis } from '../analysis/file-analysis';

export type InitForm = 'top-level' | 'ready';

export function initForm(analysis: FileAnalysis, awaits: boolean): InitForm {
  if (!awaits) return 'top-level';
  if (/\.(mjs|mts)$/i.test(analysis.file)) return 'top-level';
  if (analysis.moduleStyle === 'esm' && analysis.project.packageType(analysis.file) === 'module' && !/\.(cjs|cts)$/i.test(analysis.file)) {
    return 'top-level';
  }
  return 'ready';
}
