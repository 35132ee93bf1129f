// The `awslambda` global the Node.js runtime provides, enough for streaming handlers to load
// and run: streamifyResponse marks the handler, HttpResponseStream.from attaches metadata.
import { Writable } from 'node:stream';

export const STREAMING = Symbol.for('lmi-simulate.streaming');

/** A response stream that collects what the handler writes. */
export class CollectingStream extends Writable {
  chunks: string[] = [];
  metadata: unknown;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void) {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }
  get body(): string {
    return this.chunks.join('');
  }
}

export function installAwsLambdaGlobal(): void {
  const g = globalThis as { awslambda?: Record<string, unknown> };
  if (g.awslambda) return;
  g.awslambda = {
    streamifyResponse<F extends (...a: unknown[]) => unknown>(handler: F): F {
      (handler as unknown as Record<symbol, boolean>)[STREAMING] = true;
      return handler;
    },
    HttpResponseStream: {
      from(stream: CollectingStream, metadata: unknown) {
        stream.metadata = metadata;
        return stream;
      },
    },
  };
}
