// Builds the ProjectInfo every file analysis sees, from file contents only (the CLI reads the
// files): handler hints from templates, the nearest package.json "type", and the import graph.
import { dirname, resolve } from 'node:path';
import type { ImportGraph } from './import-graph';
import type { ProjectInfo } from './project';
import { handlersFromTemplate, withoutExtension } from './template-handlers';

export interface ProjectSources {
  /** template.yaml / template.yml / template.json / serverless.yml …, paths relative to the cwd */
  templates: ReadonlyArray<{ path: string; source: string }>;
  packageJsons: ReadonlyArray<{ path: string; source: string }>;
  graph?: ImportGraph;
}

export function buildProjectInfo({ templates, packageJsons, graph }: ProjectSources): ProjectInfo {
  const hints = new Map<string, Set<string>>();
  for (const t of templates) {
    for (const h of handlersFromTemplate(t.path, t.source)) {
      let names = hints.get(h.module);
      if (!names) hints.set(h.module, (names = new Set()));
      names.add(h.exportName);
    }
  }

  // package.json directory (absolute, so `../package.json` above the cwd compares right) → "type"
  const types = new Map<string, 'module' | 'commonjs' | undefined>();
  for (const p of packageJsons) types.set(dirname(resolve(p.path)), packageTypeOf(p.source));

  return {
    handlerHints: (file) => (hints.size === 0 ? [] : [...(hints.get(withoutExtension(file)) ?? [])].sort()),
    handlersReaching: (file) => graph?.handlersReaching(file) ?? [],
    packageType: (file) => {
      // nearest package.json at or above the file's directory wins, even without "type"
      for (let dir = dirname(resolve(file)); ; dir = dirname(dir)) {
        if (types.has(dir)) return types.get(dir);
        if (dirname(dir) === dir) return undefined;
      }
    },
  };
}

function packageTypeOf(source: string): 'module' | 'commonjs' | undefined {
  try {
    const type = (JSON.parse(source) as { type?: unknown }).type;
    return type === 'module' || type === 'commonjs' ? type : undefined;
  } catch {
    return undefined;
  }
}
