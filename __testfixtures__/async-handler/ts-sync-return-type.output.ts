import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const failed = event.Records.filter((r) => !r.body).map((r) => ({ itemIdentifier: r.messageId }));
  return { batchItemFailures: failed };
};
