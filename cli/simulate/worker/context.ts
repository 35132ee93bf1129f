// The `context` object of the Node.js runtime used on Lambda Managed Instances: no
// succeed/fail/done (using them throws), callbackWaitsForEmptyEventLoop does nothing.
import type { InvocationIds } from '../protocol';

export interface ContextOptions {
  functionName: string;
  timeoutMs: number;
  /** one log stream per worker (an execution environment's worker logs to one stream) */
  logStreamName: string;
}

const REMOVED = ['succeed', 'fail', 'done'];

export function createContext(opts: ContextOptions, ids: InvocationIds, startedAt: number): Record<string, unknown> {
  const deadline = startedAt + opts.timeoutMs;
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const context: Record<string, unknown> = {
    awsRequestId: ids.awsRequestId,
    functionName: opts.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${opts.functionName}`,
    memoryLimitInMB: '2048',
    logGroupName: `/aws/lambda/${opts.functionName}`,
    logStreamName: opts.logStreamName,
    xRayTraceId: ids.xRayTraceId,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - Date.now())),
  };
  Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', { get: () => false, set: () => undefined, enumerable: true });
  for (const name of REMOVED) {
    Object.defineProperty(context, name, {
      enumerable: false,
      get() {
        throw new TypeError(`context.${name} is not supported by this runtime (Lambda Managed Instances): return the result or throw the error instead`);
      },
    });
  }
  return context;
}
