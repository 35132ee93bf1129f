// tmp-paths: fixed /tmp paths get one unique directory per invocation, removed in a finally;
// shared /tmp caches are written atomically (unique temp file + rename).
import { makeTransform } from './engine/make-transform';
import type { TransformModule } from './types';
import { applyTmpPaths } from './tmp-paths/apply';

export const tmpPaths: TransformModule = {
  meta: {
    id: 'tmp-paths',
    title: 'Per-invocation /tmp paths and atomic /tmp caches',
    summary: 'Moves fixed /tmp paths into a unique per-invocation directory removed in finally; writes shared /tmp caches via temp file + rename',
    fixes: ['tmp-fixed-path', 'tmp-shared-cache'],
  },
  apply: applyTmpPaths,
};

export default makeTransform(tmpPaths);
