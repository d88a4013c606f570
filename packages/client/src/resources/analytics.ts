import {
  AnalyticsMissedQuestionsDto,
  analyticsFromWire,
  type MissedQuestionAnalytics,
} from '@observatory/core';
import { z } from 'zod';
import { assertKnownKeys } from '../internal/known-keys.js';
import { parseInput } from '../internal/parse-input.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';

const AnalyticsQuery = z.object({
  startDate: z.union([z.iso.datetime({ offset: true }), z.date()]),
  endDate: z.union([z.iso.datetime({ offset: true }), z.date()]),
  /** IANA zone the day buckets are cut in. */
  timeZone: z.string().min(1),
  tenants: z.array(z.string().min(1)).optional(),
});

/**
 * Query of `analytics.missedQuestions`.
 *
 * @example
 * ```ts
 * const query: MissedQuestionAnalyticsQuery = {
 *   startDate: '2026-11-01T00:00:00Z', endDate: '2026-12-01T00:00:00Z', timeZone: 'Europe/Athens', tenants: ['faq-bot'],
 * };
 * ```
 *
 * @useDeclaredType
 */
export type MissedQuestionAnalyticsQuery = z.input<typeof AnalyticsQuery>;

/**
 * `client.analytics`: missed-question analytics.
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * const client = createObservatoryClient({
 *   baseUrl: 'http://127.0.0.1:4319', token: process.env.OBSERVATORY_TOKEN ?? '', organizationId: 'org-1',
 * });
 * const stats = await client.analytics.missedQuestions({
 *   startDate: '2026-11-01T00:00:00Z', endDate: '2026-12-01T00:00:00Z', timeZone: 'Europe/Athens',
 *   tenants: ['faq-bot'],
 * });
 * console.log(`${stats.totalMissedQuestions} of ${stats.totalQuestions} questions missed`);
 * ```
 */
export class AnalyticsResource {
  readonly #transport: Transport;

  /**
   * Built by `createObservatoryClient`, which owns the transport; not constructed directly.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Missed-question analytics for a range: totals, percentage, per-day histogram and top missed questions.
   * The time zone is sent as its IANA name (the platform accepts the zone id string).
   *
   * @example
   * ```ts
   * const stats = await client.analytics.missedQuestions({
   *   startDate: '2026-11-01T00:00:00Z', endDate: '2026-12-01T00:00:00Z', timeZone: 'Europe/Athens',
   * });
   * console.log(stats.missedPercentage);
   * ```
   */
  async missedQuestions(
    query: MissedQuestionAnalyticsQuery,
    options?: CallOptions,
  ): Promise<MissedQuestionAnalytics> {
    assertKnownKeys(AnalyticsQuery, query, 'query');
    const parsed = parseInput(AnalyticsQuery, query, 'query');
    const params = new URLSearchParams({
      startDate: new Date(parsed.startDate).toISOString(),
      endDate: new Date(parsed.endDate).toISOString(),
      timeZone: parsed.timeZone,
    });
    for (const tenant of parsed.tenants ?? []) params.append('tenants', tenant);
    return this.#transport.json(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/analytics/missed-questions`,
        searchParams: params,
        idempotent: true,
      },
      AnalyticsMissedQuestionsDto,
      options,
      analyticsFromWire,
    );
  }
}
