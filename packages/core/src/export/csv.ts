import { type Options as StringifyOptions, stringify } from 'csv-stringify/sync';
import { ObservatoryInputError } from '../errors/errors.js';
import type { MissedQuestion } from '../model/missed-question.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/resolve-date-range.js';
import type { ItemSource } from './item-source.js';
import { flattenMissedQuestionRow, missedQuestionCsvColumns } from './missed-question-row.js';
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

/** The UTF-8 byte-order mark, as text. */
const BOM = '\uFEFF';

function stringifyOptions(options: CsvOptions | undefined): StringifyOptions {
  const separator = options?.separator ?? ';';
  if (separator !== ';' && separator !== ',') {
    throw new ObservatoryInputError('separator', '";" or ","', separator);
  }
  // RFC 4180 line ends. Booleans are written as words: csv-stringify's default ('1' / '') reads as a number
  // and an empty cell in a spreadsheet.
  return { delimiter: separator, record_delimiter: '\r\n', cast: { boolean: (value) => String(value) } };
}

// One csv-stringify sync call per row: measured faster than its stream API (which also needs node:stream, not
// allowed in core) and than batching rows, and it keeps exactly one row between the source and the consumer.
async function* rowsToCsv<T>(
  items: ItemSource<T>,
  header: readonly string[],
  flatten: (item: T) => ReadonlyArray<string | number | boolean>,
  options: StringifyOptions,
  bom: boolean,
): AsyncGenerator<string, void, undefined> {
  if (bom) yield BOM;
  yield stringify([header as string[]], options);
  for await (const item of items) yield stringify([flatten(item) as unknown[]], options);
}

/**
 * Serialises sessions as CSV, one row per session, streamed: each chunk is one row, produced only when the
 * consumer asks for it (an async iterable source is never read ahead), so memory stays flat however many rows.
 *
 * Columns are {@link sessionCsvColumns} (see {@link flattenSessionRow}); lines end with CRLF (RFC 4180); cells
 * are quoted when needed and otherwise unchanged, except that text starting with `=`, `+`, `-`, `@`, TAB or CR
 * gets a leading `'` so spreadsheets do not run it as a formula (numbers the SDK writes are never prefixed).
 *
 * @param sessions - An array, iterable or async iterable of sessions.
 * @param options - `separator` (`;`), `bom` (false), `timeZone` of `createdAtLocal` (`UTC`).
 * @returns An async iterable of CSV text chunks.
 * @throws {@link ObservatoryInputError} (field `separator`) or `InvalidTimeZoneError` (field `timeZone`),
 *   at call time.
 * @example
 * ```ts
 * import { sessionsToCsv } from '@observatory/core';
 * import { createWriteStream } from 'node:fs';
 * import { Readable } from 'node:stream';
 * import { pipeline } from 'node:stream/promises';
 * await pipeline(Readable.from(sessionsToCsv(client.sessions.iterate(query), { separator: ',', bom: true })),
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
