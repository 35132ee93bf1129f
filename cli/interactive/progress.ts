// A one-line progress indicator on stderr for scans of more than a few dozen files.
import type { Writable } from '../io';

export function progressReporter(stream: Writable, enabled: boolean, threshold = 40) {
  let last = 0;
  return (done: number, total: number, file: string) => {
    if (!enabled || total < threshold) return;
    const now = Date.now();
    if (done < total && now - last < 80) return;
    last = now;
    const text = done >= total ? `scanned ${total} files` : `scanning ${done}/${total} ${file}`;
    stream.write(`\r\u001b[2K${text.slice(0, 100)}${done >= total ? '\n' : ''}`);
  };
}
