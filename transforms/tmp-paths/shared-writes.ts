// Writes of a /tmp file that is shared on purpose (a cache, or a file written at init).
import { enclosingFunction } from '../analysis/ast';
import type { NodeIndex } from '../analysis/walk';
import { writtenWhenReadFails } from './guards';
import type { Occurrence } from './occurrences';
import { pathOf } from './path-groups';

/**
 * A write to a shared path: after an existence check of the same path in the same function, in the
 * `catch` of a read of it, or at module init.
 *
 * Decision on init-time writes: init runs once per worker, and the workers of an environment start
 * concurrently against the one shared /tmp, so worker 2's init can truncate and rewrite the file
 * while a request on worker 1 reads it. The file is meant to be shared (every worker writes the
 * same content), so this is the shared-cache hazard, not a per-invocation one: the path is kept and
 * the write is made atomic (temp file + rename), never moved into a per-invocation directory.
 */
export function isSharedWrite(o: Occurrence, all: Occurrence[], index: NodeIndex): boolean {
  if (o.owner.fn === null) return true;
  if (writtenWhenReadFails(o, all, index, (c) => c.value.kind === 'fixed' && pathOf(c) === pathOf(o))) return true;
  const scope = enclosingFunction(o.node, index);
  return all.some(
    (c) => c.value.kind === 'fixed' && pathOf(c) === pathOf(o) && (c.node.start ?? 0) < (o.node.start ?? 0) &&
      c.uses.some((u) => u.kind === 'check') && enclosingFunction(c.node, index) === scope,
  );
}

