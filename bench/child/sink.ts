import { Writable } from 'node:stream';

/**
 * A writable that counts and drops bytes, completing each write on a later turn like a file or socket would, so
 * a writer's backpressure is exercised without disk I/O adding noise.
 *
 * @example
 * ```ts
 * const sink = new CountingSink();
 * sink.write(Buffer.from('abc'));
 * sink.bytes; // 3
 * ```
 */
export class CountingSink extends Writable {
  bytes = 0;

  constructor() {
    super({ highWaterMark: 64 * 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    setImmediate(callback);
  }
}
