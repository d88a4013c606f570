import {
  countLabel,
  formatDateRange,
  type MissedDetailsView,
  missedDetailsView,
  type Session,
} from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainMissing } from '../connection.js';
import type { CliIo } from '../io.js';
import { resolveMissedQuestionId } from '../missed-id.js';
import { renderTable } from '../output/table.js';
import { terminalWidth, useColor } from '../output/terminal.js';
import { renderTranscript } from '../output/transcript.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';

/** Flags of `observatory missed show`. */
export interface MissedShowFlags extends ConnectionFlags, RangeFlags {
  readonly session?: string;
  /** How many sessions to list, the latest first (default core's `DEFAULT_MISSED_SESSION_LIMIT`, 10). */
  readonly limit?: string;
  readonly json?: boolean;
}

/**
 * `observatory missed show <id>` (or a unique start of it, as the tables show it): the details panel of one missed question: the three stats (occurrences in the
 * range, total since the agent was created, distinct sessions in the range), the transcript of one session
 * (`--session`, default the latest) with the missed message highlighted (inverse video on a terminal, `>>`
 * without one), then the sessions where it appeared in the range, one row each, the latest `--limit` of them.
 *
 * @example
 * ```ts
 * await missedShowCommand('3f1c…', { preset: 'last30Days', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function missedShowCommand(
  given: string,
  flags: MissedShowFlags,
  io: CliIo,
  now = new Date(),
): Promise<void> {
  const sessionLimit = limitFlag(flags.limit);
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const client = connect(flags, io);
  const organization = flags.org ?? io.env.OBSERVATORY_ORG ?? '';
  const id = await resolveMissedQuestionId(client, given, organization);
  const details = await client.missedQuestions.details(id, range).catch((error: unknown) => {
    throw explainMissing(error, `missed question "${id}"`, organization);
  });
  const rangeText = formatDateRange(range, timeZone);
  if (flags.session !== undefined && !details.occurrences.some((at) => at.sessionId === flags.session)) {
    throw new CliError(
      `--session: the question was not asked in session "${flags.session}" in ${rangeText}; its sessions are listed without --session`,
    );
  }
  // Without --session, the latest session where it was asked (core's default), when there is one.
  const chosen = flags.session ?? missedDetailsView(details, { timeZone }).defaultSessionId;
  let session: Session | undefined;
  if (chosen !== undefined) {
    session = await client.sessions
      // An occurrence is its question's agent's: the session of that agent (ids are unique per agent).
      .get(chosen, { include: ['messages', 'liveChats'] }, { agentId: details.question.agentId })
      .catch((error: unknown) => {
        throw explainMissing(error, `session "${chosen}"`, organization);
      });
  }
  const view = missedDetailsView(details, {
    timeZone,
    ...(sessionLimit === undefined ? {} : { sessionLimit }),
    ...(session === undefined ? {} : { session }),
  });
  if (flags.json) {
    const question = {
      id: details.question.id,
      agentId: details.question.agentId,
      status: details.question.status,
    };
    io.stdout.write(`${JSON.stringify({ range, timeZone, rangeText, ...question, ...view }, null, 2)}\n`);
    return;
  }
  const heading = `${view.question}  (${details.question.agentId}, ${details.question.status})`;
  io.stdout.write(
    `${renderDetails(heading, view, rangeText, { width: terminalWidth(io), color: useColor(io), agentId: details.question.agentId })}\n`,
  );
}

/** `--limit`: a whole number from 1 to 1000, or undefined for core's default. */
function limitFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new CliError(`--limit must be an integer from 1 to 1000 (got "${value}")`);
  }
  return limit;
}

function renderDetails(
  heading: string,
  view: MissedDetailsView,
  rangeText: string,
  options: { width: number; color: boolean; agentId: string },
): string {
  const { stats } = view;
  const parts = [
    heading,
    `${stats.occurrencesInRange} in range · ${stats.totalSinceCreated} since the agent was created · ${countLabel(stats.distinctSessions, 'session')} in range`,
    rangeText,
  ];
  if (view.sessions.length === 0) {
    parts.push('', `Not asked in ${rangeText}: widen the range (--from, --preset) to see where it was.`);
    return parts.join('\n');
  }
  if (view.transcript !== undefined) {
    const latest =
      view.transcript.sessionId === view.defaultSessionId ? ' (the latest; --session for another)' : '';
    // The page's "Go to Session": the whole session with its metadata, the same messages marked.
    const { sessionId, lines } = view.transcript;
    const marked = lines.filter((line) => line.highlighted).map((line) => ` --highlight ${line.messageId}`);
    parts.push(
      '',
      `Transcript of ${sessionId}${latest}`,
      renderTranscript(lines, options.color),
      '',
      `The whole session: observatory sessions show ${sessionId} --agent ${options.agentId}${marked.join('')}`,
    );
  }
  parts.push(
    '',
    'Sessions where it appeared',
    renderTable(
      [{ header: 'session' }, { header: 'times', align: 'right' }, { header: 'last asked at', drop: 1 }],
      view.sessions.map((row) => [row.sessionId, String(row.occurrences), row.lastOccurredAtLocal]),
      options.width,
    ),
  );
  if (view.moreSessions > 0) {
    const every = view.sessions.length + view.moreSessions;
    parts.push(`and ${countLabel(view.moreSessions, 'more session')} (--limit ${every} lists every one)`);
  }
  return parts.join('\n');
}
