import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObservatoryClient } from '@observatory/client';
import type { SessionQueryInput } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect } from '../connection.js';
import { meterExport } from '../export/export-meter.js';
import type { ExportFormat } from '../export/row-counter.js';
import type { CliIo } from '../io.js';
import { stdoutIsTerminal } from '../output/terminal.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';
import {
  explainRejectedFilter,
  type SessionFilterFlags,
  sessionOnlyFlag,
  sessionQueryFromFlags,
} from '../session-filters.js';

/** Flags of `observatory export`: the session filters are those of `sessions list`. */
export interface ExportFlags extends ConnectionFlags, RangeFlags, SessionFilterFlags {
  readonly format: string;
  readonly out?: string;
  readonly separator?: string;
  /** `--bom` / `--no-bom`: undefined when neither is given (a CSV then starts with a BOM). */
  readonly bom?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const formats = { sessions: ['txt', 'csv', 'xlsx'], 'missed-questions': ['csv'] } as const;

/**
 * `observatory export sessions|missed-questions`: streams the server's export of everything matching the flags
 * (for sessions, the filters of `sessions list`) into a file, or to stdout with `--out -`, with a progress bar of
 * the rows written against the rows the filter matches (or of the bytes, when the server sends the length).
 * Prints the file's path (or JSON with `--json`); with `--out -` stdout holds the file only.
 * `--tz` (default the system zone) is the zone of the range and, for sessions, of the local times in the file.
 * A CSV starts with a UTF-8 byte-order mark unless `--no-bom`.
 *
 * @example
 * ```ts
 * await exportCommand('sessions', { format: 'csv', separator: ';', out: 'sessions.csv', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function exportCommand(
  what: string,
  flags: ExportFlags,
  io: CliIo,
  now = new Date(),
): Promise<void> {
  if (what !== 'sessions' && what !== 'missed-questions') {
    throw new CliError(`export what? expected "sessions" or "missed-questions" (got "${what}")`);
  }
  const allowed: readonly string[] = formats[what];
  if (!allowed.includes(flags.format)) {
    throw new CliError(`--format for ${what} must be one of ${allowed.join(', ')} (got "${flags.format}")`);
  }
  // Session filters the missed-question export has no equivalent for: refused rather than silently dropped.
  const sessionOnly = what === 'missed-questions' ? sessionOnlyFlag(flags) : undefined;
  if (sessionOnly !== undefined) {
    throw new CliError(
      `${sessionOnly} filters sessions only; the missed-questions export takes --agent and --search`,
    );
  }
  const toStdout = flags.out === '-';
  if (toStdout && flags.json) {
    throw new CliError('--json prints to stdout, which --out - fills with the file: give one or the other');
  }
  // A spreadsheet's bytes would garble the terminal: refused before anything is asked of the server.
  if (toStdout && flags.format === 'xlsx' && stdoutIsTerminal(io)) {
    throw new CliError(
      `--format xlsx is binary and stdout is a terminal: give --out ${what}.xlsx, or redirect stdout (> ${what}.xlsx)`,
    );
  }
  if (flags.separator !== undefined && flags.format !== 'csv') {
    throw new CliError(`--separator applies to csv only (got --format ${flags.format})`);
  }
  if (flags.bom !== undefined && flags.format !== 'csv') {
    throw new CliError(`--bom and --no-bom apply to csv only (got --format ${flags.format})`);
  }
  // A CSV starts with a UTF-8 BOM unless --no-bom: Excel opens a CSV without one in the system code page.
  const bom = flags.bom ?? true;
  const separator = flags.separator ?? ';';
  if (separator !== ';' && separator !== ',') {
    throw new CliError(`--separator must be ";" or "," (got "${separator}")`);
  }
  const { range, timeZone } = resolveRangeFlags(flags, now);
  // Checked before any request: a bad --search-mode pairing, a missing output folder.
  const query = what === 'sessions' ? sessionQueryFromFlags(flags, range) : undefined;
  const client = connect(flags, io);
  const out = flags.out ?? `${what}.${flags.format}`;
  if (!toStdout) await checkOutPath(out);

  const quiet = flags.quiet ?? false;
  const label = `Exporting ${what} to ${toStdout ? 'stdout' : out}`;
  // The bar's total, asked for alongside the export (it costs a one-row page).
  const total: Promise<MatchingTotal> = quiet
    ? Promise.resolve({})
    : matchingTotal(client, query, flags, range);
  const file = await (query !== undefined
    ? client.sessions.export(query, {
        fileType: flags.format as ExportFormat,
        separator,
        // The zone of the range is the zone of the file's local times (the local server's extension).
        timeZone,
        ...(flags.format === 'csv' ? { bom } : {}),
      })
    : client.missedQuestions.export({ ...missedQuestionFilter(flags, range), separator, bom })
  ).catch((error: unknown) => {
    throw explainRejectedFilter(error, flags);
  });

  // Said only now that the export itself is under way: an error that stops both is the export's one line.
  const { rows, failure } = await total;
  if (failure !== undefined && file.size === undefined)
    io.stderr.write(`${label}: counting rows without a total (${failure})\n`);
  const meter = await meterExport({
    label,
    format: flags.format as ExportFormat,
    size: file.size,
    expectedRows: file.size === undefined ? rows : undefined,
    stream: io.stderr,
    quiet,
  });
  const body = Readable.fromWeb(file.body as import('node:stream/web').ReadableStream);
  try {
    await (toStdout
      ? pipeline(body, meter.through, (chunks) => writeAll(chunks, io.stdout))
      : pipeline(body, meter.through, createWriteStream(out)));
  } catch (error) {
    meter.stop();
    // A file cut off mid-stream looks complete to whoever opens it next: leave none behind.
    if (!toStdout) await rm(out, { force: true });
    throw error;
  }
  await meter.finish();
  if (toStdout) return;
  const bytes = meter.bytes();
  io.stdout.write(
    flags.json ? `${JSON.stringify({ file: out, bytes, format: flags.format, what })}\n` : `${out}\n`,
  );
}

/** Writes every chunk to `stream` (waiting when it is full) and leaves it open: stdout outlives the export. */
async function writeAll(chunks: AsyncIterable<Buffer>, stream: NodeJS.WritableStream): Promise<void> {
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
}

/**
 * Refuses an `--out` the file cannot be written to, before the server builds the export: otherwise the whole
 * download runs, then fails on open (and the clean-up of a partial file would meet the folder).
 */
async function checkOutPath(out: string): Promise<void> {
  const expected = 'expected the path of the file to write';
  if (out === '') throw new CliError(`--out: "" is no file name; ${expected}`);
  if ((await pathKind(out)) === 'folder') throw new CliError(`--out: ${out} is a folder; ${expected}`);
  const folder = dirname(out);
  if ((await pathKind(folder)) === 'missing') {
    throw new CliError(`--out: the folder ${folder} does not exist; create it or choose another path`, {
      exitCode: 1,
    });
  }
}

/** What is at `path`; an error other than "no such file" (no permission) is left to the write to report. */
async function pathKind(path: string): Promise<'missing' | 'folder' | 'other'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'other';
  }
}

interface MatchingTotal {
  readonly rows?: number;
  readonly failure?: string;
}

/**
 * How many items the export should hold: the total of the list its filter matches, when the server gives one;
 * or why it could not be had.
 */
async function matchingTotal(
  client: ObservatoryClient,
  sessionQuery: SessionQueryInput | undefined,
  flags: ExportFlags,
  range: { from: string; to: string },
): Promise<MatchingTotal> {
  // The list filters missed questions by `question`, the export by `search`: the same filter on the server.
  const { search, ...filter } = missedQuestionFilter(flags, range);
  try {
    const page =
      sessionQuery !== undefined
        ? await client.sessions.list({ ...sessionQuery, pageSize: 1 })
        : await client.missedQuestions.list({
            ...filter,
            ...(search ? { question: search } : {}),
            pageSize: 1,
          });
    return page.total === null ? {} : { rows: page.total };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

function missedQuestionFilter(flags: ExportFlags, range: { from: string; to: string }) {
  return {
    range,
    ...(flags.agent?.length ? { agents: flags.agent } : {}),
    ...(flags.search ? { search: flags.search } : {}),
  };
}
