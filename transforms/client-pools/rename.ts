// Renames references in place (the nodes keep their positions, so recast reprints only them).
import type { Identifier, Node } from '@babel/types';
import type { FileAnalysis } from '../analysis/file-analysis';

export function renameReferences(refs: Identifier[], name: string, analysis: FileAnalysis): void {
  for (const ref of refs) {
    if (ref.name === name) continue;
    const parent = analysis.index.parent(ref) as Node | undefined;
    if (parent?.type === 'ObjectProperty' && parent.shorthand && parent.value === ref) {
      // `{ s3 }` → `{ s3: sharedS3 }`: the key keeps the old name
      parent.shorthand = false;
      if (parent.key === ref) parent.key = { type: 'Identifier', name: ref.name } as Identifier;
      (parent as { extra?: unknown }).extra = undefined;
    }
    ref.name = name;
  }
}
