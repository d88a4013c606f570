import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SessionQueryInput } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect } from '../connection.js';
import type { CliIo } from '../io.js';
import { startProgress } from '../output/progress.js';
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
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const formats = { sessions: ['txt', 'csv', 'xlsx'], 'missed-questions': ['csv'] } as const;

/**
 * `observatory export sessions|missed-questions`: streams the server's export of everything matching the flags
 * into a file, with a progress display of the bytes written. Prints the file's path (or JSON with `--json`).
 * `--tz` (default the system zone) is the zone of the range and, for sessions, of the local times in the file.
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
  const separator = flags.separator ?? ';';
  if (separator !== ';' && separator !== ',') {
    throw new CliError(`--separator must be ";" or "," (got "${separator}")`);
  }
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const client = connect(flags, io);
  const out = flags.out ?? `${what}.${flags.format}`;

  const file =
    what === 'sessions'
      ? await client.sessions.export(sessionQuery(flags, range), {
          fileType: flags.format as 'txt' | 'csv' | 'xlsx',
          separator,
          // The zone of the range is the zone of the file's local times (the local server's extension).
          timeZone,
        })
      : await client.missedQuestions.export({
          separator,
          range,
          ...(flags.agent?.length ? { agents: flags.agent } : {}),
          ...(flags.search ? { search: flags.search } : {}),
        });

  // The size is unknown while the server streams, so the display counts the KiB written.
  const progress = startProgress(`Exporting ${what} to ${out} (KiB written)`, undefined, {
    stream: io.stderr,
    quiet: flags.quiet ?? false,
  });
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const before = bytes >> 10;
      bytes += chunk.length;
      progress.increment((bytes >> 10) - before);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(file.body as import('node:stream/web').ReadableStream),
      meter,
      createWriteStream(out),
    );
  } catch (error) {
    // A file cut off mid-stream looks complete to whoever opens it next: leave none behind.
    await rm(out, { force: true });
    throw error;
  } finally {
    progress.stop();
  }
  io.stdout.write(
    flags.json ? `${JSON.stringify({ file: out, bytes, format: flags.format, what })}\n` : `${out}\n`,
  );
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
