/**
 * `@observatory/core/xlsx` — the sessions export as an Excel workbook. A subpath of its own because it loads
 * exceljs (and Node streams); the root entry of `@observatory/core` never does.
 *
 * @packageDocumentation
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ObservatoryInputError } from './errors/errors.js';
import type { ItemSource } from './export/item-source.js';
import { sessionXlsxColumns, toSessionXlsxRow } from './export/session-xlsx-row.js';
import type { Session } from './model/session.js';
import { assertTimeZone } from './time/resolve-date-range.js';

export type { ItemSource } from './export/item-source.js';
export {
  XLSX_DATE_TIME_FORMAT,
  XLSX_SECONDS_FORMAT,
} from './export/session-xlsx-row.js';
export { XLSX_MAX_CELL_LENGTH, XLSX_TRUNCATION_MARKER } from './export/xlsx-cells.js';

/**
 * Options of {@link sessionsToXlsx}.
 *
 * @example
 * ```ts
 * import { type XlsxOptions, sessionsToXlsx } from '@observatory/core/xlsx';
 * const options: XlsxOptions = { timeZone: 'Europe/Athens', sheetName: 'November 2026' };
 * const bytes = sessionsToXlsx(sessions, options);
 * ```
 */
export interface XlsxOptions {
  /**
   * IANA zone of the local-time column, `createdAtLocal (<zone>)`.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /**
   * Name of the worksheet: 1–31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'`.
   * @default 'Sessions'
   */
  readonly sheetName?: string;
}

// How much uncompressed sheet XML may wait for the zip writer before rows stop being written. exceljs never
// applies backpressure here (see PendingSheetStream), so without this bound the whole sheet piles up in memory.
const MAX_PENDING_BYTES = 1024 * 1024;
const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

/** The part of a Node event emitter the pacing listens with. */
interface EventEmitter {
  on(event: string, listener: (error: unknown) => void): unknown;
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
}

/**
 * What the pacing reads of exceljs 4's internal sheet stream (`utils/stream-buf.js`). Its `write` always returns
 * true and hands 64 KiB batches to its pipe without waiting. That pipe is a readable-stream 2 PassThrough that
 * archiver wraps around the sheet the moment the entry is appended (StreamBuf never runs the Duplex constructor,
 * so archiver does not recognise it as readable), and it is only read once archiver reaches the entry and then as
 * fast as zlib and the output allow. Nothing reports that this PassThrough is filling up, so a writer that only
 * watches its output stream buffers the whole sheet's XML there: ~1 KB per row, 1 GB at a million rows.
 */
interface PendingSheetStream {
  /** Bytes not yet handed to the pipe (at most two 64 KiB batches). */
  readonly buffers: ReadonlyArray<{ readonly length: number }>;
  readonly pipes: ReadonlyArray<
    EventEmitter & { readonly writableLength?: number; readonly _writableState?: { readonly length: number } }
  >;
}

function pendingBytes(stream: PendingSheetStream): number {
  // Should a future exceljs change these internals, pacing stops rather than the export failing.
  if (!Array.isArray(stream.buffers) || !Array.isArray(stream.pipes)) return 0;
  const pipe = stream.pipes[0];
  // readable-stream 2 has no `writableLength` getter; its state object has had `length` since Node 0.10.
  let bytes = pipe ? (pipe.writableLength ?? pipe._writableState?.length ?? 0) : 0;
  for (const buffer of stream.buffers) bytes += buffer.length;
  return bytes;
}

/** Resolves on the first of the given events. */
function firstEvent(targets: ReadonlyArray<readonly [EventEmitter, string]>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const [emitter, event] of targets) emitter.off(event, done);
      resolve();
    };
    for (const [emitter, event] of targets) emitter.once(event, done);
  });
}

function assertSheetName(name: string): void {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 31 ||
    INVALID_SHEET_NAME.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'")
  ) {
    throw new ObservatoryInputError(
      'sheetName',
      "1-31 characters without : \\ / ? * [ ] or a leading/trailing '",
      name,
    );
  }
}

