import type { SessionQuery } from '@observatory/core';
import { searchLikePattern } from './search-fold.js';

/** A SQL condition with its parameters, numbered from `$1`. */
export interface SqlCondition {
  readonly where: string;
  readonly params: unknown[];
  /**
   * True when part of the query cannot be expressed in SQL with core's exact semantics (full-word and regex
   * search with JavaScript's Unicode word rules, variable search, contact substring): the rows SQL selects are
   * then candidates, and only those passing core's `compileSessionQuery` predicate match.
   */
  readonly residual: boolean;
  /**
   * True when the residual part is a `fullWord` search alone, which core's `compileSearch` can decide on the
   * row's folded `search_text` instead of its document (see `search-fold.ts` for why the answer is the same).
   */
  readonly confirmOnSearchText: boolean;
}

// Every other key of SessionQuery (search, contact, and any added later) is residual unless handled below.
const PUSHED_DOWN = new Set([
  'range',
  'agents',
  'deployments',
  'tags',
  'status',
  'lastActivityBefore',
  'contactId',
  'containsFallback',
  'containsFeedback',
  'containsLiveChat',
  'containsCSATSurvey',
  'csatStatuses',
  'sort',
]);

/**
 * Pushes a session query into SQL: organization, `createdAt` range (half-open), agents, deployments and tags
 * (any of), the contact id, status and last activity, the quick filters (columns the writes derive with core's
 * own predicates), and transcript search through the folded `search_text` (see `search-fold.ts`): exact for
 * `plain` terms, a necessary condition for `fullWord` ones, which core's predicate then confirms. The contract
 * tests check that these give the same sessions as core's `matchesSessionQuery`.
 *
 * @example
 * ```ts
 * const { where, params, residual } = sessionWhere('org-1', { agents: ['faq-bot'], containsFallback: true });
 * // residual === false: SQL alone answers, totals included
 * ```
 */
export function sessionWhere(orgId: string, query: SessionQuery): SqlCondition {
  const params: unknown[] = [orgId];
  const parts = ['org_id = $1'];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(params.length));
  };
  if (query.range) {
    add((n) => `created_at >= $${n}::timestamptz`, query.range.from);
    add((n) => `created_at < $${n}::timestamptz`, query.range.to);
  }
  if (query.agents) add((n) => `agent_id = ANY($${n}::text[])`, query.agents);
  if (query.deployments) add((n) => `deployment_id = ANY($${n}::text[])`, query.deployments);
  if (query.tags) add((n) => `tags && $${n}::text[]`, query.tags);
  if (query.status) add((n) => `doc ->> 'status' = $${n}`, query.status);
  if (query.contactId !== undefined) add((n) => `doc -> 'contact' ->> 'id' = $${n}`, query.contactId);
  // last_activity_at holds core's sessionLastActivity, in milliseconds as core compares it.
  if (query.lastActivityBefore) add((n) => `last_activity_at < $${n}::timestamptz`, query.lastActivityBefore);
  // A quick filter that is false does not filter (core's rule), so only `true` adds a condition.
  if (query.containsFallback) parts.push('has_fallback');
  if (query.containsFeedback) parts.push('has_feedback');
  if (query.containsLiveChat) parts.push('has_livechat');
  if (query.containsCSATSurvey) {
    parts.push('has_csat');
    if (query.csatStatuses?.length) add((n) => `csat_statuses && $${n}::text[]`, query.csatStatuses);
  }
  let searchInSql: 'exact' | 'candidates' | undefined;
  const { search } = query;
  if (search !== undefined && search.variable === undefined && search.mode !== 'regex') {
    const pattern = searchLikePattern(search.term);
    if (pattern !== undefined) {
      add((n) => `search_text LIKE $${n}`, pattern);
      searchInSql = search.mode === 'plain' ? 'exact' : 'candidates';
    }
  }
  const residualKeys = Object.entries(query)
    .filter(([key, value]) => value !== undefined && !PUSHED_DOWN.has(key))
    .map(([key]) => key)
    .filter((key) => !(key === 'search' && searchInSql === 'exact'));
  return {
    where: parts.join(' AND '),
    params,
    residual: residualKeys.length > 0,
    confirmOnSearchText:
      searchInSql === 'candidates' && residualKeys.length === 1 && residualKeys[0] === 'search',
  };
}
