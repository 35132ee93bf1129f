import type { Context, SNSEvent } from 'aws-lambda';

declare function publish(messages: string[]): Promise<number>;

export const handler = async (event: SNSEvent, context: Context) => {
  return publish(event.Records.map((r) => r.Sns.Message));
};
