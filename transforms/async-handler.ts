// async-handler: callback, context.succeed/fail/done and synchronous handlers → async handlers.
import { makeTransform } from './engine/make-transform';
import type { TransformModule } from './types';
import { applyAsyncHandler } from './async-handler/apply';

export const asyncHandler: TransformModule = {
  meta: {
    id: 'async-handler',
    title: 'Async handlers',
    summary: 'Callback and synchronous handlers become async (event, context); context.succeed/fail/done become return/throw',
    fixes: ['callback-handler', 'context-legacy-api', 'sync-handler', 'listeners-and-exit', 'xray-env-trace-id'],
  },
  apply: applyAsyncHandler,
};

export default makeTransform(asyncHandler);
