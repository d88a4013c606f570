import { z } from 'zod';
import { CsatStatus } from '../model/message.js';
import { SessionStatus } from '../model/session.js';

/**
 * How a search term matches: `plain` (case-insensitive substring), `fullWord` (case-insensitive, whole words
 * only), or `regex` (an RE2 regular expression, run in linear time, case-insensitive, length- and
 * size-limited).
 *
 * @example
 * ```ts
 * import { SearchMode, type SessionQueryInput } from '@observatory/core';
 * const mode: SearchMode = SearchMode.parse('regex');
 * const query: SessionQueryInput = { search: { term: 'ORD-[0-9]+', mode } };
 * ```
 */
export const SearchMode = z.enum(['plain', 'fullWord', 'regex']);
/** @see {@link SearchMode} */
export type SearchMode = z.infer<typeof SearchMode>;

/**
 * A search over message text or, with `variable`, over the value of one session variable.
 *
 * @example
 * ```ts
 * const byText: SessionSearch = { term: 'refund', mode: 'fullWord' };
 * const byVariable: SessionSearch = { term: 'ORD-1', variable: 'orderId' };
 * ```
 */
export const SessionSearch = z.object({
  term: z.string().min(1).max(1000),
  mode: SearchMode.default('plain'),
  /** Search this variable's value (latest snapshot) instead of the transcript. */
  variable: z.string().min(1).optional(),
});
/** @see {@link SessionSearch} */
export type SessionSearch = z.infer<typeof SessionSearch>;
/**
 * Input shape of {@link SessionSearch}.
 *
 * @example
 * ```ts
 * import { SessionSearch, type SessionSearchInput } from '@observatory/core';
 * const input: SessionSearchInput = { term: 'refund' };
 * SessionSearch.parse(input); // { term: 'refund', mode: 'plain' }
 * ```
 */
export type SessionSearchInput = z.input<typeof SessionSearch>;

/**
 * Sort order of session lists: by `createdAt`, ties broken by `id` in the same direction.
 *
 * @example
 * ```ts
 * import { SessionSort } from '@observatory/core';
 * const oldestFirst: SessionSort = SessionSort.parse({ order: 'asc' }); // { by: 'createdAt', order: 'asc' }
 * const page = await client.sessions.list({ agents: ['faq-bot'], sort: oldestFirst });
 * ```
 */
export const SessionSort = z.object({
  by: z.literal('createdAt').default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
/** @see {@link SessionSort} */
export type SessionSort = z.infer<typeof SessionSort>;

/**
 * Which sessions to list or export: every field narrows the result (AND); list fields match any of their values
 * (OR). `range` is a resolved {@link DateRange} on `createdAt`.
 *
 * @example
 * ```ts
 * import { SessionQuery, resolveDateRange } from '@observatory/core';
 * const query = SessionQuery.parse({
 *   range: resolveDateRange({ preset: 'last7Days' }, { timeZone: 'Europe/Athens', now: new Date() }),
 *   agents: ['faq-bot'], tags: ['billing'], search: { term: 'refund' }, containsLiveChat: true,
 * });
 * ```
 */
export const SessionQuery = z.object({
  range: z
    .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
    .optional(),
  /** Agent (tenant) ids. */
  agents: z.array(z.string().min(1)).optional(),
  /** Deployment ids. */
  deployments: z.array(z.string().min(1)).optional(),
  /** Contact id (subscriber handle), name or email: case-insensitive substring. */
  contact: z.string().min(1).optional(),
  /** Contact id (subscriber handle), exactly: the sessions of one contact. */
  contactId: z.string().min(1).optional(),
  /** Sessions carrying at least one of these tags. */
  tags: z.array(z.string().min(1)).optional(),
  search: SessionSearch.optional(),
  /** At least one message in the `FALLBACK` category. */
  containsFallback: z.boolean().optional(),
  /** At least one message in the `FEEDBACK` category. */
  containsFeedback: z.boolean().optional(),
  /** At least one CSAT survey (with a status in `csatStatuses`, when given). */
  containsCSATSurvey: z.boolean().optional(),
  csatStatuses: z.array(CsatStatus).optional(),
  /** At least one LiveChat handoff (a LiveChat event or conversation). */
  containsLiveChat: z.boolean().optional(),
  /** Lifecycle status (`ACTIVE` or `COMPLETED`). */
  status: SessionStatus.optional(),
  /** Last active (see `sessionLastActivity`) strictly before this instant. */
  lastActivityBefore: z.iso.datetime({ offset: true }).optional(),
  sort: SessionSort.optional(),
});
/** @see {@link SessionQuery} */
export type SessionQuery = z.infer<typeof SessionQuery>;
/**
 * Input shape of {@link SessionQuery}.
 *
 * @example
 * ```ts
 * import { SessionQuery, type SessionQueryInput } from '@observatory/core';
 * const input: SessionQueryInput = {
 *   agents: ['faq-bot'], search: { term: 'refund' }, sort: { order: 'asc' },
 * };
 * const query: SessionQuery = SessionQuery.parse(input); // search.mode 'plain', sort.by 'createdAt'
 * ```
 */
export type SessionQueryInput = z.input<typeof SessionQuery>;
