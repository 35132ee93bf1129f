// Findings for /tmp paths in a handler whose name is not fixed: built from the event, or dynamic.
// The tool never rewrites these.
import type { FileAnalysis } from '../analysis/file-analysis';
import type { NodeIndex } from '../analysis/walk';
import type { Occurrence } from './occurrences';
import type { PlannedFinding } from './plan';
import { FIXED_RULE } from './rule-ids';
import type { Use } from './uses';

/** Findings for /tmp paths of a handler that are not fixed: built from the event, or dynamic. */
export function nonFixedFindings(occs: Occurrence[], analysis: FileAnalysis): PlannedFinding[] {
  const out: PlannedFinding[] = [];
  for (const o of occs) {
    if (o.value.kind !== 'event' && o.value.kind !== 'dynamic') continue;
    if (o.node.type === 'Identifier' && !o.moduleVar) continue; // reported at the local's initializer
    const uses = o.uses.some((u) => u.kind === 'alias') ? usesThroughLocal(o, occs, analysis.index) : o.uses;
    if (!uses.some((u) => u.kind === 'write' || u.kind === 'process' || u.kind === 'escape')) continue;
    if (analysis.isSuppressed(FIXED_RULE, o.node.loc?.start.line ?? 1)) continue;
    const why = o.value.kind === 'event' ? 'its name is built from the event, so two invocations with the same input collide' : 'its name is not fixed nor provably unique';
    out.push({
      rule: FIXED_RULE,
      node: o.node,
      message: `Path in /tmp that concurrent invocations may share: ${why}. Not rewritten.`,
      hint: 'Put the file in a per-invocation directory (mkdtemp(join(tmpdir(), "x-"))) and remove it in a finally; or add randomUUID() to the name.',
      fixable: false,
    });
  }
  return out;
}

/** The uses of a local that an occurrence initialises (`const file = `/tmp/${event.name}``). */
function usesThroughLocal(o: Occurrence, occs: Occurrence[], index: NodeIndex): Use[] {
  const declarator = index.parent(o.node);
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return [];
  const name = declarator.id.name;
  return occs.filter((r) => r.node.type === 'Identifier' && r.node.name === name).flatMap((r) => r.uses);
}