async function* writeWorkbook(
  sessions: ItemSource<Session>,
  timeZone: string,
  sheetName: string,
): AsyncGenerator<Uint8Array, void, undefined> {
  const output = new PassThrough({ highWaterMark: 64 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    // Inline strings, not shared ones: a shared-strings table holds every distinct text until the end.
    useSharedStrings: false,
    useStyles: true,
  });
  const zip = (workbook as unknown as { zip: EventEmitter & { abort(): void } }).zip;
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
  };
  zip.on('error', fail);
  output.on('error', fail);
  let complete = false;
  try {
    const columns = sessionXlsxColumns(timeZone);
    const sheet = workbook.addWorksheet(sheetName, {
      // The header row stays in view while scrolling.
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    sheet.columns = columns.map(({ width }) => ({ width }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const sheetStream = (sheet as unknown as { stream: PendingSheetStream }).stream;
    const header = sheet.addRow(columns.map((column) => column.header));
    header.eachCell((cell, number) => {
      cell.style = { ...columns[number - 1]?.style, font: { bold: true } };
    });
    header.commit();
    // One style object per column, given to every cell of it: exceljs resolves a style object it has seen before
    // from a WeakMap, where a per-cell copy (what a column style gives each cell) is rendered to XML again.
    const styles = columns.map((column) => column.style as Partial<ExcelJS.Style>);
    for await (const session of sessions) {
      const row = sheet.addRow(toSessionXlsxRow(session, timeZone));
      for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i] as Partial<ExcelJS.Style>;
      row.commit();
      // Hand over whatever is compressed so far, then hold the source until the zip writer has caught up:
      // rows are read only as fast as the consumer takes bytes, which keeps memory flat in the row count.
      for (;;) {
        let chunk: Buffer | null = output.read();
        for (; chunk !== null; chunk = output.read()) yield chunk;
        if (failure !== undefined) throw failure;
        if (pendingBytes(sheetStream) <= MAX_PENDING_BYTES) break;
        const pipe = sheetStream.pipes[0];
        await (pipe
          ? firstEvent([
              [pipe, 'drain'],
              [output, 'readable'],
              [output, 'error'],
              [zip, 'error'],
            ])
          : // Not piped yet (archiver pipes at append time, so this is only a guard against a changed internal).
            new Promise<void>((resolve) => setImmediate(resolve)));
      }
    }
    const committed = workbook.commit();
    committed.catch((error: unknown) =>
      output.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    for await (const chunk of output) yield chunk as Buffer;
    await committed;
    if (failure !== undefined) throw failure;
    complete = true;
  } finally {
    // The consumer stopped early or something failed: release the zip and its buffers now.
    if (!complete) {
      zip.abort();
      output.destroy();
    }
  }
}

/**
 * Serialises sessions as an .xlsx workbook, streamed with flat memory: one worksheet, a bold header row that stays
 * in view (frozen) with an autofilter, one row per session. Produced lazily: the source is read only as fast as
 * the consumer takes the zipped bytes (rows are written ahead only while less than 1 MiB of sheet XML waits to
 * be zipped).
 *
 * Columns (see `sessionXlsxColumns`) are those of the CSV export, one definition with it
 * (`flattenSessionRow`), except: `createdAt (UTC)` and `createdAtLocal (<timeZone>)` are date-time cells
 * (format {@link XLSX_DATE_TIME_FORMAT}), `durationSeconds` is a number of seconds ({@link XLSX_SECONDS_FORMAT}).
 * Counts are numbers, flags booleans; every other value is a text cell holding exactly the API's text: never a
 * formula, never retyped (`0123`, `50%`, `1/2` and 17-digit ids stay text), with no `'` added (the CSV formula
 * rule does not apply: a text cell is never evaluated). Text keeps leading and trailing spaces and line breaks
 * (inline strings with `xml:space="preserve"`); characters XML 1.0 cannot hold (controls, CR, U+FFFE, U+FFFF) and
 * a literal `_xHHHH_` are escaped as the OOXML spec defines (`_x000D_`, `_xFFFE_`, `_x005F_x0020_`), which Excel and LibreOffice
 * decode; text over Excel's 32,767-character limit is cut and ends with `…[truncated]`. `summary` and
 * `transcript` wrap; columns have widths that fit ids and times.
 *
 * @param sessions - An array, iterable or async iterable of sessions.
 * @param options - `timeZone` of the local-time column (`UTC`) and `sheetName` (`Sessions`).
 * @returns An async iterable of the file's bytes.
 * @throws `InvalidTimeZoneError` (field `timeZone`) or {@link ObservatoryInputError} (field `sheetName`),
 *   at call time; `IncompleteSessionError` while streaming, for a session listed without its messages,
 *   liveChats or summary (list with `include: SESSION_EXPORT_PARTS`).
 * @example
 * ```ts
 * import { sessionsToXlsx } from '@observatory/core/xlsx';
 * import { createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(Readable.from(sessionsToXlsx(sessions, { timeZone: 'Europe/Athens' })), createWriteStream('sessions.xlsx'));
 * ```
 */
export function sessionsToXlsx(
  sessions: ItemSource<Session>,
  options?: XlsxOptions,
): AsyncIterable<Uint8Array> {
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const sheetName = options?.sheetName ?? 'Sessions';
  assertSheetName(sheetName);
  return writeWorkbook(sessions, timeZone, sheetName);
}
