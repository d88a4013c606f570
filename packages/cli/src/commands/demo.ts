import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createObservatoryClient, type ExportedFile } from '@observatory/client';
import { formatDateRange, localDateLabel, resolveDateRange } from '@observatory/core';
import {
  createMemoryOutbox,
  createMissedQuestionReporter,
  type MissedQuestionReporter,
} from '@observatory/nodes';
import { redactUrl, startObservatoryServer } from '@observatory/server';
import { CliError } from '../cli-error.js';
import { ESCALATE_AFTER, runConversation } from '../demo/agent.js';
import { demoClosingText } from '../demo/closing-text.js';
import { type ConversationScript, generateConversations } from '../demo/dataset.js';
import { servePages } from '../demo/serve-pages.js';
import { storedFirst } from '../demo/stored-first.js';
import type { CliIo } from '../io.js';
import { trendChart } from '../output/chart.js';
import { type ProgressOptions, startProgress } from '../output/progress.js';
import { terminalWidth } from '../output/terminal.js';
import { timeZoneFlag } from '../range-flags.js';
import { missedTable } from './missed-top.js';

/**
 * Flags of `observatory demo`.
 *
 * @example
 * ```ts
 * import { type DemoFlags, demoCommand } from '@observatory/cli';
 * // Strings, as they come from the command line.
 * const flags: DemoFlags = { seed: '42', sessions: '500', days: '30', tz: 'Europe/Athens', json: true };
 * const io = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * await demoCommand(flags, io);
 * ```
 */
export interface DemoFlags {
  readonly seed: string;
  readonly sessions: string;
  readonly days: string;
  readonly tz?: string;
  readonly out?: string;
  readonly store?: string;
  readonly quiet?: boolean;
  readonly json?: boolean;
  /** Keep serving the web pages on the demo's data after the report, until Ctrl-C. */
  readonly serve?: boolean;
  /** As `serve`, and open the pages in the system browser. */
  readonly open?: boolean;
}

/**
 * What the demo found, as `--json` prints it.
 *
 * @example
 * ```ts
 * import { type DemoSummary, demoCommand } from '@observatory/cli';
 * const flags = { seed: '42', sessions: '200', days: '30', quiet: true };
 * const summary: DemoSummary = await demoCommand(flags, io);
 * console.log(summary.missedQuestions, summary.topMissedQuestions[0]?.question);
 * ```
 */
export interface DemoSummary {
  readonly sessions: number;
  readonly userMessages: number;
  readonly missedQuestions: number;
  readonly escalations: number;
  readonly topMissedQuestions: ReadonlyArray<{ question: string; occurrences: number; agentId: string }>;
  readonly exports: readonly string[];
}

// Conversations in flight at once: enough to overlap HTTP round trips, few enough to keep memory flat.
const CONCURRENCY = 8;

/**
 * `observatory demo`: starts a local Observatory on a temporary embedded store, generates a seeded dataset of
 * conversations, drives each through the FAQ workflow built on `@observatory/nodes` (so counters and escalations
 * are real), pushes the sessions to the server, then — through `@observatory/client` — prints the top missed
 * questions, the daily missed-vs-answered trend and the escalations, and writes txt, csv and xlsx exports.
 *
 * @example
 * ```ts
 * const summary = await demoCommand({ seed: '42', sessions: '200', days: '30', quiet: true }, io);
 * ```
 */
