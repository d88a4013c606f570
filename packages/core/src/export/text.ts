import type { Message } from '../model/message.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/resolve-date-range.js';
import { messageSpeaker } from '../views/message-speaker.js';
import { sessionDurationText } from '../views/session-duration.js';
import { messageBody } from './describe-event.js';
import type { ItemSource } from './item-source.js';
import { formatLocalDateTime, zoneOffsetName } from './local-time.js';
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
  /**
   * Ids of messages to mark: their lines start with {@link HIGHLIGHT_MARKER} and every other message line with
   * as many spaces, so the transcript stays aligned. Without it no line is indented.
   */
  readonly highlight?: readonly string[];
}

/**
 * The marker at the start of each line of a highlighted message in plain text (`sessionToText` with
 * `highlight`, `messageToText` with `highlighted`).
 *
 * @example
 * ```ts
 * import { HIGHLIGHT_MARKER, sessionToText } from '@observatory/core';
 * const marked = sessionToText(session, { highlight: ['m3'] }).split('\n').filter((line) => line.startsWith(HIGHLIGHT_MARKER));
 * ```
 */
export const HIGHLIGHT_MARKER = '>> ';

/**
 * Options of {@link messageToText}.
 *
 * @example
 * ```ts
 * const options: MessageToTextOptions = { timeZone: 'Europe/Athens', highlighted: true, marginFor: 'highlight' };
 * ```
 */
export interface MessageToTextOptions {
  /**
   * IANA zone of the time shown.
   * @default 'UTC'
   */
  readonly timeZone?: string;
  /** Start each of the message's lines with {@link HIGHLIGHT_MARKER}. */
  readonly highlighted?: boolean;
  /**
   * `'highlight'` keeps a margin as wide as the marker on an unmarked message, so it lines up with marked ones
   * (as `sessionToText` does when some message is highlighted). @default 'none'
   */
  readonly marginFor?: 'highlight' | 'none';
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

function speaker(message: Message): string {
  const who = messageSpeaker(message);
  if (message.kind === 'voice' || message.kind === 'postback' || message.kind === 'attachment') {
    return `${who} (${message.kind})`;
  }
  return who;
}

function messageLine(message: Message, timeZone: string, margin: string): string {
  const body = messageBody(message);
  const prefix = `[${formatLocalDateTime(message.createdAt, timeZone)}] ${speaker(message)}: `;
  // Continuation lines start under the first line's text, so a multi-line message reads as one block and no
  // line of user text can pass for a new timestamped message.
  const indent = margin === HIGHLIGHT_MARKER ? HIGHLIGHT_MARKER : ' '.repeat(margin.length);
  return margin + prefix + body.split(/\r\n|\r|\n/).join(`\n${indent}${' '.repeat(prefix.length)}`);
}

/**
 * Renders one message as transcript text, `[YYYY-MM-DD HH:mm:ss] Speaker: text`, the text as every transcript
 * shows it (events with their kind: `LiveChat requested`, `CSAT answered: 4`), continuation lines under the
 * first line's text, and when `highlighted` every line starting with {@link HIGHLIGHT_MARKER}.
 *
 * @throws `InvalidTimeZoneError` (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { messageToText } from '@observatory/core';
 * messageToText(
 *   { id: 'm1', role: 'user', kind: 'text', text: 'Do you ship to Cyprus?', createdAt: '2026-11-25T10:00:00.000Z' },
 *   { timeZone: 'Europe/Athens', highlighted: true },
 * ); // '>> [2026-11-25 12:00:00] User: Do you ship to Cyprus?'
 * ```
 */
export function messageToText(message: Message, options?: MessageToTextOptions): string {
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  return messageLine(
    message,
    timeZone,
    marginOf(options?.highlighted === true, options?.marginFor === 'highlight'),
  );
}

function marginOf(highlighted: boolean, aligned: boolean): string {
  if (highlighted) return HIGHLIGHT_MARKER;
  return aligned ? ' '.repeat(HIGHLIGHT_MARKER.length) : '';
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

function renderSession(session: Session, timeZone: string, highlight: ReadonlySet<string>): string {
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
    headerLine('Duration', sessionDurationText(session)),
    headerLine('Tags', session.tags.length > 0 ? session.tags.join(', ') : '-'),
  ];
  const aligned = highlight.size > 0;
  const lines = session.messages.map((message) =>
    messageLine(message, timeZone, marginOf(highlight.has(message.id), aligned)),
  );
  return `${header.join('\n')}\n\n${lines.length > 0 ? `${lines.join('\n')}\n` : '(no messages)\n'}`;
}

/**
 * Renders one session as a readable plain-text transcript: a header (id, agent, deployment, contact, channel,
 * status, local start time with its zone, duration, tags), then one line per message,
 * `[YYYY-MM-DD HH:mm:ss] User: text` / `Agent:` / `Human agent:` / `System:` ({@link messageToText}), with
 * events described with their kind (`LiveChat requested`, `CSAT answered: 5`) and multi-line text (of a message
 * or a header value) indented under its first line, so that only the renderer starts a line at the margin.
 * With `highlight`, the lines of those messages start with {@link HIGHLIGHT_MARKER} (`>> `) and the other
 * message lines with three spaces.
 *
 * @param session - The session.
 * @param options - `timeZone` of every time shown (default `UTC`); `highlight`: message ids to mark.
 * @returns The transcript, ending with a newline.
 * @throws `InvalidTimeZoneError` (field `timeZone`) for an unknown zone; `IncompleteSessionError` for a
 *   session listed without its messages (list it with `include: ['messages']`).
 * @example
 * ```ts
 * import { sessionToText } from '@observatory/core';
 * console.log(sessionToText(session, { timeZone: 'Europe/Athens', highlight: ['m1'] }));
 * // Session:    s1
 * // ...
 * // >> [2026-01-15 12:00:00] User: Where is my order?
 * //    [2026-01-15 12:00:05] Agent: Let me check.
 * ```
 */
export function sessionToText(session: Session, options?: SessionToTextOptions): string {
  const timeZone = options?.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  return renderSession(session, timeZone, new Set(options?.highlight ?? []));
}

async function* renderSessions(
  sessions: ItemSource<Session>,
  timeZone: string,
  highlight: ReadonlySet<string>,
): AsyncGenerator<string> {
  let first = true;
  for await (const session of sessions) {
    yield first
      ? renderSession(session, timeZone, highlight)
      : `\n${SESSION_TEXT_DIVIDER}\n\n${renderSession(session, timeZone, highlight)}`;
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
  return renderSessions(sessions, timeZone, new Set(options?.highlight ?? []));
}
