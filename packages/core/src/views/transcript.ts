import { messageBody } from '../export/describe-event.js';
import { formatLocalDateTime } from '../export/local-time.js';
import type { Session } from '../model/session.js';
import { assertTimeZone } from '../time/time-zone.js';
import { messageSpeaker, type TranscriptLineKind, transcriptLineKind } from './message-speaker.js';

/**
 * One line of a transcript as the CLI and the pages show it.
 *
 * @example
 * ```ts
 * const line: TranscriptLineView = {
 *   messageId: 'm3', at: '2026-11-25T10:01:00.000Z', time: '2026-11-25 12:01:00', role: 'system',
 *   speaker: 'System', kind: 'event', text: 'LiveChat requested', highlighted: false,
 * };
 * ```
 */
export interface TranscriptLineView {
  readonly messageId: string;
  /** The message's instant, ISO as stored. */
  readonly at: string;
  /** Local `YYYY-MM-DD HH:mm:ss` in the view's zone. */
  readonly time: string;
  /** The message's `MessageRole`. */
  readonly role: string;
  /** `User`, `Agent`, `Human agent` or `System`. */
  readonly speaker: string;
  readonly kind: TranscriptLineKind;
  /** The rendered text: the text, a voice transcript, or the event with its kind; never `''`. */
  readonly text: string;
  /** True for a message listed in `highlight` (the missed question, a search hit). */
  readonly highlighted: boolean;
}

/**
 * Options of {@link transcriptView}.
 *
 * @example
 * ```ts
 * const options: TranscriptViewOptions = { timeZone: 'Europe/Athens', highlight: ['m3'] };
 * ```
 */
export interface TranscriptViewOptions {
  /** IANA zone of every `time`. */
  readonly timeZone: string;
  /** Ids of the messages to highlight. */
  readonly highlight?: readonly string[];
}

/**
 * A session's transcript as view lines, one per message in order: local time, speaker, kind, the text as every
 * transcript renders it (the same words as `sessionToText`), and whether it is highlighted.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { transcriptView } from '@observatory/core';
 * const lines = transcriptView(session, { timeZone: 'Europe/Athens', highlight: ['m3'] });
 * for (const line of lines) console.log(`${line.highlighted ? '>> ' : '   '}[${line.time}] ${line.speaker}: ${line.text}`);
 * ```
 */
export function transcriptView(session: Session, options: TranscriptViewOptions): TranscriptLineView[] {
  assertTimeZone(options.timeZone, 'timeZone');
  const highlight = new Set(options.highlight ?? []);
  return session.messages.map((message) => ({
    messageId: message.id,
    at: message.createdAt,
    time: formatLocalDateTime(message.createdAt, options.timeZone),
    role: message.role,
    speaker: messageSpeaker(message),
    kind: transcriptLineKind(message),
    text: messageBody(message),
    highlighted: highlight.has(message.id),
  }));
}
