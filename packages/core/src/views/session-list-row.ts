import { formatLocalDateTime } from '../export/local-time.js';
import type { Session } from '../model/session.js';
import { type SessionFacts, sessionFacts } from '../query/session-facts.js';
import { assertTimeZone } from '../time/time-zone.js';

/** Longest preview, in characters, the ellipsis included. */
const PREVIEW_LENGTH = 80;

/**
 * One row of the session list, as the CLI table and the Sessions page show it.
 *
 * @example
 * ```ts
 * const row: SessionListRowView = {
 *   id: 's1', agentId: 'faq-bot', deploymentId: 'web', createdAt: '2026-11-25T10:00:00.000Z',
 *   createdAtLocal: '2026-11-25 12:00:00', contact: 'Maria', messageCount: 4, tags: ['billing'],
 *   facts: { fallback: true, feedback: false, csat: true, liveChat: true }, preview: 'Where is my order?',
 * };
 * ```
 */
export interface SessionListRowView {
  readonly id: string;
  readonly agentId: string;
  readonly deploymentId?: string;
  /** ISO instant as stored. */
  readonly createdAt: string;
  /** Local `YYYY-MM-DD HH:mm:ss` in the view's zone. */
  readonly createdAtLocal: string;
  /** The contact's name, else email, else id. */
  readonly contact: string;
  readonly messageCount: number;
  readonly tags: readonly string[];
  /** What the quick filters test, by the same definitions. */
  readonly facts: SessionFacts;
  /** The first user text on one line, at most 80 characters (cut with `…`); `''` when the user wrote none. */
  readonly preview: string;
}

/**
 * Options of {@link sessionListRow}.
 *
 * @example
 * ```ts
 * const options: SessionListRowOptions = { timeZone: 'Europe/Athens' };
 * ```
 */
export interface SessionListRowOptions {
  /** IANA zone of `createdAtLocal`. */
  readonly timeZone: string;
}

/**
 * Cuts text to one line of at most `max` characters: whitespace runs (line breaks included) become one space,
 * and a longer text ends with `…` within the limit.
 *
 * @example
 * ```ts
 * import { oneLine } from '@observatory/core';
 * oneLine('Where is\nmy order?', 12); // 'Where is my…'
 * ```
 */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat); // by code point, so no emoji is cut in half
  return chars.length <= max
    ? flat
    : `${chars
        .slice(0, Math.max(0, max - 1))
        .join('')
        .trimEnd()}…`;
}

/**
 * A session as a row of the session list: local creation time, best contact label, message count, tags, the
 * quick-filter facts and a one-line preview of the first user text.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { sessionListRow } from '@observatory/core';
 * const rows = sessions.map((session) => sessionListRow(session, { timeZone: 'Europe/Athens' }));
 * console.table(rows.map((row) => ({ id: row.id, at: row.createdAtLocal, contact: row.contact, preview: row.preview })));
 * ```
 */
export function sessionListRow(session: Session, options: SessionListRowOptions): SessionListRowView {
  assertTimeZone(options.timeZone, 'timeZone');
  const { name, email, id } = session.contact;
  const firstUserText = session.messages.find(
    (message) => message.role === 'user' && message.event === undefined && message.text.trim() !== '',
  );
  return {
    id: session.id,
    agentId: session.agentId,
    ...(session.deployment ? { deploymentId: session.deployment.id } : {}),
    createdAt: session.createdAt,
    createdAtLocal: formatLocalDateTime(session.createdAt, options.timeZone),
    contact: name?.trim() || email?.trim() || id,
    messageCount: session.messages.length,
    tags: session.tags,
    facts: sessionFacts(session),
    preview: firstUserText ? oneLine(firstUserText.text, PREVIEW_LENGTH) : '',
  };
}
