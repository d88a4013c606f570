import { formatLocalDateTime } from '../export/local-time.js';
import type { MissedQuestionDetails } from '../missed/details.js';
import type { MissedQuestion, MissedQuestionGroup } from '../model/missed-question.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/time-zone.js';
import { type TranscriptLineView, transcriptView } from './transcript.js';

/**
 * One row of the Missed Questions table, as the CLI and the pages show it.
 *
 * @example
 * ```ts
 * const row: MissedListRowView = {
 *   id: 'q1', agentId: 'faq-bot', question: 'Do you ship to Cyprus?', status: 'UNRESOLVED', occurrences: 3,
 *   totalOccurrences: 12, distinctSessions: 3,
 *   firstOccurredLocal: '2026-11-20 10:00:00', lastOccurredLocal: '2026-11-25 12:00:00',
 * };
 * ```
 */
export interface MissedListRowView {
  /** The question's id (a group's `key` when it has no id). */
  readonly id: string;
  readonly agentId: string;
  readonly question: string;
  readonly status: string;
  /** Occurrences in the queried range. */
  readonly occurrences: number;
  /** Occurrences since the agent was created. */
  readonly totalOccurrences: number;
  /** Distinct sessions in range, where known. */
  readonly distinctSessions?: number;
  /** Local `YYYY-MM-DD HH:mm:ss` of the latest occurrence in range: when it was last asked; `''` when unknown. */
  readonly lastOccurredLocal: string;
  /** Local `YYYY-MM-DD HH:mm:ss` of the first occurrence in range (a stored question: its creation); `''` when unknown. */
  readonly firstOccurredLocal: string;
}

/**
 * Options of the missed-question views.
 *
 * @example
 * ```ts
 * const options: MissedViewOptions = { timeZone: 'Europe/Athens' };
 * ```
 */
export interface MissedViewOptions {
  /** IANA zone of every local time. */
  readonly timeZone: string;
}

function local(iso: string | undefined, timeZone: string): string {
  return iso === undefined ? '' : formatLocalDateTime(iso, timeZone);
}

function isGroup(
  input: (MissedQuestionGroup & { readonly id?: string }) | MissedQuestion,
): input is MissedQuestionGroup & { readonly id?: string } {
  return typeof input.key === 'string' && typeof input.occurrencesInRange === 'number';
}

/**
 * A missed-question group (from `groupMissedQuestions`) or a stored question (from the API's list, with
 * `filteredOccurrences` for its range) as a row of the Missed Questions table.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { missedListRow } from '@observatory/core';
 * const rows = groups.map((group) => missedListRow(group, { timeZone: 'Europe/Athens' }));
 * for (const row of rows) console.log(`${row.occurrences}\t${row.question}\t${row.lastOccurredLocal}`);
 * ```
 */
export function missedListRow(
  group: (MissedQuestionGroup & { readonly id?: string }) | MissedQuestion,
  options: MissedViewOptions,
): MissedListRowView {
  assertTimeZone(options.timeZone, 'timeZone');
  if (isGroup(group)) {
    return {
      id: group.id ?? group.key,
      agentId: group.agentId,
      question: group.question,
      status: group.status,
      occurrences: group.occurrencesInRange,
      totalOccurrences: group.totalOccurrences,
      distinctSessions: group.distinctSessions,
      lastOccurredLocal: local(group.lastSeen, options.timeZone),
      firstOccurredLocal: local(group.firstSeen, options.timeZone),
    };
  }
  const question = group;
  return {
    id: question.id,
    agentId: question.agentId,
    question: question.question,
    status: question.status,
    occurrences: question.filteredOccurrences ?? question.occurrences,
    totalOccurrences: question.occurrences,
    ...(question.distinctSessions === undefined ? {} : { distinctSessions: question.distinctSessions }),
    // When it was last asked (never when it was stored or triaged: that is `updatedAt`).
    lastOccurredLocal: local(question.lastOccurredAt, options.timeZone),
    firstOccurredLocal: local(question.createdAt, options.timeZone),
  };
}

