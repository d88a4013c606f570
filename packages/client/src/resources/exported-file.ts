import type { RequestInfo } from '../errors/errors.js';

/**
 * An export as it arrives: the body is streamed, never buffered whole.
 *
 * @example
 * ```ts
 * import { Readable } from 'node:stream';
 * import { createWriteStream } from 'node:fs';
 * import { pipeline } from 'node:stream/promises';
 * const file = await client.sessions.export({}, { fileType: 'csv' });
 * await pipeline(Readable.fromWeb(file.body), createWriteStream(file.fileName ?? 'sessions.csv'));
 * ```
 */
export interface ExportedFile {
  readonly body: ReadableStream<Uint8Array>;
  readonly contentType: string | undefined;
  /** From `Content-Disposition`, when the server names the file. */
  readonly fileName: string | undefined;
  /**
   * The body's length in bytes from `Content-Length`, when the server sends one and the body is not
   * content-encoded (a streamed export has no length until it ends).
   */
  readonly size: number | undefined;
  readonly request: RequestInfo;
}

/** Wraps an export response without reading its body. */
export function exportedFile(response: Response, request: RequestInfo): ExportedFile {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const encoded = match?.[1];
  const fileName = encoded !== undefined ? decodeURIComponent(encoded) : match?.[2];
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  const length = response.headers.get('content-length');
  // With a content-encoding the length is of the compressed bytes, not of the body fetch hands over.
  const size =
    length !== null && /^\d+$/.test(length) && !response.headers.has('content-encoding')
      ? Number(length)
      : undefined;
  return { body, contentType: response.headers.get('content-type') ?? undefined, fileName, size, request };
}
