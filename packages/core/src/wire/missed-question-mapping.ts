import { MissedQuestion, MissedQuestionOccurrence } from '../model/missed-question.js';
import { toUtc } from './internal/to-utc.js';
import type { MissedQuestionDto, MissedQuestionOccurrenceDto } from './missed-question-dto.js';

/**
 * Maps a wire missed question (`MissedQuestionDto` or the `MissedQuestion` entity) to a core
 * {@link MissedQuestion}: agentId ← tenantId ?? tenant.id. Throws a ZodError when the result is invalid
 * (e.g. no id, no agent).
 *
 * @example
 * ```ts
 * import { missedQuestionFromWire } from '@observatory/core';
 * missedQuestionFromWire({ id: 'q1', tenantId: 'faq-bot', question: 'Do you ship?', occurrences: 3 });
 * ```
 */
export function missedQuestionFromWire(dto: MissedQuestionDto): MissedQuestion {
  return MissedQuestion.parse({
    id: dto.id,
    agentId: dto.tenantId ?? dto.tenant?.id,
    question: dto.question,
    status: dto.status,
    language: dto.language,
    occurrences: dto.occurrences,
    filteredOccurrences: dto.filteredOccurrences,
    distinctSessions: dto.distinctSessions,
    createdAt: dto.createdAt === undefined ? undefined : toUtc(dto.createdAt),
    updatedAt: dto.updatedAt === undefined ? undefined : toUtc(dto.updatedAt),
  });
}

/**
 * Maps a core {@link MissedQuestion} to the wire `MissedQuestionDto` (`distinctSessions` is an extension).
 *
 * @example
 * ```ts
 * import { missedQuestionToWire } from '@observatory/core';
 * missedQuestionToWire({ id: 'q1', agentId: 'faq-bot', question: 'Do you ship?', status: 'UNRESOLVED', occurrences: 3 });
 * ```
 */
export function missedQuestionToWire(question: MissedQuestion): MissedQuestionDto {
  const dto: MissedQuestionDto = {
    id: question.id,
    tenantId: question.agentId,
    question: question.question,
    status: question.status,
    occurrences: question.occurrences,
  };
  if (question.language !== undefined) dto.language = question.language;
  if (question.filteredOccurrences !== undefined) dto.filteredOccurrences = question.filteredOccurrences;
  if (question.distinctSessions !== undefined) dto.distinctSessions = question.distinctSessions;
  if (question.createdAt !== undefined) dto.createdAt = question.createdAt;
  if (question.updatedAt !== undefined) dto.updatedAt = question.updatedAt;
  return dto;
}

/**
 * Facts an occurrence may omit on the wire, taken from its missed question.
 *
 * @example
 * ```ts
 * import { type OccurrenceContext, occurrenceFromWire } from '@observatory/core';
 * // Occurrences listed under a question may leave out what the question already says.
 * const context: OccurrenceContext = {
 *   missedQuestionId: 'q1', agentId: 'faq-bot', question: 'Do you ship to Cyprus?',
 * };
 * const occurrence = occurrenceFromWire(
 *   { id: 'o1', date: '2026-11-25T10:00:00Z', sessionId: 's1', messageId: 'm3' },
 *   context,
 * );
 * ```
 */
export interface OccurrenceContext {
  readonly missedQuestionId?: string;
  readonly agentId?: string;
  readonly question?: string;
}

/**
 * Maps a wire occurrence to a core {@link MissedQuestionOccurrence}: occurredAt ← date, agentId ← tenantId
 * (else the nested question's tenant, else `context.agentId`). An occurrence without `messageId` gets its own
 * `id` as message id (the platform's older records lack it). Throws a ZodError when the result is invalid.
 *
 * @example
 * ```ts
 * import { occurrenceFromWire } from '@observatory/core';
 * occurrenceFromWire({ id: 'o1', date: '2026-11-25T10:00:00Z', sessionId: 's1', messageId: 'm3' }, { agentId: 'faq-bot', question: 'Do you ship?' });
 * ```
 */
export function occurrenceFromWire(
  dto: MissedQuestionOccurrenceDto,
  context: OccurrenceContext = {},
): MissedQuestionOccurrence {
  return MissedQuestionOccurrence.parse({
    id: dto.id,
    missedQuestionId: dto.missedQuestionId ?? dto.missedQuestion?.id ?? context.missedQuestionId,
    agentId: dto.tenantId ?? dto.missedQuestion?.tenant?.id ?? context.agentId,
    question: dto.question ?? dto.missedQuestion?.question ?? dto.normalizedQuestion ?? context.question,
    sessionId: dto.sessionId,
    messageId: dto.messageId ?? (dto.id === undefined ? undefined : `${dto.id}`),
    occurredAt: toUtc(dto.date),
  });
}

/**
 * Maps a core {@link MissedQuestionOccurrence} to the wire (`missedQuestionId` is an extension).
 *
 * @example
 * ```ts
 * import { occurrenceToWire } from '@observatory/core';
 * occurrenceToWire({ agentId: 'faq-bot', question: 'Do you ship?', sessionId: 's1', messageId: 'm3', occurredAt: '2026-11-25T10:00:00.000Z' });
 * ```
 */
export function occurrenceToWire(occurrence: MissedQuestionOccurrence): MissedQuestionOccurrenceDto {
  const dto: MissedQuestionOccurrenceDto = {
    question: occurrence.question,
    date: occurrence.occurredAt,
    sessionId: occurrence.sessionId,
    messageId: occurrence.messageId,
    tenantId: occurrence.agentId,
  };
  if (occurrence.id !== undefined) dto.id = occurrence.id;
  if (occurrence.missedQuestionId !== undefined) dto.missedQuestionId = occurrence.missedQuestionId;
  return dto;
}
