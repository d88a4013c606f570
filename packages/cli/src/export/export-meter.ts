import { Transform } from 'node:stream';
import { type ProgressOptions, startProgress } from '../output/progress.js';
import { countExportRows, type ExportFormat } from './row-counter.js';

/**
 * What {@link meterExport} shows: the bar's label, and what the server told of the size ahead of the bytes.
 *
 * @example
 * ```ts
 * const options: ExportMeterOptions = {
 *   label: 'Exporting sessions to sessions.csv', format: 'csv', size: undefined, expectedRows: 1200,
 *   stream: process.stderr,
 * };
 * ```
 */
export interface ExportMeterOptions extends ProgressOptions {
  readonly label: string;
  readonly format: ExportFormat;
  /** The body's length when the server sent one: the bar then fills with the bytes (in KiB). */
  readonly size: number | undefined;
  /**
   * The rows the export should hold (the matching list's total), when known: otherwise the rows are counted
   * without a bar.
   */
  readonly expectedRows: number | undefined;
}

/**
 * A measure of one export on its way to a file.
 *
 * @example
 * ```ts
 * const meter = await meterExport(options);
 * await pipeline(Readable.fromWeb(file.body), meter.through, createWriteStream(out));
 * meter.finish();
 * ```
 */
export interface ExportMeter {
  /** Passes the bytes through unchanged, measuring them. */
  readonly through: Transform;
  /** The bytes that have passed so far. */
  readonly bytes: () => number;
  /**
   * Ends the display once every byte has passed. If the rows could not be counted (the bytes were not the
   * format), says so in a line rather than leaving a bar that stopped short unexplained.
   */
  finish(): Promise<void>;
  /** Ends the display after a failure. */
  stop(): void;
}

/**
 * Measures an export as it streams: a progress bar of the rows written against the rows expected (a CSV record,
 * an xlsx row or a txt session per item; see `countExportRows`), or of the bytes when the server gave the
 * length. Nothing is shown, and nothing parsed, with `quiet`.
 *
 * @example
 * ```ts
 * const meter = await meterExport({ label: 'Exporting sessions to s.xlsx', format: 'xlsx', size: undefined,
 *   expectedRows: 4200, stream: process.stderr });
 * try {
 *   await pipeline(Readable.fromWeb(file.body), meter.through, createWriteStream('s.xlsx'));
 *   await meter.finish();
 * } catch (error) {
 *   meter.stop();
 *   throw error;
 * }
 * ```
 */
export async function meterExport(options: ExportMeterOptions): Promise<ExportMeter> {
  let bytes = 0;
  const countBytes = (chunk: Buffer): void => {
    bytes += chunk.length;
  };
  if (options.quiet || options.size !== undefined) {
    const progress = startProgress(
      `${options.label} (KiB)`,
      options.size === undefined ? undefined : Math.ceil(options.size / 1024),
      options,
    );
    const through = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        const before = Math.ceil(bytes / 1024);
        countBytes(chunk);
        progress.increment(Math.ceil(bytes / 1024) - before);
        callback(null, chunk);
      },
    });
    return { through, bytes: () => bytes, finish: async () => progress.stop(), stop: () => progress.stop() };
  }

  let expected = options.expectedRows;
  let rows = 0;
  const progress = startProgress(`${options.label} (rows)`, expected, options);
  const counter = await countExportRows(options.format, (added) => {
    rows += added;
    // Sessions stored while the export runs: the bar grows rather than overflowing.
    if (expected !== undefined && rows > expected) {
      expected = rows;
      progress.setTotal(rows);
    }
    progress.increment(added);
  });
  const through = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      countBytes(chunk);
      counter.input.write(chunk, () => callback(null, chunk));
    },
    flush(callback) {
      counter.input.end(() => callback());
    },
  });
  return {
    through,
    bytes: () => bytes,
    async finish() {
      const failure = await counter.done.then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      progress.stop();
      if (failure !== undefined) {
        options.stream.write(
          `${options.label}: the rows could not be counted (${failure}); the file was written in full\n`,
        );
      }
    },
    stop: () => progress.stop(),
  };
}
