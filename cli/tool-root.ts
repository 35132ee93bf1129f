// This tool's own checkout or install: where MIGRATION.md, package.json and the scripts that start
// worker threads are. Under tsx this file is cli/tool-root.ts. In an esbuild bundle every module
// shares the bundle's __dirname (the cache folder), so whoever evaluates a bundle passes the root
// in as `__lmiToolRoot` (cli/bin.cjs for the CLI, cli/parallel/spawn.ts for the scan worker).
import { join } from 'node:path';

declare const __lmiToolRoot: string | undefined;

export const TOOL_ROOT: string = typeof __lmiToolRoot === 'string' ? __lmiToolRoot : join(__dirname, '..');
