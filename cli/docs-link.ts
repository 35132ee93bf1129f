// Where MIGRATION.md lives: the copy shipped with this tool, as a file URI, unless the
// LMI_MIGRATE_DOCS_URL environment variable names a published copy (e.g. in CI, the repo URL).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TOOL_ROOT } from './tool-root';

export function docsBase(env: NodeJS.ProcessEnv): string {
  return env.LMI_MIGRATE_DOCS_URL?.replace(/#.*$/, '') || pathToFileURL(join(TOOL_ROOT, 'MIGRATION.md')).href;
}
