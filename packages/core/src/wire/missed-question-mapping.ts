import { MissedQuestion, MissedQuestionOccurrence } from '../model/missed-question.js';
import { atLeastZero, EPOCH, present, UNKNOWN, wording } from './internal/answer-fallbacks.js';
import { toUtc } from './internal/to-utc.js';
import type {
  MissedQuestionDto,
  MissedQuestionEntityDto,
  MissedQuestionOccurrenceDto,
} from './missed-question-dto.js';

/**
 * Reading a platform answer: what {@link missedQuestionFromWire} uses where the answer leaves a fact out — the id
 * asked for, and the agent and wording of a report.
 *
 * @example
 * ```ts
 * import { type MissedQuestionAnswerContext, missedQuestionFromWire } from '@observatory/core';
 * const asked: MissedQuestionAnswerContext = { id: 'q1' };
 * missedQuestionFromWire({ occurrences: 3 }, asked); // id 'q1', agentId 'unknown', question 'unknown'
 * ```
 */
export interface MissedQuestionAnswerContext {
  readonly id?: string;
  readonly agentId?: string;
  readonly question?: string;
}

/**
 * Maps a wire missed question (`MissedQuestionDto` or the `MissedQuestion` entity) to a core
 * {@link MissedQuestion}: agentId ← tenantId ?? tenant.id. Without `answer` a missing id, agent or wording throws
 * a ZodError. With it (reading an answer) nothing schema-valid is refused: an empty or missing id is `answer.id`
 * (else `unknown`), the agent `answer.agentId` (else `unknown`), the wording `answer.question` (else `unknown`),
 * cut to the platform's 500 characters; a negative count is 0.
 *
 * @example
 * ```ts
 * import { missedQuestionFromWire } from '@observatory/core';
 * missedQuestionFromWire({ id: 'q1', tenantId: 'faq-bot', question: 'Do you ship?', occurrences: 3 });
 * ```
 */
export function missedQuestionFromWire(
  dto: MissedQuestionDto | MissedQuestionEntityDto,
  answer?: MissedQuestionAnswerContext,
): MissedQuestion {
  const common = {
    status: dto.status,
    language: dto.language,
    createdAt: dto.createdAt === undefined ? undefined : toUtc(dto.createdAt),
    updatedAt: dto.updatedAt === undefined ? undefined : toUtc(dto.updatedAt),
    lastOccurredAt: dto.lastOccurredAt === undefined ? undefined : toUtc(dto.lastOccurredAt),
  };
  if (answer === undefined) {
    return MissedQuestion.parse({
      ...common,
      id: dto.id,
      agentId: dto.tenantId ?? dto.tenant?.id,
      question: dto.question,
      occurrences: dto.occurrences,
      filteredOccurrences: dto.filteredOccurrences,
      distinctSessions: dto.distinctSessions,
    });
  }
  return MissedQuestion.parse({
    ...common,
    id: present(dto.id) ?? present(answer.id) ?? UNKNOWN,
    agentId: present(dto.tenantId) ?? present(dto.tenant?.id) ?? present(answer.agentId) ?? UNKNOWN,
    question: wording(dto.question, answer.question),
    occurrences: atLeastZero(dto.occurrences),
    filteredOccurrences: atLeastZero(dto.filteredOccurrences),
    distinctSessions: atLeastZero(dto.distinctSessions),
  });
}

/**
 * Maps a core {@link MissedQuestion} to the wire `MissedQuestionDto` (`distinctSessions` and `lastOccurredAt`
 * are extensions).
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
  if (question.lastOccurredAt !== undefined) dto.lastOccurredAt = question.lastOccurredAt;
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
 * `id` as message id (the platform's older records lack it). Every field is optional in the spec, so nothing is
 * refused: what is still missing (or `''`) is `unknown` (agent, wording, session, message) or the Unix epoch
 * (the date).
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
    agentId:
      present(dto.tenantId) ?? present(dto.missedQuestion?.tenant?.id) ?? present(context.agentId) ?? UNKNOWN,
    question:
      present(dto.question) ??
      present(dto.missedQuestion?.question) ??
      present(dto.normalizedQuestion) ??
      present(context.question) ??
      UNKNOWN,
    sessionId: present(dto.sessionId) ?? UNKNOWN,
    messageId: present(dto.messageId) ?? present(dto.id) ?? UNKNOWN,
    occurredAt: toUtc(dto.date ?? EPOCH),
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
