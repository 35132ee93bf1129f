// client-pools: one client or connection pool per worker instead of one per request (AWS SDK
// clients hoisted; pg/mysql single connections become small pools; MongoDB/Redis clients shared).
import { makeTransform } from './engine/make-transform';
import type { TransformModule } from './types';
import { applyClientPools } from './client-pools/apply';

export const clientPools: TransformModule = {
  meta: {
    id: 'client-pools',
    title: 'Share clients and pool database connections',
    summary: 'Hoists per-invocation SDK/database clients to module scope and turns single pg/mysql connections into small per-worker pools',
    fixes: ['client-per-invocation', 'db-single-connection', 'mongo-client-misuse', 'redis-shared-stateful'],
  },
  apply: applyClientPools,
};

export default makeTransform(clientPools);
