// A fixed /tmp path, and how paths are grouped: every file under one top-level entry of /tmp
// ('/tmp/work', '/tmp/work/in.png') moves into the per-invocation directory together.
import type { Occurrence } from './occurrences';
import type { Use } from './uses';

export function pathOf(o: Occurrence): string {
  return o.value.kind === 'fixed' ? o.value.path : '';
}

/** The first path segment under /tmp: '/tmp/work/in.png' → 'work'. Files in one top-level entry move together. */
export function segmentOf(o: Occurrence): string {
  // pathOf(o).split('/')[2] ?? '', without the array: asked for every occurrence of every group
  const path = pathOf(o);
  const first = path.indexOf('/');
  const second = first < 0 ? -1 : path.indexOf('/', first + 1);
  if (second < 0) return '';
  const third = path.indexOf('/', second + 1);
  return path.slice(second + 1, third < 0 ? path.length : third);
}

/** mkdtemp prefix from the entry name: 'report.csv' → 'report'. */
export function prefixOf(segment: string): string {
  const stem = segment.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  return stem || 'tmp';
}

/** Every use of some occurrences, in order. A loop: Array#flatMap costs far more per call and this runs per group. */
export function usesOfAll(occs: Occurrence[], keep: (u: Use) => boolean = () => true): Use[] {
  const out: Use[] = [];
  for (const o of occs) for (const u of o.uses) if (keep(u)) out.push(u);
  return out;
}
