import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';

const ssm = new SSMClient({});

async function loadInit() {
  const result = await ssm.send(new GetParameterCommand({ Name: '/orders/table-name' }));
  return { result };
}
let ready: ReturnType<typeof loadInit> | undefined;
function whenReady() {
  ready ??= loadInit().catch((err) => {
    ready = undefined;
    throw err;
  });
  return ready;
}
// start loading at init; a failure is not an unhandled rejection and is retried by the next invocation
whenReady().catch(() => {});

export async function handler(event: { orderId: string }, context: Context): Promise<{ table: string; orderId: string }> {
  const { result } = await whenReady();
  const table = result.Parameter?.Value ?? 'orders';
  return { table, orderId: event.orderId };
}
