// shared-state: module state shared by the concurrent requests of a worker becomes per-request
// (locals, parameters, request.internal), atomic (snapshots, temporaries, re-reads) or locked.
import { makeTransform } from './engine/make-transform';
import type { TransformModule } from './types';
import { applySharedState } from './shared-state/apply';

export const sharedState: TransformModule = {
  meta: {
    id: 'shared-state',
    title: 'Per-request, atomic or locked module state',
    summary: 'Module state shared by concurrent requests becomes locals, atomic snapshots or locked sections',
    fixes: ['module-state-per-request', 'rmw-across-await', 'module-counter', 'process-env-mutation', 'middleware-closure-state'],
  },
  apply: applySharedState,
};

export default makeTransform(sharedState);
