import { type Options as StringifyOptions, stringify } from 'csv-stringify/sync';
import { ObservatoryInputError } from '../errors/errors.js';
import type { MissedQuestion } from '../model/missed-question.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/resolve-date-range.js';
import type { ItemSource } from './item-source.js';
import { flattenMissedQuestionRow, missedQuestionCsvColumns } from './missed-question-row.js';
import { neutralizeFormula } from './neutralize.js';
import { flattenSessionRow, sessionCsvColumns } from './session-row.js';

export type { ItemSource } from './item-source.js';

/**
 * Options of the CSV serializers.
 *
 * @example
 * ```ts
 * import { type CsvOptions, sessionsToCsv } from '@observatory/core';
 * const excelFriendly: CsvOptions = { separator: ',', bom: true, timeZone: 'Europe/Athens' };
 * for await (const chunk of sessionsToCsv(sessions, excelFriendly)) process.stdout.write(chunk);
 * ```
 */
export interface CsvOptions {
  /**
   * Field separator: `;` (the platform's default) or `,`.
   * @default ';'
   */
  readonly separator?: ';' | ',';
  /**
   * Emit a UTF-8 byte-order mark (`'\uFEFF'`) as the first chunk, so Excel opens the file as UTF-8.
   * @default false
   */
  readonly bom?: boolean;
  /**
   * IANA zone of the `createdAtLocal` column (sessions only).
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

const OTHER_SEPARATORS = /[,;\t]/;

/** The UTF-8 byte-order mark, as text. */
const BOM = '\uFEFF';

function stringifyOptions(options: CsvOptions | undefined): StringifyOptions {
  const separator = options?.separator ?? ';';
  if (separator !== ';' && separator !== ',') {
    throw new ObservatoryInputError('separator', '";" or ","', separator);
  }
  return {
    delimiter: separator,
    // Quote every cell that holds a CR or a LF, not only one holding the record delimiter (csv-stringify's
    // default once a record delimiter is set): Excel and line-based readers end a row at a bare LF.
    quote_record_delimiter: true,
    // Quote a cell holding either separator or a TAB whatever the chosen separator, so a reader splitting at `;`,
    // `,` and TAB alike (a spreadsheet's import set to several separators) keeps the cell whole.
    quoted_match: OTHER_SEPARATORS,
    // csv-stringify tests a multi-character record delimiter against each cell by copying the cell; a one-
    // character one is a plain indexOf. Records are therefore written without a delimiter and `rowsToCsv` ends
    // each with CRLF (RFC 4180): the bytes are the same as with `record_delimiter: '\r\n'`.
    record_delimiter: '\n',
    eof: false,
    // Booleans as words: csv-stringify's default ('1' / '') reads as a number and an empty cell in a spreadsheet.
    cast: { boolean: (value) => String(value) },
  };
}

/** Rows of an in-memory source joined into one chunk: one async-iteration step per 64 rows, not per row. */
const ROWS_PER_CHUNK = 64;

const isSyncIterable = <T>(items: ItemSource<T>): items is Iterable<T> => Symbol.iterator in items;

// csv-stringify's sync API, one call per row: its stream API needs node:stream (not allowed in core), and one
// call for many rows was measured no faster. An in-memory source is written ROWS_PER_CHUNK rows to a chunk
// (memory stays bounded by the chunk); an async source is never read ahead, so each of its rows is a chunk.
async function* rowsToCsv<T>(
  items: ItemSource<T>,
  header: readonly string[],
  flatten: (item: T) => ReadonlyArray<string | number | boolean>,
  options: StringifyOptions,
  bom: boolean,
): AsyncGenerator<string, void, undefined> {
  // The CSV formula rule applies to every text cell; numbers and flags the SDK writes are never prefixed.
  const line = (cells: ReadonlyArray<string | number | boolean>): string => {
    const neutralised = new Array<string | number | boolean>(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as string | number | boolean;
      neutralised[i] = typeof cell === 'string' ? neutralizeFormula(cell) : cell;
    }
    return `${stringify([neutralised], options)}\r\n`;
  };
  if (bom) yield BOM;
  yield line(header);
  if (isSyncIterable(items)) {
    let chunk = '';
    let rows = 0;
    for (const item of items) {
      chunk += line(flatten(item));
      if (++rows === ROWS_PER_CHUNK) {
        yield chunk;
        chunk = '';
        rows = 0;
      }
    }
    if (chunk !== '') yield chunk;
    return;
  }
  for await (const item of items) yield line(flatten(item));
}

/**
 * Serialises sessions as CSV, one row per session, streamed: rows are produced only when the consumer asks for
 * them — one row a chunk from an async iterable (never read ahead), up to 64 rows a chunk from an array or other
 * iterable — so memory stays flat however many rows.
 *
 * Columns are {@link sessionCsvColumns} (see {@link flattenSessionRow}); lines end with CRLF (RFC 4180); a cell
 * is quoted when it holds `,`, `;` or a TAB (whichever separator is chosen, so a reader splitting at all three
 * keeps it whole), a `"`, a CR or a LF. Cells are otherwise unchanged, except that text starting with `=`,
 * `+`, `-`, `@`, TAB or CR gets a leading `'` so spreadsheets do not run it as a formula (OWASP "CSV
 * Injection"; numbers the SDK writes are never prefixed).
 *
 * @param sessions - An array, iterable or async iterable of sessions.
 * @param options - `separator` (`;`), `bom` (false), `timeZone` of `createdAtLocal` (`UTC`).
 * @returns An async iterable of CSV text chunks.
 * @throws {@link ObservatoryInputError} (field `separator`) or `InvalidTimeZoneError` (field `timeZone`),
 *   at call time; `IncompleteSessionError` while streaming, for a session listed without its messages,
 *   liveChats or summary (the rows are made of them: list with `include: SESSION_EXPORT_PARTS`).
 * @example
 * ```ts
 * import { SESSION_EXPORT_PARTS, sessionsToCsv } from '@observatory/core';
 * import { createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { pipeline } from 'node:stream/promises';
 * const sessions = client.sessions.iterate({ ...query, include: SESSION_EXPORT_PARTS });
 * await pipeline(Readable.from(sessionsToCsv(sessions, { separator: ',', bom: true })),
 *   createWriteStream('sessions.csv'));
 * ```
 */
export function sessionsToCsv(sessions: ItemSource<Session>, options?: CsvOptions): AsyncIterable<string> {
  const stringifyOpts = stringifyOptions(options);
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const flattenOptions = { timeZone };
  return rowsToCsv(
    sessions,
    sessionCsvColumns,
    (session) => flattenSessionRow(session, flattenOptions),
    stringifyOpts,
    options?.bom ?? false,
  );
}

/**
 * Serialises missed questions as CSV (the platform's export), one row per question, streamed lazily like
 * {@link sessionsToCsv}. Columns are {@link missedQuestionCsvColumns}; the same quoting and formula rule apply.
 *
 * @param questions - An array, iterable or async iterable of missed questions.
 * @param options - `separator` (`;`) and `bom` (false); `timeZone` is ignored (times are ISO UTC).
 * @returns An async iterable of CSV text chunks.
 * @throws {@link ObservatoryInputError} (field `separator`) at call time.
 * @example
 * ```ts
 * import { missedQuestionsToCsv } from '@observatory/core';
 * let csv = '';
 * for await (const chunk of missedQuestionsToCsv(questions, { separator: ',' })) csv += chunk;
 * ```
 */
export function missedQuestionsToCsv(
  questions: ItemSource<MissedQuestion>,
  options?: CsvOptions,
): AsyncIterable<string> {
  return rowsToCsv(
    questions,
    missedQuestionCsvColumns,
    flattenMissedQuestionRow,
    stringifyOptions(options),
    options?.bom ?? false,
  );
}
