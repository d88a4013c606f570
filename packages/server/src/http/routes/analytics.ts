import {
  type AnalyticsMissedQuestionsDto,
  analyticsToWire,
  assertRangeBuckets,
  type MissedQuestion,
  ObservatoryInputError,
  resolveDateRange,
  TrendBucketSize,
} from '@observatory/core';
import { Hono } from 'hono';
import type { ObservatoryStore } from '../../store/store.js';
import { scopedAgents } from '../auth.js';
import type { Scope, ServerEnv } from '../env.js';
import { assertStorableInstant } from '../input.js';
import { readAgents, readTimeZone } from '../params.js';

/** How many top missed questions the analytics list. */
const TOP_QUESTIONS = 10;

/**
 * Reads `startDate`/`endDate` (date-times, or calendar dates meaning whole local days of `timeZone`) with core's
 * `resolveDateRange`, errors naming the wire parameter: the analytics' range and the pages' custom range.
 *
 * @example
 * ```ts
 * readLocalDateRange(new URLSearchParams('startDate=2026-11-01&endDate=2026-11-30'), 'Europe/Athens');
 * // { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' }
 * ```
 */
export function readLocalDateRange(params: URLSearchParams, timeZone: string) {
  const from = params.get('startDate');
  const to = params.get('endDate');
  if (!from) throw new ObservatoryInputError('startDate', 'a date (2026-11-25) or an ISO 8601 date-time');
  if (!to) throw new ObservatoryInputError('endDate', 'a date (2026-11-25) or an ISO 8601 date-time');
  try {
    const range = resolveDateRange({ from, to }, { timeZone, now: new Date() });
    assertStorableInstant(range.from, 'startDate');
    assertStorableInstant(range.to, 'endDate');
    return range;
  } catch (error) {
    // core names its own fields (`from`/`to`); the caller sent `startDate`/`endDate`.
    if (error instanceof ObservatoryInputError && (error.field === 'from' || error.field === 'to')) {
      const field = error.field === 'from' ? 'startDate' : 'endDate';
      throw new ObservatoryInputError(field, error.expected, error.received, { cause: error });
    }
    throw error;
  }
}

/**
 * The missed-question analytics for the platform's query parameters (`startDate`, `endDate`, `timeZone`,
 * `tenantsFilter`, `bucket`), within the token's scope: what the API answers and the Analytics page draws.
 *
 * @example
 * ```ts
 * const dto = await missedQuestionAnalytics(store, scope, new URLSearchParams('startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC'));
 * ```
 */
export async function missedQuestionAnalytics(
  store: ObservatoryStore,
  scope: Scope,
  params: URLSearchParams,
): Promise<AnalyticsMissedQuestionsDto> {
  return (await missedQuestionAnalyticsWithTop(store, scope, params)).analytics;
}

/**
 * {@link missedQuestionAnalytics} and the stored top missed questions behind its `missedQuestions` (the wire's
 * `name` and `count` only), with their id and agent: what the Analytics page lists.
 *
 * @example
 * ```ts
 * const { analytics, top } = await missedQuestionAnalyticsWithTop(store, scope, params);
 * top.map((q) => `${q.agentId}: ${q.question} (${q.filteredOccurrences})`);
 * ```
 */
export async function missedQuestionAnalyticsWithTop(
  store: ObservatoryStore,
  scope: Scope,
  params: URLSearchParams,
): Promise<{ analytics: AnalyticsMissedQuestionsDto; top: MissedQuestion[] }> {
  const timeZone = readTimeZone(params, true) ?? 'UTC';
  const range = readLocalDateRange(params, timeZone);
  const bucketParam = params.get('bucket') || 'day';
  const bucket = TrendBucketSize.safeParse(bucketParam);
  if (!bucket.success) throw new ObservatoryInputError('bucket', 'day, week or month', bucketParam);
  // Refused before the store is read: the cap bounds the work of one request.
  assertRangeBuckets(Date.parse(range.from), Date.parse(range.to), bucket.data, timeZone, 'endDate');
  const agents = scopedAgents(scope, readAgents(params));
  const orgId = scope.organizationId;
  // Analytics may lag the last writes: they read the replica when there is one. The two reads are independent,
  // so they run at once (on PostgreSQL on two connections; the embedded engine runs one statement at a time).
  const [trend, top] = await Promise.all([
    store.replica.missedQuestionTrend(orgId, { agents, range, timeZone, bucket: bucket.data }),
    store.replica.topMissedQuestions(
      orgId,
      { agents, range, sort: { by: 'filteredOccurrences', order: 'desc' } },
      TOP_QUESTIONS,
    ),
  ]);
  const topQuestions = top.map((q) => ({ question: q.question, count: q.filteredOccurrences ?? 0 }));
  return { analytics: analyticsToWire(trend, topQuestions), top };
}

/**
 * `GET /organizations/{orgId}/analytics/missed-questions`: totals, percentage, the histogram in the viewer's
 * `timeZone` (with `bucket=day|week|month` as a local extension) and the top missed questions — computed by
 * core's `missedQuestionTrend` over the range's user messages and occurrences, which the store counts from its
 * rollups (`ObservatoryStore.missedQuestionTrend`).
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/analytics', analyticsRoutes(store));
 * ```
 */
export function analyticsRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  app.get('/missed-questions', async (c) =>
    c.json(await missedQuestionAnalytics(store, c.get('scope'), new URL(c.req.url).searchParams)),
  );
  return app;
}
