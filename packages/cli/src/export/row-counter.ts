import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SESSION_TEXT_DIVIDER } from '@observatory/core';
import { parse } from 'csv-parse';
import unzipper from 'unzipper';
import { PatternCount } from './pattern-count.js';

/**
 * Counts the data rows of an export while its bytes stream to a file: a copy of every chunk goes to `input`, and
 * `onRows` hears of each row as it completes.
 *
 * @example
 * ```ts
 * const counter = countExportRows('csv', (added) => progress.increment(added));
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
 * record or an xlsx row after the header, a session of the text export (a line of `=` followed by `Session:`
 * starts each one after the first; a transcript's own lines are indented and cannot pass for one).
 *
 * @example
 * ```ts
 * const counter = countExportRows('xlsx', (added) => { rows += added; });
 * await pipeline(Readable.from(sessionsToXlsx(sessions)), counter.input);
 * await counter.done; // rows === sessions.length
 * ```
 */
export function countExportRows(format: ExportFormat, onRows: (added: number) => void): RowCounter {
  const reader =
    format === 'csv' ? csvRecords(onRows) : format === 'xlsx' ? xlsxRows(onRows) : textSessions(onRows);
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
      pending = () => callback();
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

function csvRecords(onRows: (added: number) => void): Reader {
  let header = true;
  // Either separator, and any number of fields: records end where they end whatever the server chose, which is
  // all the count needs. A quoted line break stays inside its record.
  const parser = parse({
    delimiter: [';', ','],
    bom: true,
    relax_column_count: true,
    on_record: () => {
      if (header) header = false;
      else onRows(1);
      return null;
    },
  });
  parser.resume();
  return { sink: parser, done: finished(parser) };
}

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

function xlsxRows(onRows: (added: number) => void): Reader {
  const zip = unzipper.Parse();
  const entries: Promise<void>[] = [];
  let header = true;
  zip.on('entry', (entry: unzipper.Entry) => {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.path)) {
      entry.autodrain();
      return;
    }
    // Cell text is escaped (`&lt;`), so `<row` only ever opens a row.
    const rows = new PatternCount(['<row ', '<row>']);
    entry.on('data', (chunk: Buffer) => {
      let added = rows.add(chunk);
      if (header && added > 0) {
        header = false;
        added--;
      }
      if (added > 0) onRows(added);
    });
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
