import type { Message } from '../model/message.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/resolve-date-range.js';
import { messageBody } from './describe-event.js';
import type { ItemSource } from './item-source.js';
import { formatDuration, formatLocalDateTime, zoneOffsetName } from './local-time.js';
import { assertSessionParts } from './session-parts.js';

/**
 * Options of {@link sessionToText} and {@link sessionsToText}.
 *
 * @example
 * ```ts
 * import { type SessionToTextOptions, sessionToText } from '@observatory/core';
 * const options: SessionToTextOptions = { timeZone: 'Europe/Athens' };
 * console.log(sessionToText(session, options)); // every time shown in Athens time
 * ```
 */
export interface SessionToTextOptions {
  /**
   * IANA zone every time in the transcript is shown in.
   * @default 'UTC'
   */
  readonly timeZone?: string;
}

/**
 * The line between two sessions in {@link sessionsToText}.
 *
 * @example
 * ```ts
 * import { SESSION_TEXT_DIVIDER, sessionsToText } from '@observatory/core';
 * let text = '';
 * for await (const chunk of sessionsToText(sessions)) text += chunk;
 * const transcripts = text.split(`\n${SESSION_TEXT_DIVIDER}\n\n`); // one transcript per session
 * ```
 */
export const SESSION_TEXT_DIVIDER = '='.repeat(72);

const ROLE_LABEL: Record<Message['role'], string> = { user: 'User', agent: 'Agent', system: 'System' };

function speaker(message: Message): string {
  const role = ROLE_LABEL[message.role];
  // A LiveChat agent is a person, not the bot: say so, since the transcript is read to judge the bot.
  if (message.role === 'agent' && message.liveChatSender === 'AGENT') return `${role} (LiveChat)`;
  if (message.kind === 'voice' || message.kind === 'postback' || message.kind === 'attachment') {
    return `${role} (${message.kind})`;
  }
  return role;
}

function messageLine(message: Message, timeZone: string): string {
  const body = messageBody(message);
  const prefix = `[${formatLocalDateTime(message.createdAt, timeZone)}] ${speaker(message)}: `;
  // Continuation lines start under the first line's text, so a multi-line message reads as one block and no
  // line of user text can pass for a new timestamped message.
  return prefix + body.split(/\r\n|\r|\n/).join(`\n${' '.repeat(prefix.length)}`);
}

function contactLine(session: Session): string {
  const { id, name, email } = session.contact;
  const details = [id, email].filter((part) => part !== undefined && part !== '').join(', ');
  return name ? `${name} (${details})` : details;
}

// A line break in a header value continues under the value, as a message's does under its text, so that no
// name or tag can pass for a header line, a message, or the divider before the next session.
function headerLine(label: string, value: string): string {
  const prefix = `${label}:`.padEnd(12);
  return prefix + value.split(/\r\n|\r|\n/).join(`\n${' '.repeat(prefix.length)}`);
}

// Only the transcript needs a listed part: the header is on every listed session.
const TEXT_PARTS = ['messages'] as const;

function renderSession(session: Session, timeZone: string): string {
  assertSessionParts(session, TEXT_PARTS);
  const agent = session.agentName ? `${session.agentName} (${session.agentId})` : session.agentId;
  const started = `${formatLocalDateTime(session.createdAt, timeZone)} ${timeZone} (${zoneOffsetName(session.createdAt, timeZone)})`;
  const header = [
    headerLine('Session', session.id),
    headerLine('Agent', agent),
    headerLine('Deployment', session.deployment ? session.deployment.name || session.deployment.id : '-'),
    headerLine('Contact', contactLine(session)),
    headerLine('Channel', session.channel),
    headerLine('Status', session.status),
    headerLine('Started at', started),
    headerLine('Duration', formatDuration(session.durationMs)),
    headerLine('Tags', session.tags.length > 0 ? session.tags.join(', ') : '-'),
  ];
  const lines = session.messages.map((message) => messageLine(message, timeZone));
  return `${header.join('\n')}\n\n${lines.length > 0 ? `${lines.join('\n')}\n` : '(no messages)\n'}`;
}

/**
 * Renders one session as a readable plain-text transcript: a header (id, agent, deployment, contact, channel,
 * status, local start time with its zone, duration, tags), then one line per message,
 * `[YYYY-MM-DD HH:mm:ss] User: text` / `Agent:` / `System:`, with events described in words
 * (`LiveChat: LIVECHAT_REQUESTED`, `CSAT answered (overall: 5)`) and multi-line text (of a message or a
 * header value) indented under its first line, so that only the renderer starts a line at the margin.
 *
 * @param session - The session.
 * @param options - `timeZone` of every time shown (default `UTC`).
 * @returns The transcript, ending with a newline.
 * @throws `InvalidTimeZoneError` (field `timeZone`) for an unknown zone; `IncompleteSessionError` for a
 *   session listed without its messages (list it with `include: ['messages']`).
 * @example
 * ```ts
 * import { sessionToText } from '@observatory/core';
 * console.log(sessionToText(session, { timeZone: 'Europe/Athens' }));
 * // Session:    s1
 * // ...
 * // [2026-01-15 12:00:00] User: Where is my order?
 * ```
 */
export function sessionToText(session: Session, options?: SessionToTextOptions): string {
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  return renderSession(session, timeZone);
}

async function* renderSessions(sessions: ItemSource<Session>, timeZone: string): AsyncGenerator<string> {
  let first = true;
  for await (const session of sessions) {
    yield first
      ? renderSession(session, timeZone)
      : `\n${SESSION_TEXT_DIVIDER}\n\n${renderSession(session, timeZone)}`;
    first = false;
  }
}

/**
 * Renders many sessions as one text file (the platform's bulk `txt` export): each session as
 * {@link sessionToText} renders it, separated by a line of `=` ({@link SESSION_TEXT_DIVIDER}). Streamed: one
 * chunk per session, the source read only as the consumer pulls.
 *
 * @param sessions - An array, iterable or async iterable of sessions.
 * @param options - `timeZone` of every time shown (default `UTC`).
 * @returns An async iterable of text chunks.
 * @throws `InvalidTimeZoneError` (field `timeZone`) at call time; `IncompleteSessionError` while
 *   streaming, for a session listed without its messages (list them with `include: ['messages']`).
 * @example
 * ```ts
 * import { sessionsToText } from '@observatory/core';
 * let text = '';
 * for await (const chunk of sessionsToText(sessions, { timeZone: 'Europe/Athens' })) text += chunk;
 * ```
 */
export function sessionsToText(
  sessions: ItemSource<Session>,
  options?: SessionToTextOptions,
): AsyncIterable<string> {
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  return renderSessions(sessions, timeZone);
}
