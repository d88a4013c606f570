import { z } from 'zod';
import { MissedQuestionStatus } from '../model/missed-question.js';
import { WireDateTime } from './wire-date.js';

/**
 * A missed question on the wire: the spec's `MissedQuestionDto` (a list item, and the body of a report or a
 * status change), read leniently: `tenantId` may be left out when `tenant.id` says it. Counts are any integer, as
 * the spec types them. `distinctSessions` is a local-server extension.
 *
 * @example
 * ```ts
 * import { MissedQuestionDto } from '@observatory/core';
 * MissedQuestionDto.parse({ id: 'q1', tenantId: 'faq-bot', question: 'Do you ship to Cyprus?', status: 'UNRESOLVED', occurrences: 3 });
 * ```
 */
export const MissedQuestionDto = z.looseObject({
  id: z.string().optional(),
  tenantId: z.string().optional(),
  tenant: z.looseObject({ id: z.string().optional() }).optional(),
  organizationId: z.string().optional(),
  question: z.string().min(1).max(500),
  status: MissedQuestionStatus.optional(),
  language: z.string().optional(),
  occurrences: z.number().int().optional(),
  filteredOccurrences: z.number().int().optional(),
  distinctSessions: z.number().int().optional(),
  createdAt: WireDateTime.optional(),
  updatedAt: WireDateTime.optional(),
  /** The latest occurrence in the queried range (a local-server extension). */
  lastOccurredAt: WireDateTime.optional(),
});
/** @see {@link MissedQuestionDto} */
export type MissedQuestionDto = z.infer<typeof MissedQuestionDto>;

/**
 * The spec's `MissedQuestion` entity, the answer of get / patch / create: only `occurrences` is required; the
 * agent is `tenant.id` (the local server sends `tenantId`, as in {@link MissedQuestionDto}); the wording has no
 * length bound there.
 *
 * @example
 * ```ts
 * import { MissedQuestionEntityDto } from '@observatory/core';
 * MissedQuestionEntityDto.parse({ id: 'q1', tenant: { id: 'faq-bot' }, question: 'Do you ship?', occurrences: 3 });
 * ```
 */
export const MissedQuestionEntityDto = z.looseObject({
  id: z.string().optional(),
  tenantId: z.string().optional(),
  tenant: z.looseObject({ id: z.string().optional() }).optional(),
  organizationId: z.string().optional(),
  question: z.string().optional(),
  status: MissedQuestionStatus.optional(),
  language: z.string().optional(),
  occurrences: z.number().int(),
  filteredOccurrences: z.number().int().optional(),
  distinctSessions: z.number().int().optional(),
  createdAt: WireDateTime.optional(),
  updatedAt: WireDateTime.optional(),
  /** The latest occurrence in the queried range (a local-server extension). */
  lastOccurredAt: WireDateTime.optional(),
});
/** @see {@link MissedQuestionEntityDto} */
export type MissedQuestionEntityDto = z.infer<typeof MissedQuestionEntityDto>;

/**
 * The spec's `PagedMissedQuestionResponse`: `{ items, page, pageSize, total }`, each optional there (the client
 * then uses no items, the page it asked for and an unknown total).
 *
 * @example
 * ```ts
 * import { PagedMissedQuestionResponse } from '@observatory/core';
 * PagedMissedQuestionResponse.parse({ items: [], page: 0, pageSize: 20, total: 0 });
 * ```
 */
export const PagedMissedQuestionResponse = z.looseObject({
  items: z.array(MissedQuestionDto).optional(),
  page: z.number().int().optional(),
  pageSize: z.number().int().optional(),
  total: z.number().int().optional(),
});
/** @see {@link PagedMissedQuestionResponse} */
export type PagedMissedQuestionResponse = z.infer<typeof PagedMissedQuestionResponse>;

/**
 * The body of `POST /organizations/{orgId}/missed-questions` (the spec's `MissedQuestionCreateDto`): one report of a
 * user message a workflow could not answer. `(sessionId, messageId)` identifies the occurrence.
 *
 * @example
 * ```ts
 * import { MissedQuestionCreateDto } from '@observatory/core';
 * MissedQuestionCreateDto.parse({
 *   missedQuestion: { tenantId: 'faq-bot', question: 'Do you ship to Cyprus?' }, sessionId: 's1', messageId: 'm3',
 * });
 * ```
 */
export const MissedQuestionCreateDto = z.looseObject({
  missedQuestion: MissedQuestionDto,
  sessionId: z.string().optional(),
  messageId: z.string().optional(),
  nlpPipelineId: z.string().optional(),
  examinedCorpus: z.array(z.looseObject({ id: z.string(), confidence: z.number().optional() })).optional(),
});
/** @see {@link MissedQuestionCreateDto} */
export type MissedQuestionCreateDto = z.infer<typeof MissedQuestionCreateDto>;

/**
 * One occurrence on the wire (the spec's `MissedQuestionOccurrence`, every field optional). `missedQuestionId` is
 * a local-server extension; the platform nests the question as `missedQuestion`.
 *
 * @example
 * ```ts
 * import { MissedQuestionOccurrenceDto } from '@observatory/core';
 * MissedQuestionOccurrenceDto.parse({ id: 'o1', question: 'Do you ship?', date: '2026-11-25T10:00:00Z', sessionId: 's1', messageId: 'm3', tenantId: 'faq-bot' });
 * ```
 */
export const MissedQuestionOccurrenceDto = z.looseObject({
  id: z.string().optional(),
  missedQuestionId: z.string().optional(),
  missedQuestion: z
    .looseObject({
      id: z.string().optional(),
      question: z.string().optional(),
      tenant: z.looseObject({ id: z.string().optional() }).optional(),
    })
    .optional(),
  question: z.string().optional(),
  normalizedQuestion: z.string().optional(),
  date: WireDateTime.optional(),
  sessionId: z.string().optional(),
  messageId: z.string().optional(),
  tenantId: z.string().optional(),
  organizationId: z.string().optional(),
});
/** @see {@link MissedQuestionOccurrenceDto} */
export type MissedQuestionOccurrenceDto = z.infer<typeof MissedQuestionOccurrenceDto>;

/**
 * What a reader accepts for the occurrences of a question: a JSON array (what we expect), `{ items: [...] }`, or a
 * single object (the spec's literal typing) — all normalised to an array. The shape is picked first (an array, an
 * object with an `items` array, else one occurrence), so a bad value is reported at its own path.
 *
 * @example
 * ```ts
 * import { MissedQuestionOccurrenceList } from '@observatory/core';
 * MissedQuestionOccurrenceList.parse({ items: [] }); // []
 * ```
 */
export const MissedQuestionOccurrenceList = z
  .unknown()
  .transform((body, ctx): MissedQuestionOccurrenceDto[] => {
    const parsed = Array.isArray(body)
      ? z.array(MissedQuestionOccurrenceDto).safeParse(body)
      : typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items)
        ? z
            .looseObject({ items: z.array(MissedQuestionOccurrenceDto) })
            .transform((page) => page.items)
            .safeParse(body)
        : MissedQuestionOccurrenceDto.transform((one) => [one]).safeParse(body);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { issue } });
    return z.NEVER;
  });
/** @see {@link MissedQuestionOccurrenceList} */
export type MissedQuestionOccurrenceList = z.output<typeof MissedQuestionOccurrenceList>;
