import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SESSION_TEXT_DIVIDER } from '@observatory/core';
import type { Entry } from 'unzipper';
import { PatternCount } from './pattern-count.js';

/**
 * Counts the data rows of an export while its bytes stream to a file: a copy of every chunk goes to `input`, and
 * `onRows` hears of each row as it completes.
 *
 * @example
 * ```ts
 * const counter = await countExportRows('csv', (added) => progress.increment(added));
 * counter.input.end(csvBytes);
 * await counter.done;
 * ```
 */
export interface RowCounter {
  /**
   * Takes a copy of the export's bytes, in order. It never fails, so the copy cannot break the export: once the
   * bytes turn out not to be the format, it takes the rest without reading them and `done` rejects.
   */
  readonly input: Writable;
  /** Settles once `input` has ended and every row is counted; rejects if the bytes are not the format. */
  readonly done: Promise<void>;
}

/** The formats {@link countExportRows} reads. */
export type ExportFormat = 'txt' | 'csv' | 'xlsx';

/**
 * A {@link RowCounter} for an export in `format`, where a row is what the export holds one of per item: a CSV
 * record (whatever its separator; a quoted line break stays inside its record) or an xlsx row after the header, a session of the text export (a line of `=` followed by `Session:`
 * starts each one after the first; a transcript's own lines are indented and cannot pass for one).
 *
 * @example
 * ```ts
 * const counter = await countExportRows('xlsx', (added) => { rows += added; });
 * await pipeline(Readable.from(sessionsToXlsx(sessions)), counter.input);
 * await counter.done; // rows === sessions.length
 * ```
 */
export async function countExportRows(
  format: ExportFormat,
  onRows: (added: number) => void,
): Promise<RowCounter> {
  const reader =
    format === 'csv' ? csvRecords(onRows) : format === 'xlsx' ? await xlsxRows(onRows) : textSessions(onRows);
  return { input: shielded(reader), done: reader.done };
}

/** A format's reader: `sink` reads the bytes and may fail; `done` settles when it has read them all. */
interface Reader {
  readonly sink: Writable;
  readonly done: Promise<void>;
}

function shielded({ sink, done }: Reader): Writable {
  let failed = false;
  let pending: (() => void) | undefined;
  done.catch(() => {
    failed = true;
    pending?.();
    pending = undefined;
  });
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (failed) return callback();
      pending = callback;
      // Written with a callback, so the next chunk comes only once the reader has taken this one.
      sink.write(chunk, () => {
        const next = pending;
        pending = undefined;
        next?.();
      });
    },
    final(callback) {
      if (!failed && !sink.writableEnded) sink.end();
      callback();
    },
  });
}

// A CSV record ends at a line feed outside quotes, and a quote inside a quoted field is written twice, so the
// parity of the quotes seen says whether a line feed ends a record. Counting needs no more than that: a full
// parser (csv-parse) builds every field and costs the export 40 MB more peak memory at 100,000 sessions.
function csvRecords(onRows: (added: number) => void): Reader {
  const onRecords = afterHeader(onRows);
  let quoted = false;
  let partial = false; // bytes of a record whose line feed has not come yet
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      let records = 0;
      for (let at = 0; at < chunk.length; at++) {
        const byte = chunk[at];
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === LINE_FEED && !quoted) {
          records++;
          partial = false;
          continue;
        }
        partial = true;
      }
      onRecords(records);
      callback();
    },
    final(callback) {
      if (quoted) return callback(new Error('the CSV ends inside a quoted field'));
      onRecords(partial ? 1 : 0);
      callback();
    },
  });
  return { sink, done: finished(sink) };
}

/** Passes on the rows counted after the first, which is the header of a csv or xlsx export. */
function afterHeader(onRows: (added: number) => void): (counted: number) => void {
  let header = true;
  return (counted) => {
    const rows = header && counted > 0 ? counted - 1 : counted;
    if (counted > 0) header = false;
    if (rows > 0) onRows(rows);
  };
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

function textSessions(onRows: (added: number) => void): Reader {
  const dividers = new PatternCount([`\n${SESSION_TEXT_DIVIDER}\n\nSession:`]);
  let started = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!started && chunk.length > 0) {
        started = true;
        onRows(1);
      }
      const added = dividers.add(chunk);
      if (added > 0) onRows(added);
      callback();
    },
  });
  return { sink, done: finished(sink) };
}

async function xlsxRows(onRows: (added: number) => void): Promise<Reader> {
  // Loaded for xlsx only: unzipper and its dependencies weigh 16 MB, which a csv export need not carry.
  const { default: unzipper } = await import('unzipper');
  const zip = unzipper.Parse();
  const entries: Promise<void>[] = [];
  const onSheetRows = afterHeader(onRows);
  zip.on('entry', (entry: Entry) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.path)) {
      entry.autodrain();
      return;
    }
    // Cell text is escaped (`&lt;`), so `<row` only ever opens a row.
    const rows = new PatternCount(['<row ', '<row>']);
    entry.on('data', (chunk: Buffer) => onSheetRows(rows.add(chunk)));
    entries.push(finished(entry));
  });
  // unzipper's parser ends itself at the end of the archive and says so with an early `close`, which stream
  // helpers take for a premature close: it is watched through plain events instead.
  const parsed = new Promise<void>((resolve, reject) => {
    zip.on('close', resolve);
    zip.on('error', reject);
  });
  return { sink: zip, done: parsed.then(() => Promise.all(entries)).then(() => undefined) };
}
