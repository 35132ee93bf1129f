// What a command may touch of the outside world, so tests can run commands in-process too.
export interface Writable {
  write(chunk: string): unknown;
}

export interface CliIO {
  cwd: string;
  stdout: Writable;
  stderr: Writable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

export type ParsedOptions = Partial<Record<string, string | boolean | string[]>> & {
  help?: boolean;
  json?: boolean;
  format?: string;
  rule?: string[];
  transform?: string[];
  ignore?: string[];
  extensions?: string;
  dry?: boolean;
  yes?: boolean;
  print?: boolean;
  'diff-out'?: string;
  report?: string;
  output?: string;
  'max-warnings'?: string;
  'allow-dirty'?: boolean;
  force?: boolean;
  jobs?: string;
};

export class UsageError extends Error {}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    env: process.env,
  };
}
