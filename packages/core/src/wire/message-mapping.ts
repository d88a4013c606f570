import { Message, MessageKind, MessageRole } from '../model/message.js';
import { present } from './internal/answer-fallbacks.js';
import { toUtc } from './internal/to-utc.js';
import type { ChatSessionMessageDto } from './session-dto.js';

const KIND_BY_WIRE_TYPE = {
  TEXT: 'text',
  POSTBACK: 'postback',
  ATTACHMENT: 'attachment',
  TRIGGER: 'event',
} as const;
const ROLES: readonly unknown[] = MessageRole.options;
const KINDS: readonly unknown[] = MessageKind.options;
const WIRE_TYPE_BY_KIND = {
  text: 'TEXT',
  voice: 'TEXT',
  postback: 'POSTBACK',
  attachment: 'ATTACHMENT',
  event: 'TRIGGER',
} as const;

/**
 * Maps one wire message to a core {@link Message}. Role: `isUserInteraction` → `user`; a LiveChat event without
 * text → `system` (with `event: { type: 'livechat' }`); otherwise `agent`. A message without `id` gets the stable
 * id `${sessionId}#${index}`. Reading an answer (`answer` given), an empty id counts as none and a message without
 * `date` takes `answer.fallbackDate`; otherwise a ZodError is thrown when the result is not a valid Message
 * (e.g. no `date`).
 *
 * @example
 * ```ts
 * import { messageFromWire } from '@observatory/core';
 * messageFromWire({ id: 'm1', message: 'Hi', type: 'TEXT', date: '2026-11-25T10:00:00Z', isUserInteraction: true }, 's1', 0);
 * ```
 */
export function messageFromWire(
  dto: ChatSessionMessageDto,
  sessionId: string,
  index: number,
  answer?: { readonly fallbackDate: string },
): Message {
  return Message.parse(messageFieldsFromWire(dto, sessionId, index, answer));
}

/**
 * What {@link messageFromWire} validates as a {@link Message}, not yet validated: for a caller that validates it
 * as part of a larger schema (a session's `messages`), so that each message is checked once.
 *
 * @example
 * ```ts
 * const session = Session.parse({ ...fields, messages: dtos.map((dto, i) => messageFieldsFromWire(dto, 's1', i)) });
 * ```
 */
export function messageFieldsFromWire(
  dto: ChatSessionMessageDto,
  sessionId: string,
  index: number,
  answer?: { readonly fallbackDate: string },
) {
  const text = dto.message ?? '';
  const isLiveChatEvent = dto.liveChatEventType !== undefined && text === '';
  // `role`/`kind`/`event` are local-server extensions; when absent (or not one of the values), derive them from
  // the platform's fields. (A membership test, not `safeParse`: a failed parse builds an error for nothing.)
  const role = ROLES.includes(dto.role)
    ? (dto.role as Message['role'])
    : dto.isUserInteraction
      ? 'user'
      : isLiveChatEvent
        ? 'system'
        : 'agent';
  const kind = KINDS.includes(dto.kind)
    ? (dto.kind as Message['kind'])
    : dto.type
      ? KIND_BY_WIRE_TYPE[dto.type]
      : isLiveChatEvent
        ? 'event'
        : 'text';
  const event =
    dto.event ??
    (isLiveChatEvent ? { type: 'livechat', liveChatEventType: dto.liveChatEventType } : undefined);
  return {
    id: (answer === undefined ? dto.id : present(dto.id)) ?? `${sessionId}#${index}`,
    role,
    kind,
    text,
    createdAt: dto.date === undefined ? answer?.fallbackDate : toUtc(dto.date),
    category: dto.category,
    intentName: dto.intentName,
    language: dto.language,
    responseToId: dto.responseToId,
    liveChatSender: dto.liveChatSender,
    event,
    tags: dto.tags,
  };
}

/**
 * Maps a core {@link Message} to the wire. System role, voice and CSAT / custom events have no platform field:
 * they travel in the `role` / `kind` / `event` extensions.
 *
 * @example
 * ```ts
 * import { messageToWire } from '@observatory/core';
 * messageToWire({ id: 'm1', role: 'user', kind: 'text', text: 'Hi', createdAt: '2026-11-25T10:00:00.000Z' });
 * ```
 */
export function messageToWire(message: Message): ChatSessionMessageDto {
  const dto: ChatSessionMessageDto = {
    id: message.id,
    message: message.text,
    type: WIRE_TYPE_BY_KIND[message.kind],
    date: message.createdAt,
    isUserInteraction: message.role === 'user',
  };
  // Only what the platform's fields cannot express travels in extensions.
  if (message.role === 'system') dto.role = 'system';
  if (message.kind === 'voice') dto.kind = 'voice';
  if (message.category !== undefined) dto.category = message.category;
  if (message.intentName !== undefined) dto.intentName = message.intentName;
  if (message.language !== undefined) dto.language = message.language;
  if (message.responseToId !== undefined) dto.responseToId = message.responseToId;
  if (message.liveChatSender !== undefined) dto.liveChatSender = message.liveChatSender;
  if (message.tags !== undefined) dto.tags = message.tags;
  if (message.event?.type === 'livechat') dto.liveChatEventType = message.event.liveChatEventType;
  // The platform reads a LiveChat type on a message with text as a message exchanged in a live chat, not as an
  // event: an event with text therefore travels in the extension too, so that it comes back as the same event.
  if (message.event !== undefined && (message.event.type !== 'livechat' || message.text !== '')) {
    dto.event = message.event;
  }
  return dto;
}
