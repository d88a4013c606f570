import { z } from 'zod';

/**
 * An ISO-8601 instant with an offset, stored and exchanged in UTC (`2026-11-25T10:00:00.000Z`).
 *
 * @example
 * ```ts
 * import { IsoDateTime } from '@observatory/core';
 * IsoDateTime.parse('2026-11-25T12:00:00+02:00'); // accepted: any offset
 * IsoDateTime.safeParse('2026-11-25').success; // false: a date alone is not an instant
 * ```
 */
export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * Who spoke: the end user, the agent (the bot, or a human LiveChat agent — see `liveChat.sender`), or the
 * system (events such as a LiveChat handoff or a CSAT submission).
 *
 * @example
 * ```ts
 * import { MessageRole } from '@observatory/core';
 * const role: MessageRole = MessageRole.parse('user');
 * const questions = session.messages.filter((message) => message.role === role).length;
 * ```
 */
export const MessageRole = z.enum(['user', 'agent', 'system']);
/** @see {@link MessageRole} */
export type MessageRole = z.infer<typeof MessageRole>;

/**
 * How the message travelled: typed text, voice (with its transcript in `text`), a postback, an attachment, or an event.
 *
 * @example
 * ```ts
 * import { MessageKind } from '@observatory/core';
 * const voice: MessageKind = MessageKind.enum.voice;
 * const transcripts = session.messages.filter((message) => message.kind === voice).map((m) => m.text);
 * ```
 */
export const MessageKind = z.enum(['text', 'voice', 'postback', 'attachment', 'event']);
/** @see {@link MessageKind} */
export type MessageKind = z.infer<typeof MessageKind>;

/**
 * The platform's message categories (`ChatSessionMessage.category`); `FALLBACK` drives the containsFallback filter.
 *
 * @example
 * ```ts
 * import { MessageCategory } from '@observatory/core';
 * const fallbacks = session.messages.filter((message) => message.category === MessageCategory.enum.FALLBACK);
 * ```
 */
export const MessageCategory = z.enum(['FALLBACK', 'FEEDBACK', 'LIVE_CHAT', 'BACK', 'COMMON']);
/** @see {@link MessageCategory} */
export type MessageCategory = z.infer<typeof MessageCategory>;

/**
 * The platform's LiveChat event types (`ChatSessionMessage.liveChatEventType`).
 *
 * @example
 * ```ts
 * import { LiveChatEventType } from '@observatory/core';
 * const accepted: LiveChatEventType = 'LIVECHAT_REQUEST_ACCEPTED';
 * const handedOver = session.messages.some(
 *   (message) => message.event?.type === 'livechat' && message.event.liveChatEventType === accepted,
 * );
 * ```
 */
export const LiveChatEventType = z.enum([
  'LIVECHAT_INITIALIZED',
  'LIVECHAT_REQUESTED',
  'LIVECHAT_REQUEST_CLOSED',
  'LIVECHAT_REQUEST_ACCEPTED',
  'LIVECHAT_REQUEST_MISSED',
  'LIVECHAT_TERMINATION_REQUESTED',
  'LIVECHAT_TERMINATED',
  'LIVECHAT_ABANDONED',
  'LIVECHAT_TRANSFERRED',
  'LIVECHAT_MESSAGE_EXCHANGED',
  'LIVECHAT_MESSAGE_TYPING',
  'LIVECHAT_IS_DISABLED',
  'LIVECHAT_REQUEST_EXISTS',
  'LIVECHAT_OUT_OF_BUSINESS_HOURS',
  'LIVECHAT_IS_IN_PROGRESS',
  'LIVECHAT_GENERIC_ERROR',
  'SOURCE_REQUEST_NEW_HANDOVER',
  'SOURCE_PRE_REQUEST_NEW_HANDOVER',
]);
/** @see {@link LiveChatEventType} */
export type LiveChatEventType = z.infer<typeof LiveChatEventType>;