/**
 * The Missed Question details panel: the three stats, the sessions where the question appeared (newest first),
 * and the chosen session's transcript with the missed messages highlighted.
 *
 * @example
 * ```ts
 * const view: MissedDetailsView = {
 *   question: 'Do you ship to Cyprus?',
 *   stats: { occurrencesInRange: 1, totalSinceCreated: 4, distinctSessions: 1 },
 *   sessions: [{ sessionId: 's1', messageId: 'm3', occurredAt: '2026-11-25T10:00:00.000Z', occurredAtLocal: '2026-11-25 12:00:00' }],
 *   defaultSessionId: 's1',
 * };
 * ```
 */
export interface MissedDetailsView {
  readonly question: string;
  readonly stats: {
    readonly occurrencesInRange: number;
    readonly totalSinceCreated: number;
    readonly distinctSessions: number;
  };
  readonly sessions: ReadonlyArray<{
    readonly sessionId: string;
    readonly messageId: string;
    readonly occurredAt: string;
    readonly occurredAtLocal: string;
  }>;
  /** The session to open by default: the latest occurrence's; absent without occurrences. */
  readonly defaultSessionId?: string;
  /** The session passed in `options.session`, its missed messages highlighted. */
  readonly transcript?: { readonly sessionId: string; readonly lines: TranscriptLineView[] };
}

/**
 * Options of {@link missedDetailsView}.
 *
 * @example
 * ```ts
 * const options: MissedDetailsViewOptions = { timeZone: 'Europe/Athens', session };
 * ```
 */
export interface MissedDetailsViewOptions extends MissedViewOptions {
  /** The session whose transcript to show (fetch `defaultSessionId` for the latest). */
  readonly session?: Session;
}

/**
 * Details of a missed question (from `missedQuestionDetails`, or the client's `missedQuestions.details`, whose
 * `question` is the stored question) as the details panel shows them. With `options.session`, its transcript
 * with every message where this question was missed highlighted.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { missedDetailsView } from '@observatory/core';
 * const details = await client.missedQuestions.details('q1', range);
 * const latest = details.occurrences[0];
 * const session = latest ? await client.sessions.get(latest.sessionId) : undefined;
 * const view = missedDetailsView(details, { timeZone: 'Europe/Athens', session });
 * view.transcript?.lines.filter((line) => line.highlighted); // the missed message(s)
 * ```
 */
export function missedDetailsView(
  details: Omit<MissedQuestionDetails, 'question'> & {
    readonly question: string | { readonly question: string };
  },
  options: MissedDetailsViewOptions,
): MissedDetailsView {
  assertTimeZone(options.timeZone, 'timeZone');
  const sessions = details.occurrences.map((occurrence) => ({
    sessionId: occurrence.sessionId,
    messageId: occurrence.messageId,
    occurredAt: occurrence.occurredAt,
    occurredAtLocal: formatLocalDateTime(occurrence.occurredAt, options.timeZone),
  }));
  const { session } = options;
  const transcript =
    session === undefined
      ? undefined
      : {
          sessionId: session.id,
          lines: transcriptView(session, {
            timeZone: options.timeZone,
            highlight: sessions.filter((s) => s.sessionId === session.id).map((s) => s.messageId),
          }),
        };
  const defaultSessionId = sessions[0]?.sessionId;
  return {
    question: typeof details.question === 'string' ? details.question : details.question.question,
    stats: {
      occurrencesInRange: details.occurrencesInRange,
      totalSinceCreated: details.totalOccurrences,
      distinctSessions: details.distinctSessions,
    },
    sessions,
    ...(defaultSessionId === undefined ? {} : { defaultSessionId }),
    ...(transcript === undefined ? {} : { transcript }),
  };
}
