import { InvalidDateRangeError } from '../errors/errors.js';
import { formatLocalDateTime } from '../export/local-time.js';
import { dayLabel } from '../time/civil.js';
import type { DateRange } from '../time/date-range.js';
import { localDayOf } from '../time/local-day.js';
import { assertTimeZone } from '../time/time-zone.js';

function instant(value: string, field: 'range.from' | 'range.to'): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidDateRangeError(field, 'an ISO-8601 instant', value);
  return ms;
}

/**
 * A resolved range as a person typed it, in local dates and times of the zone it was given in, with an
 * inclusive end: `2026-11-01 – 2026-11-30 (Europe/Athens)` when both bounds are local midnights (whole days;
 * the end is the last day included), otherwise `2026-11-01 09:00 – 2026-11-01 17:30 (Europe/Athens)` (the end
 * instant itself; seconds shown when a bound has them).
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone; InvalidDateRangeError (field
 *   `range.from` / `range.to`) for a bound that is not an instant.
 * @example
 * ```ts
 * import { formatDateRange, resolveDateRange } from '@observatory/core';
 * const range = resolveDateRange({ from: '2026-11-01', to: '2026-11-30' }, { timeZone: 'Europe/Athens', now: new Date() });
 * formatDateRange(range, 'Europe/Athens'); // '2026-11-01 – 2026-11-30 (Europe/Athens)'
 * ```
 */
export function formatDateRange(range: DateRange, timeZone: string): string {
  assertTimeZone(timeZone, 'timeZone');
  const from = instant(range.from, 'range.from');
  const to = instant(range.to, 'range.to');
  const first = localDayOf(from, timeZone);
  const end = localDayOf(to, timeZone);
  if (first.start === from && end.start === to && end.day > first.day) {
    return `${dayLabel(first.day)} – ${dayLabel(end.day - 1)} (${timeZone})`;
  }
  const fromText = formatLocalDateTime(new Date(from).toISOString(), timeZone);
  const toText = formatLocalDateTime(new Date(to).toISOString(), timeZone);
  const withSeconds =
    !fromText.endsWith(':00') || !toText.endsWith(':00') || from % 1000 !== 0 || to % 1000 !== 0;
  const cut = (text: string) => (withSeconds ? text : text.slice(0, -3));
  return `${cut(fromText)} – ${cut(toText)} (${timeZone})`;
}

/**
 * The filters an empty result was asked with, for {@link emptySessionsHint} and {@link emptyMissedQuestionsHint}.
 *
 * @example
 * ```ts
 * const filters: EmptyHintFilters = { range, timeZone: 'Europe/Athens', agents: ['faq-bot'], others: ['tag', 'search'] };
 * ```
 */
export interface EmptyHintFilters {
  readonly range: DateRange;
  /** The zone the range was given in. */
  readonly timeZone: string;
  /** The agent filter; all agents when empty or omitted. */
  readonly agents?: readonly string[];
  /** Names of the other filters in force (`tag`, `search`, `status`…), added to the advice. */
  readonly others?: readonly string[];
}

function hint(what: string, filters: EmptyHintFilters): string {
  const agents = filters.agents ?? [];
  const scope =
    agents.length === 0 ? '' : ` for ${agents.length === 1 ? 'agent' : 'agents'} ${agents.join(', ')}`;
  const filterNames = [...(agents.length > 0 ? ['agent'] : []), ...(filters.others ?? [])];
  // 'range', 'range and agent filter', 'range, agent and tag filters'.
  const checks =
    filterNames.length === 0
      ? 'range'
      : `${['range', ...filterNames.slice(0, -1)].join(', ')} and ${filterNames[filterNames.length - 1] as string} ${filterNames.length === 1 ? 'filter' : 'filters'}`;
  return `No ${what} in ${formatDateRange(filters.range, filters.timeZone)}${scope}: check the ${checks}.`;
}

/**
 * The product page's advice for an empty session list: the range in the zone it was given in, the agents, and
 * which filters to check.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { emptySessionsHint } from '@observatory/core';
 * emptySessionsHint({ range, timeZone: 'Europe/Athens', agents: ['faq-bot'] });
 * // 'No sessions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agent faq-bot: check the range and agent filter.'
 * ```
 */
export function emptySessionsHint(filters: EmptyHintFilters): string {
  return hint('sessions', filters);
}

/**
 * The advice for an empty Missed Questions table, worded as {@link emptySessionsHint}.
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { emptyMissedQuestionsHint } from '@observatory/core';
 * emptyMissedQuestionsHint({ range, timeZone: 'Europe/Athens', agents: ['faq-bot'] });
 * // 'No missed questions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agent faq-bot: check the range and agent filter.'
 * ```
 */
export function emptyMissedQuestionsHint(filters: EmptyHintFilters): string {
  return hint('missed questions', filters);
}
