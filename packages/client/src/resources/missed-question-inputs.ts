import { MAX_PAGE_SIZE, type MissedQuestion, MissedQuestionStatus } from '@observatory/core';
import { z } from 'zod';
import type { ZonedRangeQuery } from './zoned-range.js';

export const Range = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});

/**
 * A date range: UTC instants, `from <= t < to` (e.g. from core's `resolveDateRange`).
 *
 * @example
 * ```ts
 * const range: InstantRange = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
 * ```
 *
 * @useDeclaredType
 */
export type InstantRange = z.input<typeof Range>;

export const MissedQuestionQuery = z.object({
  range: Range.optional(),
  agents: z.array(z.string().min(1)).optional(),
  /** Text filter on the question. */
  question: z.string().min(1).optional(),
  /**
   * Triage statuses to keep (any of them), sent as `status` (comma-separated): a local-server extension the
   * platform's spec does not declare. Not sent when omitted or empty (every status).
   */
  statuses: z.array(MissedQuestionStatus).optional(),
  sort: z.object({ by: z.string().min(1), order: z.enum(['asc', 'desc']) }).optional(),
  page: z.number().int().nonnegative().optional(),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

export const MissedQuestionExport = z.object({
  separator: z.enum([';', ',']).default(';'),
  bom: z.boolean().optional(),
  range: Range.optional(),
  agents: z.array(z.string().min(1)).optional(),
  search: z.string().min(1).optional(),
});

/**
 * Which missed questions to list: range (as `range`, UTC instants, or a {@link ZonedRangeQuery}), agents,
 * question text, triage statuses, sort (`sortBy` is passed through, e.g. `createdAt` or `occurrences`), page. An unknown key is
 * an `ObservatoryInputError`.
 *
 * @example
 * ```ts
 * const query: MissedQuestionQuery = { agents: ['faq-bot'], sort: { by: 'occurrences', order: 'desc' }, pageSize: 50 };
 * const thisMonth: MissedQuestionQuery = { preset: 'thisMonth', timeZone: 'Europe/Athens' };
 * const toTriage: MissedQuestionQuery = { statuses: ['UNRESOLVED'], sort: { by: 'filteredOccurrences', order: 'desc' } };
 * ```
 *
 * @useDeclaredType
 */
export type MissedQuestionQuery = z.input<typeof MissedQuestionQuery> & ZonedRangeQuery;

/**
 * A missed-question report: the platform's `MissedQuestionCreateDto` fields, flattened.
 *
 * @example
 * ```ts
 * const report: MissedQuestionReport = { tenantId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm3' };
 * ```
 */
export interface MissedQuestionReport {
  readonly tenantId: string;
  readonly question: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly language?: string;
  readonly nlpPipelineId?: string;
  readonly examinedCorpus?: ReadonlyArray<{ id: string; confidence?: number }>;
}

/**
 * Details of one missed question over a range: the three figures of the stats bar and every occurrence in the
 * range (session and message ids).
 *
 * @example
 * ```ts
 * const details = await client.missedQuestions.details('q1', range);
 * console.log(details.occurrencesInRange, details.distinctSessions);
 * ```
 */
export interface MissedQuestionDetailsResult {
  /** The question as the server answers it without a range (its `filteredOccurrences` are not the range's). */
  readonly question: MissedQuestion;
  /** Occurrences in the range (every occurrence without a range). */
  readonly occurrencesInRange: number;
  /** Total since the agent was created (the server's `occurrences`). */
  readonly totalOccurrences: number;
  /** Distinct sessions among the occurrences in the range (all sessions without a range). */
  readonly distinctSessions: number;
  /** The occurrences in the range, newest first. */
  readonly occurrences: ReadonlyArray<{ sessionId: string; messageId: string; occurredAt: string }>;
}

/**
 * Options of `missedQuestions.export`.
 *
 * @example
 * ```ts
 * await client.missedQuestions.export({ separator: ',', agents: ['faq-bot'] });
 * ```
 */
export interface MissedQuestionExportOptions extends ZonedRangeQuery {
  /** @default ';' (the platform's default) */
  readonly separator?: ';' | ',';
  /**
   * Whether the file starts with a UTF-8 byte-order mark, sent as `bom` (a local-server extension, which writes
   * one unless `bom` is false). Not sent when omitted.
   */
  readonly bom?: boolean;
  readonly range?: InstantRange;
  readonly agents?: readonly string[];
  readonly search?: string;
}

/** The range and agent filters as the platform's query parameters (`startDate`, `endDate`, `tenantsFilter`). */
export function rangeParams(
  range?: { from: string; to: string },
  agents?: readonly string[],
): URLSearchParams {
  const params = new URLSearchParams();
  if (range) {
    params.set('startDate', range.from);
    params.set('endDate', range.to);
  }
  if (agents?.length) params.set('tenantsFilter', agents.join(','));
  return params;
}
