import type { SessionQueryInput } from '@observatory/core';
import { z } from 'zod';
import type { PageParams } from './list-page.js';
import type { ZonedRangeQuery } from './zoned-range.js';

/**
 * What `sessions.get` includes. hbf-core parts: `messages`, `liveChats`, `summary`; hbf-data-manager parts
 * (need `dataManagerUrl`): `interactions` and `variableSnapshots`, fetched per user message.
 *
 * @example
 * ```ts
 * import type { SessionPart } from '@observatory/client';
 * // `interactions` and `variableSnapshots` come from hbf-data-manager: the client needs `dataManagerUrl`.
 * const parts: SessionPart[] = ['messages', 'interactions', 'variableSnapshots'];
 * const session = await client.sessions.get('s1', { include: parts });
 * ```
 */
export type SessionPart = 'messages' | 'liveChats' | 'summary' | 'interactions' | 'variableSnapshots';

/**
 * Options of `sessions.get`.
 *
 * @example
 * ```ts
 * await client.sessions.get('s1', { include: ['messages', 'interactions'] });
 * ```
 */
export interface GetSessionOptions {
  /** @default ['messages', 'liveChats', 'summary'] */
  readonly include?: readonly SessionPart[];
}

/**
 * Options of `sessions.export`.
 *
 * @example
 * ```ts
 * await client.sessions.export({ tags: ['billing'] }, { fileType: 'csv', separator: ',', timeZone: 'Europe/Athens' });
 * ```
 */
export interface SessionExportOptions {
  /** @default 'txt' (as on the platform) */
  readonly fileType?: 'txt' | 'csv' | 'xlsx';
  /** @default ';' (as on the platform) */
  readonly separator?: ';' | ',';
  /** Export a single session instead of every match of the query. */
  readonly sessionId?: string;
  /**
   * IANA zone of the local times in the file (csv `createdAtLocal`, xlsx and txt times), sent as `timeZone`.
   * Validated before any request (`InvalidTimeZoneError`, field `exportOptions.timeZone`). A local-server
   * extension: the platform's spec has no such parameter and may ignore it, leaving times in UTC. Not sent when
   * omitted (the server's default is UTC).
   */
  readonly timeZone?: string;
  /**
   * Whether a csv starts with a UTF-8 byte-order mark (which Excel needs to read Greek or Arabic text), sent as
   * `bom`. A local-server extension: the local server writes one unless `bom` is false; the platform's spec has no
   * such parameter. Not sent when omitted.
   */
  readonly bom?: boolean;
}

/**
 * Parts a session list can carry (the platform's `includeMessages`, `includeLiveChats`; `includeSummary` is a
 * local-server extension on the list). Lists are light by default. A session listed without a part is marked
 * so (core's `omittedSessionParts`), and core's serializers refuse it with `IncompleteSessionError` rather than
 * write a wrong row: to export, list with `include: ['messages', 'liveChats', 'summary']` (core's
 * `SESSION_EXPORT_PARTS`; a txt export needs `messages` only).
 *
 * @example
 * ```ts
 * import type { SessionListPart } from '@observatory/client';
 * const parts: SessionListPart[] = ['messages'];
 * for await (const session of client.sessions.iterate({ tags: ['billing'], include: parts })) {
 *   console.log(session.id, session.messages.length);
 * }
 * ```
 */
export type SessionListPart = 'messages' | 'liveChats' | 'summary';

/**
 * What to include in listed sessions.
 *
 * @example
 * ```ts
 * const include: SessionListInclude = { include: ['messages'] };
 * ```
 */
export interface SessionListInclude {
  /** @default [] */
  readonly include?: readonly SessionListPart[];
}

/**
 * A session query plus the page to fetch and the parts to include; the range either as `range` (UTC instants)
 * or as a {@link ZonedRangeQuery} (`preset` or `from`/`to`, with `timeZone`). A key the query does not know
 * (`agent` for `agents`) is an `ObservatoryInputError`, never a silently unfiltered list.
 *
 * @example
 * ```ts
 * const query: SessionListQuery = { tags: ['billing'], page: 0, pageSize: 50, include: ['messages'] };
 * const lastWeek: SessionListQuery = { preset: 'last7Days', timeZone: 'Europe/Athens', containsLiveChat: true };
 * ```
 */
export type SessionListQuery = SessionQueryInput & PageParams & SessionListInclude & ZonedRangeQuery;

/**
 * What `sessions.listByContact` narrows and pages by: the contact's sessions of some `agents`, in `sort` order.
 *
 * @example
 * ```ts
 * const query: ContactSessionsQuery = { agents: ['faq-bot'], sort: { by: 'createdAt', order: 'asc' }, pageSize: 50 };
 * ```
 */
export type ContactSessionsQuery = Pick<SessionQueryInput, 'agents' | 'sort'> &
  PageParams &
  SessionListInclude;

export const SessionExportFormat = z.object({
  fileType: z.enum(['txt', 'csv', 'xlsx']).default('txt'),
  separator: z.enum([';', ',']).default(';'),
  sessionId: z.string().min(1).optional(),
  timeZone: z.string().optional(),
  bom: z.boolean().optional(),
});
