import type { Message } from '../model/message.js';
import type { Session } from '../model/session.js';
import { messageBody } from './describe-event.js';
import { formatLocalDateTime } from './local-time.js';
import { assertSessionParts, SESSION_EXPORT_PARTS } from './session-parts.js';

/**
 * The columns of a sessions export (CSV and xlsx), in order; the header row uses these names.
 *
 * @example
 * ```ts
 * import { sessionCsvColumns } from '@observatory/core';
 * sessionCsvColumns[0]; // 'id'
 * ```
 */
export const sessionCsvColumns = [
  'id',
  'createdAt',
  'createdAtLocal',
  'agentId',
  'agentName',
  'deploymentId',
  'deploymentName',
  'contactId',
  'contactName',
  'contactEmail',
  'channel',
  'status',
  'durationMs',
  'language',
  'tags',
  'messageCount',
  'userMessageCount',
  'containsFallback',
  'containsLiveChat',
  'csat',
  'summary',
  'transcript',
] as const;

/**
 * One column name of {@link sessionCsvColumns}.
 *
 * @example
 * ```ts
 * import { type SessionCsvColumn, sessionCsvColumns } from '@observatory/core';
 * const column: SessionCsvColumn = 'createdAtLocal';
 * sessionCsvColumns.indexOf(column); // 2
 * ```
 */
export type SessionCsvColumn = (typeof sessionCsvColumns)[number];

/**
 * A flattened session: one cell per {@link sessionCsvColumns} entry, in the same order. Text cells hold the
 * session's text as it is (each serializer applies its own format's rules, e.g. the CSV formula rule); counts and
 * `durationMs` are numbers; `containsFallback`/`containsLiveChat` are booleans.
 *
 * @example
 * ```ts
 * import { flattenSessionRow, type SessionRow, sessionCsvColumns } from '@observatory/core';
 * const row: SessionRow = flattenSessionRow(session);
 * const byColumn = Object.fromEntries(sessionCsvColumns.map((column, i) => [column, row[i]]));
 * byColumn.messageCount; // e.g. 6
 * ```
 */
export type SessionRow = Array<string | number | boolean>;

/**
 * Options of {@link flattenSessionRow}.
 *
 * @example
 * ```ts
 * import { type FlattenSessionOptions, flattenSessionRow } from '@observatory/core';
 * const options: FlattenSessionOptions = { timeZone: 'Europe/Athens' };
 * const row = flattenSessionRow(session, options); // createdAtLocal in Athens time
 * ```
 */
export interface FlattenSessionOptions {
  /**
   * IANA zone of the `createdAtLocal` column. Not validated here: the serializers validate it once.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

const ROLE_LABEL: Record<Message['role'], string> = { user: 'user', agent: 'agent', system: 'system' };

/**
 * Flattens a session into one export row, the single definition shared by the CSV and xlsx serializers.
 *
 * @param session - The session.
 * @param options - `timeZone` of `createdAtLocal`.
 * @returns Cells in {@link sessionCsvColumns} order.
 * @throws `IncompleteSessionError` for a session listed without its messages, liveChats or summary.
 * @example
 * ```ts
 * import { flattenSessionRow, sessionCsvColumns } from '@observatory/core';
 * const row = flattenSessionRow(session, { timeZone: 'Europe/Athens' });
 * row[sessionCsvColumns.indexOf('createdAtLocal')]; // '2026-01-15 12:00:00'
 * ```
 */
export function flattenSessionRow(session: Session, options: FlattenSessionOptions = {}): SessionRow {
  assertSessionParts(session, SESSION_EXPORT_PARTS);
  const messages = session.messages;
  let userMessageCount = 0;
  let containsFallback = false;
  let containsLiveChat = session.liveChats.length > 0;
  // Lines joined once, not appended to a string: `+=` builds a rope that csv-stringify then flattens by copying.
  const lines = new Array<string>(messages.length);
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    if (message.role === 'user') userMessageCount++;
    if (message.category === 'FALLBACK') containsFallback = true;
    if (message.category === 'LIVE_CHAT' || message.event?.type === 'livechat') containsLiveChat = true;
    lines[i] = `${ROLE_LABEL[message.role]}: ${messageBody(message)}`;
  }
  let csat = '';
  for (const survey of session.csatSurveys) csat += csat === '' ? survey.status : `|${survey.status}`;
  return [
    session.id,
    // Stored instants may carry an offset; the column promises UTC.
    session.createdAt.endsWith('Z') ? session.createdAt : new Date(session.createdAt).toISOString(),
    formatLocalDateTime(session.createdAt, options.timeZone ?? 'UTC'),
    session.agentId,
    session.agentName ?? '',
    session.deployment?.id ?? '',
    session.deployment?.name ?? '',
    session.contact.id,
    session.contact.name ?? '',
    session.contact.email ?? '',
    session.channel,
    session.status,
    session.durationMs,
    session.language ?? '',
    session.tags.join('|'),
    messages.length,
    userMessageCount,
    containsFallback,
    containsLiveChat,
    csat,
    session.analysis?.summary ?? '',
    lines.join('\n'),
  ];
}
