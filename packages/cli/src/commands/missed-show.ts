import { formatDateRange, type MissedDetailsView, missedDetailsView, type Session } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainMissing } from '../connection.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output/table.js';
import { terminalWidth, useColor } from '../output/terminal.js';
import { renderTranscript } from '../output/transcript.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';

/** Flags of `observatory missed show`. */
export interface MissedShowFlags extends ConnectionFlags, RangeFlags {
  readonly session?: string;
  readonly json?: boolean;
}

/**
 * `observatory missed show <id>`: the details panel of one missed question: the three stats (occurrences in the
 * range, total since the agent was created, distinct sessions in the range), the sessions where it appeared in
 * the range, and the transcript of one of them (`--session`, default the latest) with the missed message
 * highlighted: inverse video on a terminal, `>>` without one.
 *
 * @example
 * ```ts
 * await missedShowCommand('3f1c…', { preset: 'last30Days', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function missedShowCommand(
  id: string,
  flags: MissedShowFlags,
  io: CliIo,
  now = new Date(),
): Promise<void> {
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const client = connect(flags, io);
  const organization = flags.org ?? io.env.OBSERVATORY_ORG ?? '';
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
      .get(chosen, { include: ['messages', 'liveChats'] })
      .catch((error: unknown) => {
        throw explainMissing(error, `session "${chosen}"`, organization);
      });
  }
  const view = missedDetailsView(details, { timeZone, ...(session === undefined ? {} : { session }) });
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
    `${renderDetails(heading, view, rangeText, { width: terminalWidth(io), color: useColor(io) })}\n`,
  );
}

function renderDetails(
  heading: string,
  view: MissedDetailsView,
  rangeText: string,
  options: { width: number; color: boolean },
): string {
  const { stats } = view;
  const parts = [
    heading,
    `${stats.occurrencesInRange} in range · ${stats.totalSinceCreated} since the agent was created · ${stats.distinctSessions} sessions in range`,
    rangeText,
    '',
  ];
  if (view.sessions.length === 0) {
    parts.push(`Not asked in ${rangeText}: widen the range (--from, --preset) to see where it was.`);
    return parts.join('\n');
  }
  parts.push(
    'Sessions where it appeared',
    renderTable(
      [{ header: 'asked at' }, { header: 'session' }, { header: 'message', min: 8, drop: 1 }],
      view.sessions.map((at) => [at.occurredAtLocal, at.sessionId, at.messageId]),
      options.width,
    ),
  );
  if (view.transcript !== undefined) {
    const latest =
      view.transcript.sessionId === view.defaultSessionId ? ' (the latest; --session for another)' : '';
    parts.push(
      '',
      `Transcript of ${view.transcript.sessionId}${latest}`,
      renderTranscript(view.transcript.lines, options.color),
    );
    // The page's "Go to Session": the whole session with its metadata, the same messages marked.
    const { sessionId } = view.transcript;
    const marked = view.sessions
      .filter((at) => at.sessionId === sessionId)
      .map((at) => ` --highlight ${at.messageId}`);
    parts.push('', `The whole session: observatory sessions show ${sessionId}${marked.join('')}`);
  }
  return parts.join('\n');
}
