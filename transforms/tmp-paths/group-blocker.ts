// Why one handler's fixed /tmp paths (one group) cannot move into a per-invocation directory.
import type { HandlerInfo } from '../analysis/handlers';
import type { NodeIndex } from '../analysis/walk';
import { moduleStateGuard } from './guards';
import type { Occurrence } from './occurrences';
import { pathOf, segmentOf, usesOfAll } from './path-groups';
import type { Blocker } from './plan';

/** Why a group of one handler's fixed paths cannot move into a per-invocation directory; 'skip' when it is no hazard of this rule. */
export function groupBlocker(
  segment: string,
  occs: Occurrence[],
  all: Occurrence[],
  sharedPaths: Set<string>,
  shared: Occurrence[],
  handler: HandlerInfo,
  index: NodeIndex,
  moduleNames: Set<string>,
): Blocker | 'skip' | null {
  const uses = usesOfAll(occs, (u) => u.kind !== 'alias');
  if (occs.some((o) => sharedPaths.has(pathOf(o)))) {
    const inPlace = occs.some((o) => o.uses.some((u) => u.kind === 'write') && !shared.includes(o));
    return inPlace
      ? { why: 'the same file is also a shared cache or written at init', hint: 'Decide whether the file is shared (write it atomically with a temp file + rename) or per invocation (use a different name).' }
      : 'skip';
  }
  const elsewhere = all.find((o) => o.value.kind === 'fixed' && o.owner.fn !== handler.fn && segmentOf(o) === segment);
  if (elsewhere) {
    return {
      why: `${elsewhere.owner.label} uses the same path, so it may be written in one invocation and read in another`,
      hint: 'Keep the path inside one invocation: create a unique directory in the handler and pass the path to helpers as a parameter.',
    };
  }
  const writes = uses.filter((u) => u.kind === 'write' || u.kind === 'process' || u.kind === 'local-call');
  if (writes.length === 0) return 'skip';
  for (const w of writes) {
    const flag = w.call ? moduleStateGuard(w.call, handler.fn, index, moduleNames) : null;
    if (flag) {
      return {
        why: `the write depends on the module variable ${flag}, so later invocations probably reuse the file`,
        hint: 'If the file is a cache shared by invocations, keep the path and write it atomically (temp file + rename); if it is per invocation, drop the module flag.',
      };
    }
  }
  if (uses.length < 2) {
    return {
      why: 'it is written but not used again in this invocation, so it may be meant to outlive it',
      hint: 'If the file is per invocation, put it in a directory from mkdtemp and remove it in a finally; if it is shared, write it atomically (temp file + rename).',
    };
  }
  const escape = uses.find((u) => u.kind === 'escape');
  if (escape) {
    return {
      why: `the path is ${escape.reason}`,
      hint: 'Create a unique directory per invocation (mkdtemp) and make sure whoever receives the path is done with it before the directory is removed.',
    };
  }
  const exported = occs.find((o) => o.moduleVar?.exported);
  if (exported) {
    return {
      why: `the constant ${exported.moduleVar!.name} is exported, so other modules may use the same path`,
      hint: 'Stop exporting the path; create a unique directory per invocation and pass paths explicitly.',
    };
  }
  return null;
}
