// The CLI's commands and options, written once: argument parsing, --help and the README's
// command reference all come from this table.
export interface OptionSpec {
  name: string;
  /** value placeholder, absent for boolean flags */
  arg?: string;
  repeatable?: boolean;
  short?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  options: OptionSpec[];
}

const COMMON: OptionSpec[] = [
  { name: 'jobs', arg: 'n', description: 'threads for scanning and transforming, this one included (default: 1, or up to 4 above 300 files on 4+ cores)' },
  { name: 'ignore', arg: 'glob', repeatable: true, description: 'skip files matching this glob (relative to the current directory); repeatable' },
  { name: 'extensions', arg: 'list', description: 'comma-separated extensions to scan (default .js,.mjs,.cjs,.jsx,.ts,.mts,.cts,.tsx)' },
  { name: 'help', short: 'h', description: 'show help' },
];

const FORMAT: OptionSpec = { name: 'format', arg: 'pretty|json', description: 'output format (default pretty)' };

export const COMMANDS: CommandSpec[] = [
  {
    name: 'migrate',
    usage: 'lmi-migrate [paths...] (--yes | --dry) [options]',
    summary: 'run every transform on the paths (default .); --dry prints the patch, --yes writes it',
    options: [
      { name: 'yes', short: 'y', description: 'apply every change without prompting' },
      { name: 'dry', description: 'write nothing; print a unified diff (git apply accepts it) on stdout' },
      { name: 'transform', arg: 'id', repeatable: true, description: 'only these transforms; repeatable' },
      { name: 'diff-out', arg: 'file', description: 'also write the patch of all changes to this file' },
      { name: 'report', arg: 'file.md', description: 'also write a Markdown report (for a PR description or comment)' },
      { name: 'allow-dirty', description: 'interactive: run even with uncommitted changes in the target paths' },
      { name: 'force', description: 'same as --allow-dirty' },
      FORMAT,
      ...COMMON,
    ],
  },
  {
    name: 'check',
    usage: 'lmi-migrate check [paths...] [options]',
    summary: 'report findings, never write; exit 0 clean, 1 findings, 2 usage or fatal error',
    options: [
      { name: 'format', arg: 'pretty|json|sarif|markdown', description: 'output format (default pretty); sarif is SARIF 2.1.0 for code scanning' },
      { name: 'rule', arg: 'id', repeatable: true, description: 'only these rules; repeatable' },
      { name: 'max-warnings', arg: 'n', description: 'exit 1 only when there are errors or more than n warnings (like ESLint)' },
      { name: 'output', arg: 'file', description: 'write the report to this file instead of stdout' },
      ...COMMON,
    ],
  },
  {
    name: 'apply',
    usage: 'lmi-migrate apply <transform-id> [paths...] [options]',
    summary: 'run one transform; writes changed files unless --dry',
    options: [
      { name: 'dry', description: 'write nothing; print a unified diff (git apply accepts it) on stdout' },
      { name: 'print', description: 'print each transformed file on stdout' },
      FORMAT,
      ...COMMON,
    ],
  },
  {
    name: 'simulate',
    usage: 'lmi-migrate simulate <handler-file> [options]',
    summary: 'run a handler locally under LMI-like concurrency (worker threads, shared /tmp) and report races; executes your code; exit 0 no race, 1 race or rejected at init, 2 harness error',
    options: [
      { name: 'export', arg: 'name', description: 'the handler export (default handler; a dotted path works)' },
      { name: 'events', arg: 'file.json|dir', description: 'a JSON array of events or a directory of *.json events (default: generated {id, key, value} events)' },
      { name: 'workers', arg: 'n', description: 'worker threads, each importing the handler once (default 2)' },
      { name: 'concurrency', arg: 'n', description: 'invocations in flight per worker (default 8)' },
      { name: 'invocations', arg: 'n', description: 'invocations to run, cycling through the events (default: the number of events, or workers x concurrency x 2)' },
      FORMAT,
      { name: 'ignore-field', arg: 'json-path', repeatable: true, description: 'a response field to ignore when comparing, e.g. $.body.requestId; repeatable (UUIDs, ISO timestamps and epoch ms are always masked)' },
      { name: 'setup', arg: 'module', description: 'a module imported in each worker before the handler, e.g. to install fakes for SDK clients' },
      { name: 'cwd', arg: 'dir', description: "the handler's working directory, as Lambda's task root (default: the nearest directory above the handler with a package.json)" },
      { name: 'help', short: 'h', description: 'show help' },
    ],
  },
  {
    name: 'list',
    usage: 'lmi-migrate list [--json]',
    summary: 'list transforms and rules with their ids and summaries',
    options: [{ name: 'json', description: 'print JSON' }, { name: 'help', short: 'h', description: 'show help' }],
  },
];

export const GLOBAL_OPTIONS: OptionSpec[] = [
  { name: 'version', short: 'v', description: 'print the version (with the jscodeshift, recast and parser versions)' },
  { name: 'help', short: 'h', description: 'show help' },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
