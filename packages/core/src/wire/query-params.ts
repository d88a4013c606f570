import { ObservatoryInputError } from '../errors/errors.js';
import { CsatStatus } from '../model/message.js';
import { SessionStatus } from '../model/session.js';
import { normalizePageRequest, type PageRequest } from '../query/page.js';
import type { SessionQuery, SessionSearch } from '../query/session-query.js';
import { WireDateTime } from './wire-date.js';

/**
 * Turns a core {@link SessionQuery} (and an optional page) into the platform's query parameters for
 * `GET /organizations/{orgId}/chat-sessions` and its export: startDate/endDate, tenantsFilter (comma-separated),
 * deploymentIds / tags / csatSurveysStatuses (repeated keys), contact, searchTerm with matchFullWord / isRegex /
 * searchByVariable + searchVariable, the `contains*` quick filters (sent only when true: false means "no filter",
 * as on the platform), sortBy/order (ASC|DESC), page/pageSize. `status` and `lastInteractionLessThan` (from
 * `lastActivityBefore`) are the published `GET /chat-sessions` filters, sent on these routes as local-server
 * extensions, as is `subscriberHandle` (from `contactId`, the contact of `listBySubscriberHandle_1`).
 *
 * @example
 * ```ts
 * import { sessionQueryToParams } from '@observatory/core';
 * sessionQueryToParams({ agents: ['a', 'b'], tags: ['x'], search: { term: 'refund', mode: 'fullWord' } }, { page: 1 }).toString();
 * // 'tenantsFilter=a%2Cb&tags=x&searchTerm=refund&matchFullWord=true&page=1&pageSize=20'
 * ```
 */
export function sessionQueryToParams(query: SessionQuery, page?: PageRequest): URLSearchParams {
  const params = new URLSearchParams();
  if (query.range) {
    params.set('startDate', query.range.from);
    params.set('endDate', query.range.to);
  }
  if (query.agents?.length) params.set('tenantsFilter', query.agents.join(','));
  for (const id of query.deployments ?? []) params.append('deploymentIds', id);
  if (query.contact !== undefined) params.set('contact', query.contact);
  if (query.contactId !== undefined) params.set('subscriberHandle', query.contactId);
  for (const tag of query.tags ?? []) params.append('tags', tag);
  if (query.search) appendSearch(params, query.search);
  for (const flag of QUICK_FILTERS) if (query[flag] === true) params.set(flag, 'true');
  for (const status of query.csatStatuses ?? []) params.append('csatSurveysStatuses', status);
  if (query.status !== undefined) params.set('status', query.status);
  if (query.lastActivityBefore !== undefined) params.set('lastInteractionLessThan', query.lastActivityBefore);
  if (query.sort) {
    params.set('sortBy', query.sort.by);
    params.set('order', query.sort.order === 'asc' ? 'ASC' : 'DESC');
  }
  if (page) {
    const normalized = normalizePageRequest(page);
    params.set('page', String(normalized.page));
    params.set('pageSize', String(normalized.pageSize));
  }
  return params;
}

/**
 * A query and page read back from wire parameters.
 *
 * @example
 * ```ts
 * import { type SessionQueryParams, sessionQueryFromParams } from '@observatory/core';
 * const params = new URLSearchParams('tenantsFilter=faq-bot&tags=billing&pageSize=50');
 * const { query, page }: SessionQueryParams = sessionQueryFromParams(params);
 * // query = { agents: ['faq-bot'], tags: ['billing'] }, page = { page: 0, pageSize: 50 }
 * ```
 */
export interface SessionQueryParams {
  readonly query: SessionQuery;
  readonly page: { page: number; pageSize: number };
}

/**
 * Reads the platform's session-list query parameters back into a core {@link SessionQuery} and page — the
 * inverse of {@link sessionQueryToParams}. Throws {@link ObservatoryInputError} whose `field` is the wire
 * parameter at fault (`startDate`, `order`, `pageSize`, …). tenantsFilter may be comma-separated or repeated.
 *
 * @example
 * ```ts
 * import { sessionQueryFromParams } from '@observatory/core';
 * const { query, page } = sessionQueryFromParams(new URLSearchParams('tenantsFilter=a,b&order=ASC&page=2'));
 * // query.agents = ['a', 'b'], query.sort = { by: 'createdAt', order: 'asc' }, page = { page: 2, pageSize: 20 }
 * ```
 */
