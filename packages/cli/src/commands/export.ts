import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObservatoryClient } from '@observatory/client';
import type { SessionQueryInput } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainRefusal } from '../connection.js';
import { meterExport } from '../export/export-meter.js';
import type { ExportFormat } from '../export/row-counter.js';
import type { CliIo } from '../io.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';

/** Flags of `observatory export`. */
export interface ExportFlags extends ConnectionFlags, RangeFlags {
  readonly format: string;
  readonly out?: string;
  readonly agent?: string[];
  readonly deployment?: string[];
  readonly tag?: string[];
  readonly search?: string;
  readonly separator?: string;
  /** `--bom` / `--no-bom`: undefined when neither is given (a CSV then starts with a BOM). */
  readonly bom?: boolean;
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const formats = { sessions: ['txt', 'csv', 'xlsx'], 'missed-questions': ['csv'] } as const;

/**
 * `observatory export sessions|missed-questions`: streams the server's export of everything matching the flags
 * into a file, with a progress bar of the rows written against the rows the filter matches (or of the bytes,
 * when the server sends the length). Prints the file's path (or JSON with `--json`).
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
  if (what === 'missed-questions' && (flags.deployment?.length || flags.tag?.length)) {
    const flag = flags.deployment?.length ? '--deployment' : '--tag';
    throw new CliError(
      `${flag} filters sessions only; the missed-questions export takes --agent and --search`,
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
  const client = connect(flags, io);
  const out = flags.out ?? `${what}.${flags.format}`;
  await checkOutPath(out);

  const quiet = flags.quiet ?? false;
  const label = `Exporting ${what} to ${out}`;
  // The bar's total, asked for alongside the export (it costs a one-row page).
  const total: Promise<MatchingTotal> = quiet
    ? Promise.resolve({})
    : matchingTotal(client, what, flags, range);
  const file = await (what === 'sessions'
    ? client.sessions.export(sessionQuery(flags, range), {
        fileType: flags.format as ExportFormat,
        separator,
        // The zone of the range is the zone of the file's local times (the local server's extension).
        timeZone,
        ...(flags.format === 'csv' ? { bom } : {}),
      })
    : client.missedQuestions.export({ ...missedQuestionFilter(flags, range), separator, bom })
  ).catch((error: unknown) => {
    throw explainRefusal(error);
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
  try {
    await pipeline(
      Readable.fromWeb(file.body as import('node:stream/web').ReadableStream),
      meter.through,
      createWriteStream(out),
    );
  } catch (error) {
    meter.stop();
    // A file cut off mid-stream looks complete to whoever opens it next: leave none behind.
    await rm(out, { force: true });
    throw error;
  }
  await meter.finish();
  const bytes = meter.bytes();
  io.stdout.write(
    flags.json ? `${JSON.stringify({ file: out, bytes, format: flags.format, what })}\n` : `${out}\n`,
  );
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
  what: 'sessions' | 'missed-questions',
  flags: ExportFlags,
  range: { from: string; to: string },
): Promise<MatchingTotal> {
  // The list filters missed questions by `question`, the export by `search`: the same filter on the server.
  const { search, ...filter } = missedQuestionFilter(flags, range);
  try {
    const page =
      what === 'sessions'
        ? await client.sessions.list({ ...sessionQuery(flags, range), pageSize: 1 })
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

function sessionQuery(flags: ExportFlags, range: { from: string; to: string }): SessionQueryInput {
  return {
    range,
    ...(flags.agent?.length ? { agents: flags.agent } : {}),
    ...(flags.deployment?.length ? { deployments: flags.deployment } : {}),
    ...(flags.tag?.length ? { tags: flags.tag } : {}),
    ...(flags.search ? { search: { term: flags.search } } : {}),
  };
}
