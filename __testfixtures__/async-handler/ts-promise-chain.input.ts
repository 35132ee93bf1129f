import type { Callback, Context, SNSEvent } from 'aws-lambda';

declare function publish(messages: string[]): Promise<number>;

export const handler = (event: SNSEvent, context: Context, callback: Callback<number>) => {
  publish(event.Records.map((r) => r.Sns.Message))
    .then((count) => callback(null, count))
    .catch((err) => callback(err));
};
