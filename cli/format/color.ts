// Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org).
export function useColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && !('NO_COLOR' in env) && env.TERM !== 'dumb';
}

export interface Palette {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function palette(enabled: boolean): Palette {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, green: id, yellow: id, cyan: id, dim: id, bold: id };
  }
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** Colours a unified diff: additions green, removals red, hunk headers cyan. */
export function colorDiff(diff: string, p: Palette): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return p.bold(line);
      if (line.startsWith('@@')) return p.cyan(line);
      if (line.startsWith('+')) return p.green(line);
      if (line.startsWith('-')) return p.red(line);
      return line;
    })
    .join('\n');
}
