// transforms/init-phase.ts: move invocation-independent heavy work to init, end lazy-init races,
// make blocking fs/crypto/zlib calls in handlers asynchronous.
import { makeTransform } from './engine/make-transform';
import type { TransformModule } from './types';
import { applyInitPhase } from './init-phase/apply';

export const initPhase: TransformModule = {
  meta: {
    id: 'init-phase',
    title: 'Move heavy work to init and end lazy-init races',
    summary: 'Moves invocation-independent config/secret/file loads to init, memoizes lazy async init, and makes blocking *Sync calls in handlers async',
    fixes: ['heavy-work-in-handler', 'lazy-init-race', 'blocking-sync-io'],
  },
  apply: applyInitPhase,
};

export default makeTransform(initPhase);
