import { DatePreset, type DateRange, ObservatoryInputError, resolveDateRange } from '@observatory/core';
import { readAgents, readTimeZone } from '../http/params.js';
import { readLocalDateRange } from '../http/routes/analytics.js';

/** The range a page shows when its URL names none. */
const DEFAULT_PRESET: DatePreset = 'last30Days';

/**
 * Names of the shared filters (range, zone, agent), carried by every link and form of the pages.
 *
 * @example
 * ```ts
 * SHARED_FILTER_NAMES.includes('timeZone'); // true
 * ```
 */
export const SHARED_FILTER_NAMES: readonly string[] = [
  'preset',
  'startDate',
  'endDate',
  'timeZone',
  'tenantsFilter',
];

/**
 * The filters shared by every page (date range, time zone, agent), read from the page's URL.
 *
 * @example
 * ```ts
 * const filters: PageFilters = readPageFilters(new URLSearchParams('preset=today&timeZone=Europe/Athens'), new Date());
 * ```
 */
export interface PageFilters {
  /** IANA zone every date of the page is shown in. */
  readonly timeZone: string;
  readonly preset: DatePreset | 'custom';
  /** The From / To fields as typed (custom ranges only, else `''`). */
  readonly startDate: string;
  readonly endDate: string;
  /** The resolved half-open UTC range. */
  readonly range: DateRange;
  /** The agent field as typed. */
  readonly agent: string;
  readonly agents: readonly string[];
}

/**
 * Reads the shared filters of a page URL: `preset` (default `last30Days`; `custom`, or none with `startDate`/
 * `endDate` given, takes the dates; `startDate` alone runs until `now`, `endDate` alone is refused), `timeZone` (default UTC) and `tenantsFilter`, with the API's own readers
 * (`readTimeZone`, `readLocalDateRange`, `readAgents`) and core's `resolveDateRange`; errors name the parameter.
 *
 * @example
 * ```ts
 * readPageFilters(new URLSearchParams('preset=custom&startDate=2026-11-01&endDate=2026-11-30'), new Date()).range;
 * // { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }
 * ```
 */
export function readPageFilters(params: URLSearchParams, now: Date): PageFilters {
  const timeZone = readTimeZone(params, false) ?? 'UTC';
  const startDate = params.get('startDate') ?? '';
  const endDate = params.get('endDate') ?? '';
  const presetParam = params.get('preset') || (startDate || endDate ? 'custom' : DEFAULT_PRESET);
  const agents = readAgents(params) ?? [];
  const agent = agents.join(',');
  if (presetParam === 'custom') {
    const range = readLocalDateRange(untilNow(params, startDate, endDate, now), timeZone);
    return { timeZone, preset: 'custom', startDate, endDate, range, agent, agents };
  }
  const preset = DatePreset.safeParse(presetParam);
  if (!preset.success)
    throw new ObservatoryInputError(
      'preset',
      `one of ${DatePreset.options.join(', ')} or custom`,
      presetParam,
    );
  const range = resolveDateRange({ preset: preset.data }, { timeZone, now });
  return { timeZone, preset: preset.data, startDate: '', endDate: '', range, agent, agents };
}

/**
 * A From date alone runs until now, as the CLI's `--from` alone does: the API's parser then reads the range with
 * `now` as its end. A To date alone is refused, named as such.
 */
function untilNow(params: URLSearchParams, startDate: string, endDate: string, now: Date): URLSearchParams {
  if (endDate !== '') {
    if (startDate === '')
      throw new ObservatoryInputError(
        'startDate',
        'a From date (startDate) with the To date (endDate); a From date alone runs until now',
      );
    return params;
  }
  if (startDate === '') return params;
  const withEnd = new URLSearchParams(params);
  withEnd.set('endDate', now.toISOString());
  return withEnd;
}

/**
 * The API's query for a page URL: the page's own parameters with the range resolved to instants, so the API's
 * parsers (`sessionQueryFromParams`, `readMissedQuestionFilter`, …) read it as they read an API request.
 *
 * @example
 * ```ts
 * apiParams(url.searchParams, filters).get('startDate'); // '2026-11-01T00:00:00.000Z'
 * ```
 */
export function apiParams(params: URLSearchParams, filters: PageFilters): URLSearchParams {
  const api = new URLSearchParams(params);
  api.delete('preset');
  api.set('startDate', filters.range.from);
  api.set('endDate', filters.range.to);
  api.set('timeZone', filters.timeZone);
  return api;
}

/**
 * The shared filters of a page URL as query parameters, for links between pages; `extra` adds or replaces some.
 *
 * @example
 * ```ts
 * `/sessions/${id}?${sharedQuery(url.searchParams)}`;
 * ```
 */
export function sharedQuery(params: URLSearchParams, extra: Record<string, string> = {}): string {
  const shared = new URLSearchParams();
  for (const name of SHARED_FILTER_NAMES) {
    const value = params.get(name);
    if (value) shared.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) shared.set(name, value);
  return shared.toString();
}

/**
 * A page URL's query with some parameters replaced (`''` removes one): sorting and paging links.
 *
 * @example
 * ```ts
 * withParams(url.searchParams, { page: '2' }); // 'preset=today&page=2'
 * ```
 */
export function withParams(params: URLSearchParams, changes: Record<string, string>): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') next.delete(name);
    else next.set(name, value);
  }
  return next.toString();
}
