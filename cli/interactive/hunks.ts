// Splitting a file's change into hunks and applying only the chosen ones (like `git add -p`).
import { applyPatch, structuredPatch, type StructuredPatchHunk } from 'diff';

export function hunksOf(file: string, before: string, after: string): StructuredPatchHunk[] {
  return structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 }).hunks;
}

/** The hunk as unified-diff text, for display. */
export function hunkText(hunk: StructuredPatchHunk): string {
  return `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@\n${hunk.lines.join('\n')}\n`;
}

/** `before` with only the chosen hunks applied; null if they do not apply cleanly. */
export function applyHunks(file: string, before: string, hunks: StructuredPatchHunk[]): string | null {
  if (hunks.length === 0) return before;
  // later hunks' line numbers assume the earlier ones were applied: shift them by what was skipped
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, before);
  const result = applyPatch(before, { ...patch, hunks: rebase(hunks) });
  return result === false ? null : result;
}

function rebase(chosen: StructuredPatchHunk[]): StructuredPatchHunk[] {
  let shift = 0;
  return chosen.map((h) => {
    const rebased = { ...h, newStart: h.oldStart + shift };
    shift += h.newLines - h.oldLines;
    return rebased;
  });
}