export async function demoCommand(flags: DemoFlags, io: CliIo, now = new Date()): Promise<DemoSummary> {
  const seed = integerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
  const sessionCount = integerFlag('--sessions', flags.sessions, 1, 1_000_000);
  const days = integerFlag('--days', flags.days, 1, 366);
  // Checked before anything starts: an unknown zone would otherwise fail only at the report, after the whole run.
  const timeZone = timeZoneFlag(flags.tz);
  const outDir = resolve(io.cwd, flags.out ?? 'observatory-demo');
  const log = (line: string) => {
    if (!flags.json) io.stdout.write(`${line}\n`);
  };
  const progressOptions = { stream: io.stderr, quiet: flags.quiet ?? false };

  // The embedded engine (PGlite) in memory: temporary by nature, nothing to clean up, and the demo stays well under
  // a minute (a pglite:// directory adds file I/O on every write; pass --store for that).
  const storeUrl = flags.store ?? 'memory://';
  const token = randomBytes(24).toString('base64url');
  const organizationId = 'demo';
  const server = await startObservatoryServer({
    storeUrl,
    port: 0,
    auth: { tokens: [{ token, organizationId }] },
  });
  log(`Local Observatory on ${server.url} (store ${redactUrl(storeUrl)})`);
  const client = createObservatoryClient({ baseUrl: server.url, token, organizationId });

  try {
    const gate = storedFirst(client);
    const reporter = createMissedQuestionReporter({
      client: gate.sink,
      outbox: createMemoryOutbox(),
      // Refusals are counted and reported once after the run (deliverBacklog), not one warning each.
      onError: () => undefined,
    });
    const scripts = generateConversations({ seed, sessions: sessionCount, days, now });
    const progress = startProgress('Driving conversations through the nodes', sessionCount, progressOptions);
    let userMessages = 0;
    let escalations = 0;
    await forEachConcurrently(scripts, CONCURRENCY, async (script: ConversationScript) => {
      const { session, escalated } = await runConversation(script, { reporter });
      await client.chatSessions.upsert(session);
      gate.stored(session.id);
      if (session.interactions.length > 0)
        await client.ingest.recordInteractions(session.id, session.interactions);
      // The variables each workflow run left, per user message (the trace shows them on the run's last step).
      for (const snapshot of session.variableSnapshots) {
        await client.ingest.recordVariables(session.id, snapshot.variables, {
          ...(snapshot.messageId === null ? {} : { messageId: snapshot.messageId }),
        });
      }
      userMessages += session.messages.filter((message) => message.role === 'user').length;
      if (escalated) escalations++;
      progress.increment();
    });
    progress.stop();
    const delivery = await deliverBacklog(reporter, progressOptions);
    if (delivery.pending > 0 || delivery.refused > 0) {
      throw new CliError(
        `missed-question reports not delivered: ${delivery.pending} pending, ${delivery.refused} refused`,
        {
          exitCode: 1,
        },
      );
    }

    // Everything below goes through the client, as an integrator's tool would.
    // The local days the dataset covers, so every generated session is in the report.
    const first = new Date(now.getTime() - days * 86_400_000);
    const range = resolveDateRange(
      { from: localDateLabel(first, timeZone), to: localDateLabel(now, timeZone) },
      { timeZone, now },
    );
    const top = await client.missedQuestions.list({
      range,
      sort: { by: 'filteredOccurrences', order: 'desc' },
      pageSize: 10,
    });
    const analytics = await client.analytics.missedQuestions({
      startDate: range.from,
      endDate: range.to,
      timeZone,
    });
    const escalatedSessions = await client.sessions.list({ range, tags: ['escalated'], pageSize: 1 });

    log(`\nTop missed questions, ${formatDateRange(range, timeZone)}`);
    log(missedTable(top.items, terminalWidth(io)));
    log(`\nMissed vs answered per day (█ missed, ░ answered)`);
    log(
      trendChart(
        analytics.histogram.map((bucket) => ({
          label: bucket.date,
          missed: bucket.missed,
          questions: bucket.questions ?? bucket.missed + (bucket.answered ?? 0),
        })),
      ),
    );
    log(
      `\n${analytics.totalQuestions} questions, ${analytics.totalMissedQuestions} missed (${analytics.missedPercentage.toFixed(1)}%)`,
    );
    log(
      `Escalations to LiveChat after ${ESCALATE_AFTER} consecutive misses: ${escalations} driven, ${escalatedSessions.total ?? '?'} tagged "escalated" on the server`,
    );

    await mkdir(outDir, { recursive: true });
    const exports: string[] = [];
    const exportProgress = startProgress('Writing exports', 4, progressOptions);
    for (const fileType of ['txt', 'csv', 'xlsx'] as const) {
      const file = join(outDir, `sessions.${fileType}`);
      // The local-time column in the zone of the report (the local server's `timeZone` extension).
      await writeExport(
        await client.sessions.export({ range }, { fileType, separator: ';', timeZone }),
        file,
      );
      exports.push(file);
      exportProgress.increment();
    }
    const missedFile = join(outDir, 'missed-questions.csv');
    await writeExport(await client.missedQuestions.export({ range, separator: ';' }), missedFile);
    exports.push(missedFile);
    exportProgress.increment();
    exportProgress.stop();
    log(`\nExports written to ${outDir}:\n${exports.map((file) => `  ${file}`).join('\n')}`);
    const serving = flags.serve || flags.open;
    log(
      `\n${demoClosingText({
        storeUrl,
        organizationId,
        timeZone,
        topQuestionId: top.items[0]?.id,
        serving: serving ? { url: server.url, token } : undefined,
      })}`,
    );

    const summary: DemoSummary = {
      sessions: sessionCount,
      userMessages,
      missedQuestions: analytics.totalMissedQuestions,
      escalations,
      topMissedQuestions: top.items.map((item) => ({
        question: item.question,
        occurrences: item.filteredOccurrences ?? item.occurrences,
        agentId: item.agentId,
      })),
      exports,
    };
    if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    if (serving) await servePages({ url: server.url, token, open: flags.open ?? false, log });
    return summary;
  } finally {
    await server.close();
  }
}

async function writeExport(file: ExportedFile, path: string): Promise<void> {
  await pipeline(Readable.fromWeb(file.body as WebReadableStream<Uint8Array>), createWriteStream(path));
}

function integerFlag(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new CliError(`${name} must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return number;
}

/** Runs `work` over a (lazy) iterable with at most `limit` items in flight; the first failure stops it. */
async function forEachConcurrently<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failed = false;
  const worker = async () => {
    for (let next = iterator.next(); !next.done && !failed; next = iterator.next()) {
      try {
        await work(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Closes the reporter, which delivers the reports still queued, with a bar of their delivery: the nodes queue
 * reports faster than one in-process server stores them, so a backlog is left when the conversations end.
 * Returns what was not delivered: still pending, or refused by the server at any point of the run.
 */
async function deliverBacklog(
  reporter: MissedQuestionReporter,
  progressOptions: ProgressOptions,
): Promise<{ pending: number; refused: number }> {
  const backlog = await reporter.pending();
  const progress = startProgress('Delivering missed-question reports', backlog, progressOptions);
  let shown = 0;
  const poll = setInterval(() => {
    void reporter.pending().then((pending) => {
      const done = Math.max(0, backlog - pending);
      if (done > shown) progress.increment(done - shown);
      shown = Math.max(shown, done);
    });
  }, 200);
  try {
    const { pending } = await reporter.close();
    if (backlog - pending > shown) progress.increment(backlog - pending - shown);
    // The memory outbox keeps its dead letters after close: every refusal of the run, not only the last pass's.
    return { pending, refused: (await reporter.deadLetters()).length };
  } finally {
    clearInterval(poll);
    progress.stop();
  }
}
