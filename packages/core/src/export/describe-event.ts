import type { Message, MessageEvent } from '../model/message.js';

/**
 * Describes a message event in words, as transcripts show it.
 *
 * @example
 * ```ts
 * describeEvent({ type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' }); // 'LiveChat: LIVECHAT_REQUESTED'
 * describeEvent({ type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { overall: 5 } }); // 'CSAT answered (overall: 5)'
 * ```
 */
export function describeEvent(event: MessageEvent): string {
  switch (event.type) {
    case 'livechat':
      return `LiveChat: ${event.liveChatEventType}`;
    case 'csat': {
      const scores = Object.entries(event.scores ?? {}).map(([section, score]) => `${section}: ${score}`);
      return `CSAT ${event.status.toLowerCase()}${scores.length > 0 ? ` (${scores.join(', ')})` : ''}`;
    }
    case 'custom':
      return `Event: ${event.name}`;
  }
}

/**
 * The text a transcript shows for a message: its text, or for an event the event in words (then ` — ` and the
 * text, if any).
 *
 * @example
 * ```ts
 * messageBody({ id: 'm1', role: 'user', kind: 'text', text: 'Hi', createdAt: '2026-01-15T10:00:00.000Z' }); // 'Hi'
 * ```
 */
export function messageBody(message: Message): string {
  if (!message.event) return message.text;
  const event = describeEvent(message.event);
  return message.text === '' ? event : `${event} — ${message.text}`;
}
