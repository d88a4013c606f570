import { z } from 'zod';
import { CsatStatus, LiveChatEventType, MessageCategory } from '../model/message.js';
import { openEnum } from '../model/open-enum.js';
import { WireDateTime } from './wire-date.js';

/**
 * One message of a chat session on the wire (the spec's `ChatSessionMessage` / `ChatSessionMessageDto`).
 * `role`, `kind` and `event` are optional local-server extensions that keep system messages, voice messages and
 * CSAT / custom events round-tripping; the platform does not send them.
 *
 * @example
 * ```ts
 * import { ChatSessionMessageDto } from '@observatory/core';
 * ChatSessionMessageDto.parse({ id: 'm1', message: 'Hi', type: 'TEXT', date: '2026-11-25T10:00:00Z', isUserInteraction: true });
 * ```
 */
export const ChatSessionMessageDto = z.looseObject({
  id: z.string().optional(),
  subscriberHandle: z.string().optional(),
  subscriberName: z.string().optional(),
  subscriberEmail: z.string().optional(),
  message: z.string().optional(),
  tags: z.array(z.string()).optional(),
  intentName: z.string().optional(),
  conversationNode: z.string().optional(),
  type: z.enum(['TEXT', 'POSTBACK', 'ATTACHMENT', 'TRIGGER']).optional(),
  category: MessageCategory.optional(),
  date: WireDateTime.optional(),
  isUserInteraction: z.boolean().optional(),
  liveChatEventType: LiveChatEventType.optional(),
  liveChatSender: z.enum(['END_USER', 'AGENT']).optional(),
  liveChatConversationId: z.string().optional(),
  responseToId: z.string().optional(),
  language: z.string().optional(),
  role: z.string().optional(),
  kind: z.string().optional(),
  event: z.looseObject({ type: z.string() }).optional(),
});
/** @see {@link ChatSessionMessageDto} */
export type ChatSessionMessageDto = z.infer<typeof ChatSessionMessageDto>;

/**
 * The spec's `ChatSessionMetadata`: contact name/email, deployment and channel of a session.
 *
 * @example
 * ```ts
 * import { ChatSessionMetadataDto } from '@observatory/core';
 * ChatSessionMetadataDto.parse({ deploymentId: 'web', deploymentName: 'Webchat Production', deploymentPlatform: 'webchat' });
 * ```
 */
export const ChatSessionMetadataDto = z.looseObject({
  subscriberName: z.string().optional(),
  subscriberEmail: z.string().optional(),
  deploymentId: z.string().optional(),
  deploymentName: z.string().optional(),
  platformOrigin: z.string().optional(),
  deploymentPlatform: z.string().optional(),
  isSubscriberNew: z.boolean().optional(),
});
/** @see {@link ChatSessionMetadataDto} */
export type ChatSessionMetadataDto = z.infer<typeof ChatSessionMetadataDto>;

/**
 * The spec's `ChatSessionCSATSurvey`: `status` is a free string there, so a status beyond `PRESENTED` /
 * `ANSWERED` is kept as sent.
 *
 * @example
 * ```ts
 * import { ChatSessionCsatSurveyDto } from '@observatory/core';
 * ChatSessionCsatSurveyDto.parse({ id: 'csat-1', status: 'ANSWERED', sectionsScore: { overall: 5 } });
 * ```
 */
export const ChatSessionCsatSurveyDto = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  status: openEnum(CsatStatus),
  sectionsScore: z.record(z.string(), z.number()).optional(),
});
/** @see {@link ChatSessionCsatSurveyDto} */
export type ChatSessionCsatSurveyDto = z.infer<typeof ChatSessionCsatSurveyDto>;

/**
 * The spec's `LiveChatSession`. Read leniently: only the fields the SDK maps are checked, and none is required
 * (the local server sends every one the spec requires).
 *
 * @example
 * ```ts
 * import { LiveChatSessionDto } from '@observatory/core';
 * LiveChatSessionDto.parse({ conversationId: 'c1', liveChatEventType: 'LIVECHAT_TERMINATED', agents: ['ann'], duration: 1000 });
 * ```
 */
export const LiveChatSessionDto = z.looseObject({
  conversationId: z.string().optional(),
  liveChatEventType: LiveChatEventType.optional(),
  agents: z.array(z.string()).optional(),
  duration: z.number().int().optional(),
  waitingTime: z.number().int().optional(),
  updatedAt: WireDateTime.optional(),
  lastEndUserMessageAt: WireDateTime.optional(),
  lastSender: z.enum(['END_USER', 'AGENT']).optional(),
  responseTime: z.array(z.number().int()).optional(),
  tags: z.array(z.string()).optional(),
});
/** @see {@link LiveChatSessionDto} */
export type LiveChatSessionDto = z.infer<typeof LiveChatSessionDto>;

