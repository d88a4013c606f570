import { ObservatoryInputError } from '../errors/errors.js';
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
 * How many sessions the details panel lists without a limit of its own: the latest ten.
 *
 * @example
 * ```ts
 * missedDetailsView(details, { timeZone: 'UTC', sessionLimit: DEFAULT_MISSED_SESSION_LIMIT });
 * ```
 */
export const DEFAULT_MISSED_SESSION_LIMIT = 10;

/**
 * One session where a missed question appeared: how often in the range, and when last.
 *
 * @example
 * ```ts
 * const row: MissedSessionRowView = {
 *   sessionId: 's1', occurrences: 2, messageIds: ['m9', 'm3'],
 *   lastOccurredAt: '2026-11-25T10:00:00.000Z', lastOccurredAtLocal: '2026-11-25 12:00:00',
 * };
 * ```
 */
export interface MissedSessionRowView {
  readonly sessionId: string;
  /** Occurrences in this session in the range. */
  readonly occurrences: number;
  /** The messages where it was missed, newest first. */
  readonly messageIds: readonly string[];
  /** ISO instant of the latest occurrence in this session. */
  readonly lastOccurredAt: string;
  /** Local `YYYY-MM-DD HH:mm:ss` of {@link MissedSessionRowView.lastOccurredAt}. */
  readonly lastOccurredAtLocal: string;
}

/**
 * The Missed Question details panel: the three stats, the chosen session's transcript with the missed messages
 * highlighted, and the sessions where the question appeared: one row per session, newest first, the latest
 * `sessionLimit` of them (`moreSessions` says how many are left out).
 *
 * @example
 * ```ts
 * const view: MissedDetailsView = {
 *   question: 'Do you ship to Cyprus?',
 *   stats: { occurrencesInRange: 1, totalSinceCreated: 4, distinctSessions: 1 },
 *   sessions: [{ sessionId: 's1', occurrences: 1, messageIds: ['m3'], lastOccurredAt: '2026-11-25T10:00:00.000Z', lastOccurredAtLocal: '2026-11-25 12:00:00' }],
 *   moreSessions: 0,
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
  /** One row per session, the latest occurrence first, at most `sessionLimit` of them. */
  readonly sessions: readonly MissedSessionRowView[];
  /** Sessions left out of `sessions` by the limit. */
  readonly moreSessions: number;
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
 * const options: MissedDetailsViewOptions = { timeZone: 'Europe/Athens', session, sessionLimit: 10 };
 * ```
 */
export interface MissedDetailsViewOptions extends MissedViewOptions {
  /** The session whose transcript to show (fetch `defaultSessionId` for the latest). */
  readonly session?: Session;
  /**
   * How many sessions to list, the latest first: a whole number from 1, or `'all'`; default
   * {@link DEFAULT_MISSED_SESSION_LIMIT}.
   */
  readonly sessionLimit?: number | 'all';
}

/**
 * Details of a missed question (from `missedQuestionDetails`, or the client's `missedQuestions.details`, whose
 * `question` is the stored question) as the details panel shows them: the sessions where it appeared one row
 * each (newest first, limited by `options.sessionLimit`). With `options.session`, its transcript with every
 * message where this question was missed highlighted.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @throws ObservatoryInputError (field `sessionLimit`) when it is not a whole number from 1 or `'all'`.
 * @example
 * ```ts
 * import { missedDetailsView } from '@observatory/core';
 * const details = await client.missedQuestions.details('q1', range);
 * const latest = details.occurrences[0];
 * const session = latest ? await client.sessions.get(latest.sessionId) : undefined;
 * const view = missedDetailsView(details, { timeZone: 'Europe/Athens', session });
 * view.transcript?.lines.filter((line) => line.highlighted); // the missed message(s)
 * view.sessions.map((row) => `${row.sessionId} ×${row.occurrences}`); // the latest 10 sessions
 * ```
 */
export function missedDetailsView(
  details: Omit<MissedQuestionDetails, 'question'> & {
    readonly question: string | { readonly question: string };
  },
  options: MissedDetailsViewOptions,
): MissedDetailsView {
  assertTimeZone(options.timeZone, 'timeZone');
  const limit = options.sessionLimit ?? DEFAULT_MISSED_SESSION_LIMIT;
  if (limit !== 'all' && !(Number.isInteger(limit) && limit >= 1)) {
    throw new ObservatoryInputError('sessionLimit', "a whole number from 1 or 'all'", limit);
  }
  const bySession = new Map<string, { messageIds: string[]; lastOccurredAt: string }>();
  for (const occurrence of newestFirst(details.occurrences)) {
    const row = bySession.get(occurrence.sessionId);
    if (row === undefined) {
      bySession.set(occurrence.sessionId, {
        messageIds: [occurrence.messageId],
        lastOccurredAt: occurrence.occurredAt,
      });
    } else row.messageIds.push(occurrence.messageId);
  }
  const rows = [...bySession].map(([sessionId, row]) => ({
    sessionId,
    occurrences: row.messageIds.length,
    messageIds: row.messageIds,
    lastOccurredAt: row.lastOccurredAt,
    lastOccurredAtLocal: formatLocalDateTime(row.lastOccurredAt, options.timeZone),
  }));
  const shown = limit === 'all' ? rows : rows.slice(0, limit);
  const { session } = options;
  const transcript =
    session === undefined
      ? undefined
      : {
          sessionId: session.id,
          lines: transcriptView(session, {
            timeZone: options.timeZone,
            highlight: [...(bySession.get(session.id)?.messageIds ?? [])],
          }),
        };
  const defaultSessionId = rows[0]?.sessionId;
  return {
    question: typeof details.question === 'string' ? details.question : details.question.question,
    stats: {
      occurrencesInRange: details.occurrencesInRange,
      totalSinceCreated: details.totalOccurrences,
      distinctSessions: details.distinctSessions,
    },
    sessions: shown,
    moreSessions: rows.length - shown.length,
    ...(defaultSessionId === undefined ? {} : { defaultSessionId }),
    ...(transcript === undefined ? {} : { transcript }),
  };
}

/** The occurrences, the latest first (ties in their given order). */
function newestFirst<T extends { readonly occurredAt: string }>(occurrences: readonly T[]): T[] {
  return [...occurrences].sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
}