export function sessionQueryFromParams(params: URLSearchParams): SessionQueryParams {
  const query: SessionQuery = {};
  const startDate = params.get('startDate');
  const endDate = params.get('endDate');
  if (startDate !== null || endDate !== null) {
    const from = readDate(params, 'startDate');
    const to = readDate(params, 'endDate');
    if (Date.parse(from) > Date.parse(to))
      throw new ObservatoryInputError('endDate', 'a date-time not before startDate', to);
    query.range = { from, to };
  }
  const agents = params
    .getAll('tenantsFilter')
    .flatMap((value) => value.split(','))
    .map((id) => id.trim());
  if (agents.some((id) => id !== '')) query.agents = agents.filter((id) => id !== '');
  const deployments = nonEmpty(params.getAll('deploymentIds'));
  if (deployments.length) query.deployments = deployments;
  const contact = params.get('contact');
  if (contact) query.contact = contact;
  const subscriberHandle = params.get('subscriberHandle');
  if (subscriberHandle) query.contactId = subscriberHandle;
  const tags = nonEmpty(params.getAll('tags'));
  if (tags.length) query.tags = tags;
  const search = readSearch(params);
  if (search) query.search = search;
  for (const flag of QUICK_FILTERS) if (readBoolean(params, flag)) query[flag] = true;
  const statuses = nonEmpty(params.getAll('csatSurveysStatuses'));
  if (statuses.length) {
    query.csatStatuses = statuses.map((status) => {
      const parsed = CsatStatus.safeParse(status);
      if (!parsed.success)
        throw new ObservatoryInputError('csatSurveysStatuses', 'PRESENTED or ANSWERED', status);
      return parsed.data;
    });
  }
  const status = params.get('status');
  if (status !== null && status !== '') {
    const parsed = SessionStatus.safeParse(status);
    if (!parsed.success) throw new ObservatoryInputError('status', 'ACTIVE or COMPLETED', status);
    query.status = parsed.data;
  }
  const lastInteractionLessThan = params.get('lastInteractionLessThan');
  if (lastInteractionLessThan !== null && lastInteractionLessThan !== '')
    query.lastActivityBefore = readDate(params, 'lastInteractionLessThan');
  const sortBy = params.get('sortBy');
  const order = params.get('order');
  if (sortBy !== null || order !== null) {
    if (sortBy !== null && sortBy !== 'createdAt')
      throw new ObservatoryInputError('sortBy', '"createdAt"', sortBy);
    const upper = order?.toUpperCase() ?? 'DESC';
    if (upper !== 'ASC' && upper !== 'DESC') throw new ObservatoryInputError('order', 'ASC or DESC', order);
    query.sort = { by: 'createdAt', order: upper === 'ASC' ? 'asc' : 'desc' };
  }
  return {
    query,
    page: normalizePageRequest({ page: readInt(params, 'page'), pageSize: readInt(params, 'pageSize') }),
  };
}

const QUICK_FILTERS = [
  'containsFallback',
  'containsFeedback',
  'containsCSATSurvey',
  'containsLiveChat',
] as const;

function appendSearch(params: URLSearchParams, search: SessionSearch): void {
  params.set('searchTerm', search.term);
  if (search.mode === 'fullWord') params.set('matchFullWord', 'true');
  if (search.mode === 'regex') params.set('isRegex', 'true');
  if (search.variable !== undefined) {
    params.set('searchByVariable', 'true');
    params.set('searchVariable', search.variable);
  }
}

function readSearch(params: URLSearchParams): SessionSearch | undefined {
  const term = params.get('searchTerm');
  const fullWord = readBoolean(params, 'matchFullWord');
  const regex = readBoolean(params, 'isRegex');
  const byVariable = readBoolean(params, 'searchByVariable');
  if (term === null || term === '') return undefined;
  if (term.length > 1000) throw new ObservatoryInputError('searchTerm', 'at most 1000 characters', term);
  if (fullWord && regex)
    throw new ObservatoryInputError('isRegex', 'not combined with matchFullWord=true', 'true');
  const search: SessionSearch = { term, mode: regex ? 'regex' : fullWord ? 'fullWord' : 'plain' };
  if (byVariable) {
    const variable = params.get('searchVariable');
    if (!variable)
      throw new ObservatoryInputError('searchVariable', 'a variable name when searchByVariable=true');
    search.variable = variable;
  }
  return search;
}

function readDate(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || !WireDateTime.safeParse(value).success) {
    throw new ObservatoryInputError(
      name,
      'an ISO 8601 date-time with offset, e.g. 2026-11-25T00:00:00Z',
      value ?? undefined,
    );
  }
  return new Date(value).toISOString();
}

function readBoolean(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ObservatoryInputError(name, 'true or false', value);
}

function readInt(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new ObservatoryInputError(name, 'a non-negative integer', value);
  return Number(value);
}

function nonEmpty(values: string[]): string[] {
  return values.filter((value) => value !== '');
}