/**
 * A chat session on the wire (the spec's `ChatSessionDto`). `tenantId` is optional when reading because the spec
 * marks it write-only; the agent id then comes from `tenant.id`. `tickets` is a local-server extension.
 *
 * @example
 * ```ts
 * import { ChatSessionDto } from '@observatory/core';
 * ChatSessionDto.parse({
 *   id: 's1', tenantId: 'faq-bot', subscriberHandle: 'user-42', containsUserInteraction: true,
 *   createdAt: '2026-11-25T10:00:00Z', status: 'COMPLETED', duration: 60000, tags: ['billing'],
 * });
 * ```
 */
export const ChatSessionDto = z.looseObject({
  id: z.string().optional(),
  tenantId: z.string().optional(),
  tenant: z.looseObject({ id: z.string().optional(), displayName: z.string().optional() }).optional(),
  subscriberHandle: z.string(),
  containsUserInteraction: z.boolean().optional(),
  userInteractionCount: z.number().int().optional(),
  messageCount: z.number().int().optional(),
  duration: z.number().int().optional(),
  status: z.enum(['ACTIVE', 'COMPLETED']).optional(),
  tags: z.array(z.string()).optional(),
  language: z.string().optional(),
  summary: z.string().optional(),
  sentiment: z.string().optional(),
  resolution: z.string().optional(),
  urgency: z.string().optional(),
  features: z.record(z.string(), z.unknown()).optional(),
  csatSurveys: z.array(ChatSessionCsatSurveyDto).optional(),
  lastInteraction: WireDateTime.optional(),
  createdAt: WireDateTime.optional(),
  updatedAt: WireDateTime.optional(),
  liveChats: z.array(LiveChatSessionDto).optional(),
  metadata: ChatSessionMetadataDto.optional(),
  messages: z.array(ChatSessionMessageDto).optional(),
  tickets: z.array(z.looseObject({ id: z.string() })).optional(),
});
/** @see {@link ChatSessionDto} */
export type ChatSessionDto = z.infer<typeof ChatSessionDto>;

/**
 * A page of chat sessions: `{ items, page, pageSize, total }`, the same shape as the spec's
 * `PagedMissedQuestionResponse` (the spec types the list response as a single `ChatSessionDto`; a paged list
 * must be a page). Readers also accept a bare array ({@link ChatSessionListResponse}).
 *
 * @example
 * ```ts
 * import { PagedChatSessionResponse } from '@observatory/core';
 * PagedChatSessionResponse.parse({ items: [], page: 0, pageSize: 20, total: 0 });
 * ```
 */
export const PagedChatSessionResponse = z.looseObject({
  items: z.array(ChatSessionDto),
  page: z.number().int().nonnegative(),
  pageSize: z.number().int().positive(),
  total: z.number().int().nonnegative(),
});
/** @see {@link PagedChatSessionResponse} */
export type PagedChatSessionResponse = z.infer<typeof PagedChatSessionResponse>;

/**
 * What a reader accepts for a session list: the spec's literal typing (one `ChatSessionDto`), the page above (the
 * local server), or a bare array of sessions — normalised to `{ items, paged }`, `paged` being the page when there
 * was one (else the total is unknown). The shape is picked first (an array, an object with `items`, else one
 * session), so a bad value is reported at its own path rather than as "no union member".
 *
 * @example
 * ```ts
 * import { ChatSessionListResponse } from '@observatory/core';
 * ChatSessionListResponse.parse([]); // { items: [], paged: undefined }
 * ```
 */
export const ChatSessionListResponse = z
  .unknown()
  .transform((body, ctx): { items: ChatSessionDto[]; paged: PagedChatSessionResponse | undefined } => {
    const parsed = Array.isArray(body)
      ? z
          .array(ChatSessionDto)
          .transform((items) => ({ items, paged: undefined }))
          .safeParse(body)
      : typeof body === 'object' && body !== null && 'items' in body
        ? PagedChatSessionResponse.transform((paged) => ({ items: paged.items, paged })).safeParse(body)
        : ChatSessionDto.transform((one) => ({ items: [one], paged: undefined })).safeParse(body);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { issue } });
    return z.NEVER;
  });
/** @see {@link ChatSessionListResponse} */
export type ChatSessionListResponse = z.output<typeof ChatSessionListResponse>;