/**
 * Status of a CSAT survey in a session: shown to the user, or answered by them.
 *
 * @example
 * ```ts
 * import { CsatStatus } from '@observatory/core';
 * const answered = session.csatSurveys.filter((survey) => survey.status === CsatStatus.enum.ANSWERED);
 * ```
 */
export const CsatStatus = z.enum(['PRESENTED', 'ANSWERED']);
/** @see {@link CsatStatus} */
export type CsatStatus = z.infer<typeof CsatStatus>;

/**
 * An event carried by a message: a LiveChat handoff step, a CSAT submission, or another named event.
 *
 * @example
 * ```ts
 * const handoff: MessageEvent = { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' };
 * const csat: MessageEvent = { type: 'csat', surveyId: 'csat-1', status: 'ANSWERED', scores: { overall: 5 } };
 * ```
 */
export const MessageEvent = z.discriminatedUnion('type', [
  z.looseObject({
    /** A step of a handoff to a human agent. */
    type: z.literal('livechat'),
    /** Which step: `LIVECHAT_REQUESTED`, `LIVECHAT_REQUEST_ACCEPTED`, `LIVECHAT_TERMINATED`, … */
    liveChatEventType: LiveChatEventType,
  }),
  z.looseObject({
    /** A CSAT survey answered or shown. */
    type: z.literal('csat'),
    /** The survey (a `csatSurveys` entry of the session). */
    surveyId: z.string(),
    /** `PRESENTED` (shown) or `ANSWERED`. */
    status: CsatStatus,
    /** Score of each answered section, by section name. */
    scores: z.record(z.string(), z.number()).optional(),
  }),
  z.looseObject({
    /** Any other event the runtime records. */
    type: z.literal('custom'),
    /** The event's name. */
    name: z.string().min(1),
    /** What the event carries, as the runtime sent it. */
    data: z.unknown().optional(),
  }),
]);
/** @see {@link MessageEvent} */
export type MessageEvent = z.infer<typeof MessageEvent>;

/**
 * One message of a session's transcript.
 *
 * @example
 * ```ts
 * import { Message } from '@observatory/core';
 * const message = Message.parse({
 *   id: 'm1', role: 'user', kind: 'text', text: 'Where is my order?', createdAt: '2026-11-25T10:00:00.000Z',
 * });
 * ```
 */
export const Message = z.looseObject({
  /** Unique within the session; for user messages this is the platform's hbfEventId (one workflow run). */
  id: z.string().min(1),
  /** Who wrote it: `user` (the contact), `agent` (the bot or a human agent) or `system` (an event). */
  role: MessageRole,
  /** What it carries: `text`, `voice` (a transcribed call turn), `postback`, `attachment` or `event`. */
  kind: MessageKind.default('text'),
  /** The text as shown in the transcript; empty for a bare event. */
  text: z.string().default(''),
  /** When it was sent, an ISO 8601 UTC instant. */
  createdAt: IsoDateTime,
  /**
   * The platform's classification: `FALLBACK` (the agent did not understand), `FEEDBACK`, `LIVE_CHAT`, `BACK` or
   * `COMMON`.
   */
  category: MessageCategory.optional(),
  /** The intent the NLU matched, for user messages it understood. */
  intentName: z.string().optional(),
  /** Language code the message was detected in, e.g. `en`. */
  language: z.string().optional(),
  /** For agent responses: the id of the user message this answers. */
  responseToId: z.string().optional(),
  /** For LiveChat messages: who typed it. */
  liveChatSender: z.enum(['END_USER', 'AGENT']).optional(),
  /** The event it carries: a LiveChat step, a CSAT answer or a custom event. */
  event: MessageEvent.optional(),
  /** Labels given to this message (the platform's `ChatSessionMessage.tags`, added by `addMessageTags`). */
  tags: z.array(z.string()).optional(),
});
/** @see {@link Message} */
export type Message = z.infer<typeof Message>;
