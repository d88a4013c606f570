import type { Message, MessageEvent } from '../model/message.js';

// The platform's LiveChat event names, as a person reads them; any other type is worded from its name.
const LIVE_CHAT_WORDS: Partial<Record<string, string>> = {
  LIVECHAT_REQUESTED: 'requested',
  LIVECHAT_REQUEST_ACCEPTED: 'accepted',
  LIVECHAT_REQUEST_CLOSED: 'request closed',
  LIVECHAT_REQUEST_MISSED: 'request missed',
};

function liveChatWords(type: string): string {
  return (
    LIVE_CHAT_WORDS[type] ??
    type
      .replace(/^LIVECHAT_/, '')
      .replace(/_/g, ' ')
      .toLowerCase()
  );
}

function csatScores(scores: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(scores ?? {});
  if (entries.length === 0) return '';
  // One score is the survey's answer; several are named by their section.
  if (entries.length === 1) return `: ${(entries[0] as [string, number])[1]}`;
  return `: ${entries.map(([section, score]) => `${section} ${score}`).join(', ')}`;
}

/**
 * Describes a message event in words, with its kind, as every transcript shows it (text export, CSV transcript
 * column, `transcriptView`): `LiveChat requested`, `LiveChat accepted`, `CSAT answered: 4`, `Event: name`.
 *
 * @example
 * ```ts
 * describeEvent({ type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' }); // 'LiveChat requested'
 * describeEvent({ type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' }); // 'LiveChat accepted'
 * describeEvent({ type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { overall: 4 } }); // 'CSAT answered: 4'
 * describeEvent({ type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { speed: 5, tone: 4 } }); // 'CSAT answered: speed 5, tone 4'
 * ```
 */
export function describeEvent(event: MessageEvent): string {
  switch (event.type) {
    case 'livechat':
      return `LiveChat ${liveChatWords(event.liveChatEventType)}`;
    case 'csat':
      return `CSAT ${event.status.toLowerCase()}${csatScores(event.scores)}`;
    case 'custom':
      return `Event: ${event.name}`;
  }
}

/**
 * The text a transcript shows for a message — the one definition every transcript uses: its text (a voice
 * message's transcript), or for an event the event in words (then ` — ` and the text, if any). Never `''`: a
 * message without text shows its kind in brackets, such as `(attachment)`.
 *
 * @example
 * ```ts
 * messageBody({ id: 'm1', role: 'user', kind: 'text', text: 'Hi', createdAt: '2026-01-15T10:00:00.000Z' }); // 'Hi'
 * messageBody({ id: 'm2', role: 'user', kind: 'attachment', text: '', createdAt: '2026-01-15T10:00:00.000Z' }); // '(attachment)'
 * ```
 */
export function messageBody(message: Message): string {
  if (!message.event)
    return message.text === ''
      ? `(${message.kind === 'text' ? 'empty message' : message.kind})`
      : message.text;
  const event = describeEvent(message.event);
  return message.text === '' ? event : `${event} — ${message.text}`;
}
