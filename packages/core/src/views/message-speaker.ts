import type { Message } from '../model/message.js';

/**
 * How a transcript line is shown: typed text, a voice transcript, an event (LiveChat, CSAT, custom), or another
 * kind (postback, attachment).
 *
 * @example
 * ```ts
 * import { type TranscriptLineKind } from '@observatory/core';
 * const kind: TranscriptLineKind = 'event';
 * ```
 */
export type TranscriptLineKind = 'text' | 'voice' | 'event' | 'other';

const ROLE_SPEAKER: Record<Message['role'], string> = { user: 'User', agent: 'Agent', system: 'System' };

/**
 * Who spoke, as a person reads it: `User`, `Agent` (the bot), `Human agent` (a LiveChat agent) or `System`.
 *
 * @example
 * ```ts
 * import { messageSpeaker } from '@observatory/core';
 * messageSpeaker({ id: 'm1', role: 'agent', kind: 'text', text: 'Hi, Maria here', liveChatSender: 'AGENT', createdAt: '2026-11-25T10:00:00.000Z' });
 * // 'Human agent'
 * ```
 */
export function messageSpeaker(message: Message): string {
  // A LiveChat agent is a person, not the bot: say so, since the transcript is read to judge the bot.
  if (message.role === 'agent' && message.liveChatSender === 'AGENT') return 'Human agent';
  return ROLE_SPEAKER[message.role] ?? message.role;
}

/**
 * The {@link TranscriptLineKind} of a message: `event` whenever it carries an event, else its kind.
 *
 * @example
 * ```ts
 * import { transcriptLineKind } from '@observatory/core';
 * transcriptLineKind({ id: 'm1', role: 'user', kind: 'voice', text: 'hello', createdAt: '2026-11-25T10:00:00.000Z' }); // 'voice'
 * ```
 */
export function transcriptLineKind(message: Message): TranscriptLineKind {
  if (message.event !== undefined || message.kind === 'event') return 'event';
  if (message.kind === 'text' || message.kind === 'voice') return message.kind;
  return 'other';
}
