/**
 * Streams an async iterable of text or bytes as a response body, pulling one chunk per read so memory stays
 * flat and a slow client slows the database reads. The first chunk is produced before the response starts:
 * an error up to that point still becomes a proper problem response; a later one aborts the transfer.
 *
 * @example
 * ```ts
 * return streamResponse(sessionsToCsv(store.streamSessions(org, query)), { 'content-type': 'text/csv' });
 * ```
 */
export async function streamResponse(
  source: AsyncIterable<string | Uint8Array>,
  headers: Record<string, string>,
): Promise<Response> {
  const encoder = new TextEncoder();
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const toBytes = (chunk: string | Uint8Array) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  let pending: IteratorResult<string | Uint8Array> | undefined = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = pending ?? (await iterator.next());
      pending = undefined;
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(toBytes(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { status: 200, headers });
}

/**
 * A `Content-Disposition` header offering the body as a download.
 *
 * @example
 * ```ts
 * attachment('chat-sessions.csv'); // 'attachment; filename="chat-sessions.csv"'
 * ```
 */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`;
}
