// Writes approved changes safely: each file atomically (temp file in the same directory, then
// rename), keeping its mode; a file that changed on disk since it was read is not written.
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PlannedChange } from './pipeline';

export interface WriteOutcome {
  written: PlannedChange[];
  skipped: Array<{ file: string; message: string }>;
}

export function writeChanges(changes: PlannedChange[]): WriteOutcome {
  const written: PlannedChange[] = [];
  const skipped: WriteOutcome['skipped'] = [];
  for (const change of changes) {
    try {
      if (readFileSync(change.abs, 'utf8') !== change.before) {
        skipped.push({ file: change.file, message: 'changed on disk since it was scanned; not written' });
        continue;
      }
      writeAtomic(change.abs, change.after);
      written.push(change);
    } catch (e) {
      skipped.push({ file: change.file, message: `not written: ${(e as Error).message}` });
    }
  }
  return { written, skipped };
}

export function writeAtomic(path: string, content: string): void {
  const mode = statSync(path).mode & 0o7777;
  const temp = join(dirname(path), `.${basename(path)}.lmi-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file was never created
    }
    throw e;
  }
}
