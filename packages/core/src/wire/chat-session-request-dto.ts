import { z } from 'zod';
import { ChatSessionDto, ChatSessionMessageDto } from './session-dto.js';
import { WireDateTime } from './wire-date.js';

/**
 * The body of the published `create_31` / `upsert_1` / `update_31` (a `ChatSessionDto` sent to the platform):
 * `tenantId` and `subscriberHandle` are required, as the spec says; `containsUserInteraction`, required in
 * answers, is read-only and so never required in a request.
 *
 * @example
 * ```ts
 * import { ChatSessionRequestDto } from '@observatory/core';
 * ChatSessionRequestDto.parse({ id: 's1', tenantId: 'faq-bot', subscriberHandle: 'user-42' });
 * ```
 */
export const ChatSessionRequestDto = ChatSessionDto.extend({
  tenantId: z.string(),
  subscriberHandle: z.string(),
  containsUserInteraction: z.boolean().optional(),
});
/** @see {@link ChatSessionRequestDto} */
export type ChatSessionRequestDto = z.infer<typeof ChatSessionRequestDto>;

/**
 * The body of the published `addMessage` (one) and, as an array, `addMessages`: the spec requires a message's
 * `date` and `message` (its text, possibly empty).
 *
 * @example
 * ```ts
 * import { ChatSessionMessageRequestDto } from '@observatory/core';
 * ChatSessionMessageRequestDto.parse({ id: 'm2', message: 'Hello!', date: '2026-11-25T10:00:05Z' });
 * ```
 */
export const ChatSessionMessageRequestDto = ChatSessionMessageDto.extend({
  message: z.string(),
  date: WireDateTime,
});
/** @see {@link ChatSessionMessageRequestDto} */
export type ChatSessionMessageRequestDto = z.infer<typeof ChatSessionMessageRequestDto>;

/**
 * One item of the published `addVariables` body, the spec's `ChatSessionVariableMapping`: `name` is required.
 * The spec types `value` as a string; the local server keeps any JSON value (number, boolean, object, null).
 *
 * @example
 * ```ts
 * import { ChatSessionVariableMappingDto } from '@observatory/core';
 * ChatSessionVariableMappingDto.parse({ name: 'plan', value: 'pro' });
 * ```
 */
export const ChatSessionVariableMappingDto = z.looseObject({
  name: z.string(),
  value: z.unknown().optional(),
});
/** @see {@link ChatSessionVariableMappingDto} */
export type ChatSessionVariableMappingDto = z.infer<typeof ChatSessionVariableMappingDto>;

/**
 * The body of the published `batchSetStatusCompleted`, the spec's `ChatSessionBatchSetStatusCompletedDto`.
 *
 * @example
 * ```ts
 * import { ChatSessionBatchSetStatusCompletedDto } from '@observatory/core';
 * ChatSessionBatchSetStatusCompletedDto.parse({ ids: ['s1', 's2'] });
 * ```
 */
export const ChatSessionBatchSetStatusCompletedDto = z.looseObject({ ids: z.array(z.string()) });
/** @see {@link ChatSessionBatchSetStatusCompletedDto} */
export type ChatSessionBatchSetStatusCompletedDto = z.infer<typeof ChatSessionBatchSetStatusCompletedDto>;
