import type { SessionQuery } from '@observatory/core';

/** A SQL condition with its parameters, numbered from `$1`. */
export interface SqlCondition {
  readonly where: string;
  readonly params: unknown[];
  /**
   * True when part of the query cannot be expressed in SQL with core's exact semantics (search with JavaScript
   * regex / Unicode word rules, contact substring, message categories, CSAT, LiveChat): those rows must also
   * pass core's `compileSessionQuery` predicate.
   */
  readonly residual: boolean;
}

// Every other key of SessionQuery (search, contact, contains*, csatStatuses, and any added later) is residual.
const PUSHED_DOWN = new Set([
  'range',
  'agents',
  'deployments',
  'tags',
  'status',
  'lastActivityBefore',
  'contactId',
  'sort',
]);

/**
 * Pushes the index-backed parts of a session query into SQL: organization, `createdAt` range (half-open),
 * agents, deployments and tags (any of), the contact id, and the status and last activity the session row holds. The contract tests check that these give the same sessions as core's
 * `matchesSessionQuery`.
 *
 * @example
 * ```ts
 * const { where, params } = sessionWhere('org-1', { agents: ['faq-bot'] });
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
  const residual = Object.entries(query).some(([key, value]) => value !== undefined && !PUSHED_DOWN.has(key));
  return { where: parts.join(' AND '), params, residual };
}
