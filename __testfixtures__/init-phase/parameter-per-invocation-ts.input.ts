import { SSMClient, GetParameterCommand } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';

const ssm = new SSMClient({});

export async function handler(event: { orderId: string }, context: Context): Promise<{ table: string; orderId: string }> {
  const result = await ssm.send(new GetParameterCommand({ Name: '/orders/table-name' }));
  const table = result.Parameter?.Value ?? 'orders';
  return { table, orderId: event.orderId };
}
