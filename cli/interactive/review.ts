// The review loop: each changed file's diff, then y/n/s/a/d/q/?. Approved files are written at
// once, so quitting (q or Ctrl-C) leaves exactly the already-approved files written.
import type { Finding } from '../../transforms/types';
import { parseForAnalysis } from '../../transforms/analysis/parser';
import { colorDiff, type Palette } from '../format/color';
import { unifiedDiff, type PlannedChange } from '../pipeline';
import { applyHunks, hunkText, hunksOf } from './hunks';
import type { KeyChoice } from './key-prompt';

export interface ReviewDeps {
  ask(message: string, choices: KeyChoice[]): Promise<string>;
  print(text: string): void;
  /** writes the file; returns an error message when it could not */
  write(change: PlannedChange, content: string): string | null;
  palette: Palette;
  /** diffs longer than this are truncated, with `v` to see all */
  pageLines: number;
}

export interface ReviewOutcome {
  written: Array<{ change: PlannedChange; partial: boolean }>;
  skipped: PlannedChange[];
  failed: Array<{ file: string; message: string }>;
  quit: boolean;
}

const FILE_CHOICES: KeyChoice[] = [
  { key: 'y', value: 'yes', description: 'apply this file' },
  { key: 'n', value: 'no', description: 'skip this file' },
  { key: 's', value: 'split', description: 'review this file hunk by hunk' },
  { key: 'a', value: 'all', description: 'apply this file and all remaining files' },
  { key: 'd', value: 'done', description: 'skip this file and all remaining files' },
  { key: 'q', value: 'quit', description: 'quit; write nothing further' },
];
const VIEW_ALL: KeyChoice = { key: 'v', value: 'view', description: 'view the whole diff' };
const HUNK_CHOICES: KeyChoice[] = [
  { key: 'y', value: 'yes', description: 'apply this hunk' },
  { key: 'n', value: 'no', description: 'skip this hunk' },
  { key: 'q', value: 'quit', description: 'skip this hunk and the remaining hunks of this file' },
];
const FALLBACK_CHOICES: KeyChoice[] = [
  { key: 'y', value: 'yes', description: 'apply the whole file' },
  { key: 'n', value: 'no', description: 'leave the file unchanged' },
];

export function emptyOutcome(): ReviewOutcome {
  return { written: [], skipped: [], failed: [], quit: false };
}

function truncate(diff: string, max: number): { text: string; hidden: number } {
  const lines = diff.split('\n');
  if (lines.length <= max) return { text: diff, hidden: 0 };
  return { text: lines.slice(0, max).join('\n') + '\n', hidden: lines.length - max };
}

/** Reviews `changes` in order; `outcome` is filled as it goes (it survives a Ctrl-C). */
export async function review(
  changes: PlannedChange[],
  findingsOf: (file: string) => Finding[],
  deps: ReviewDeps,
  outcome: ReviewOutcome = emptyOutcome(),
): Promise<ReviewOutcome> {
  const p = deps.palette;
  let applyRest = false;
  const write = (change: PlannedChange, content: string, partial: boolean) => {
    const error = deps.write(change, content);
    if (error) outcome.failed.push({ file: change.file, message: error });
    else if (!partial) outcome.written.push({ change, partial });
    // a partial change reports what was really written
    else outcome.written.push({ change: { ...change, after: content, diff: unifiedDiff(change.file, change.before, content) }, partial });
  };
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    if (applyRest) {
      write(change, change.after, false);
      continue;
    }
    const rules = [...new Set(findingsOf(change.file).map((f) => f.rule))];
    deps.print(`\n${p.bold(`[${i + 1}/${changes.length}] ${change.file}`)}  ${p.dim(`transforms: ${change.transforms.join(', ')}${rules.length ? `; rules: ${rules.join(', ')}` : ''}`)}\n`);
    const { text, hidden } = truncate(change.diff, deps.pageLines);
    deps.print(colorDiff(text, p));
    if (hidden) deps.print(p.dim(`… ${hidden} more lines (v to view all)\n`));
    let answer = await deps.ask('Apply this change?', hidden ? [...FILE_CHOICES, VIEW_ALL] : FILE_CHOICES);
    if (answer === 'view') {
      deps.print(colorDiff(change.diff, p));
      answer = await deps.ask('Apply this change?', FILE_CHOICES);
    }
    if (answer === 'yes') write(change, change.after, false);
    else if (answer === 'all') {
      write(change, change.after, false);
      applyRest = true;
    } else if (answer === 'split') await reviewHunks(change, deps, write, outcome);
    else if (answer === 'done') {
      outcome.skipped.push(...changes.slice(i));
      break;
    } else if (answer === 'quit') {
      outcome.skipped.push(...changes.slice(i));
      outcome.quit = true;
      break;
    } else outcome.skipped.push(change);
  }
  return outcome;
}

async function reviewHunks(
  change: PlannedChange,
  deps: ReviewDeps,
  write: (change: PlannedChange, content: string, partial: boolean) => void,
  outcome: ReviewOutcome,
): Promise<void> {
  const hunks = hunksOf(change.file, change.before, change.after);
  const chosen = [];
  for (let h = 0; h < hunks.length; h++) {
    deps.print(`\n${deps.palette.dim(`hunk ${h + 1}/${hunks.length}`)}\n${colorDiff(hunkText(hunks[h]), deps.palette)}`);
    const answer = await deps.ask('Apply this hunk?', HUNK_CHOICES);
    if (answer === 'yes') chosen.push(hunks[h]);
    if (answer === 'quit') break;
  }
  if (chosen.length === 0) {
    outcome.skipped.push(change);
    return;
  }
  if (chosen.length === hunks.length) {
    write(change, change.after, false);
    return;
  }
  const partial = applyHunks(change.file, change.before, chosen);
  const problem = partial === null ? 'the chosen hunks do not apply' : parseProblem(change.file, partial);
  if (partial !== null && !problem) {
    write(change, partial, true);
    return;
  }
  deps.print(`${deps.palette.yellow(`With only those hunks, ${change.file} would not be valid code (${problem}).`)}\n`);
  const fallback = await deps.ask('Apply the whole file instead?', FALLBACK_CHOICES);
  if (fallback === 'yes') write(change, change.after, false);
  else outcome.skipped.push(change);
}

function parseProblem(file: string, source: string): string | null {
  try {
    parseForAnalysis(file, source.replace(/^\uFEFF/, ''));
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
