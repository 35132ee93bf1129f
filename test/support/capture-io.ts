// A CliIO that records what the CLI writes, as a run in CI sees it (no TTY anywhere).
import type { CliIO } from '../../cli/io';

export interface CapturedIO {
  io: CliIO;
  stdout(): string;
  stderr(): string;
}

export function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}): CapturedIO {
  let out = '';
  let err = '';
  const io: CliIO = {
    cwd,
    stdout: { write: (s: string) => ((out += s), true) } as CliIO['stdout'],
    stderr: { write: (s: string) => ((err += s), true) } as CliIO['stderr'],
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    env,
  };
  return { io, stdout: () => out, stderr: () => err };
}
