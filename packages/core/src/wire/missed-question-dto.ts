import { z } from 'zod';
import { MissedQuestionStatus } from '../model/missed-question.js';
import { WireDateTime } from './wire-date.js';

/**
 * A missed question on the wire: the spec's `MissedQuestionDto`, read leniently enough to also accept its
 * `MissedQuestion` entity (returned by get / patch / create), which carries `tenant.id` instead of `tenantId`.
 * `distinctSessions` is a local-server extension.
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
  occurrences: z.number().int().nonnegative().optional(),
  filteredOccurrences: z.number().int().nonnegative().optional(),
  distinctSessions: z.number().int().nonnegative().optional(),
  createdAt: WireDateTime.optional(),
  updatedAt: WireDateTime.optional(),
});
/** @see {@link MissedQuestionDto} */
export type MissedQuestionDto = z.infer<typeof MissedQuestionDto>;

/**
 * The spec's `PagedMissedQuestionResponse`: `{ items, page, pageSize, total }`.
 *
 * @example
 * ```ts
 * import { PagedMissedQuestionResponse } from '@observatory/core';
 * PagedMissedQuestionResponse.parse({ items: [], page: 0, pageSize: 20, total: 0 });
 * ```
 */
export const PagedMissedQuestionResponse = z.looseObject({
  items: z.array(MissedQuestionDto),
  page: z.number().int().nonnegative(),
  pageSize: z.number().int().positive(),
  total: z.number().int().nonnegative(),
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
 * One occurrence on the wire (the spec's `MissedQuestionOccurrence`). `missedQuestionId` is a local-server
 * extension; the platform nests the question as `missedQuestion`.
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
  date: WireDateTime,
  sessionId: z.string().min(1),
  messageId: z.string().optional(),
  tenantId: z.string().optional(),
  organizationId: z.string().optional(),
});
/** @see {@link MissedQuestionOccurrenceDto} */
export type MissedQuestionOccurrenceDto = z.infer<typeof MissedQuestionOccurrenceDto>;

/**
 * What a reader accepts for the occurrences of a question: a JSON array (what we expect), `{ items: [...] }`, or a
 * single object (the spec's literal typing) — all normalised to an array.
 *
 * @example
 * ```ts
 * import { MissedQuestionOccurrenceList } from '@observatory/core';
 * MissedQuestionOccurrenceList.parse({ items: [] }); // []
 * ```
 */
export const MissedQuestionOccurrenceList = z.union([
  z.array(MissedQuestionOccurrenceDto),
  z.looseObject({ items: z.array(MissedQuestionOccurrenceDto) }).transform((body) => body.items),
  MissedQuestionOccurrenceDto.transform((one) => [one]),
]);
/** @see {@link MissedQuestionOccurrenceList} */
export type MissedQuestionOccurrenceList = z.output<typeof MissedQuestionOccurrenceList>;
