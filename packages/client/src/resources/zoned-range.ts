import {
  type DatePreset,
  type DateRange,
  InvalidDateRangeError,
  InvalidTimeZoneError,
  ObservatoryInputError,
  resolveDateRange,
} from '@observatory/core';

/**
 * A range asked for the way a person says it — a preset or calendar dates, in a time zone — accepted by
 * `sessions.list` / `iterate` / `export` and `missedQuestions.list` / `iterate` / `export` in place of `range`
 * (UTC instants). The client resolves it with core's `resolveDateRange`, by its clock (the `now` option).
 *
 * @example
 * ```ts
 * const page = await client.sessions.list({ preset: 'last7Days', timeZone: 'Europe/Athens', agents: ['faq-bot'] });
 * const november = await client.sessions.list({ from: '2026-11-01', to: '2026-11-30', timeZone: 'Europe/Athens' });
 * ```
 */
export interface ZonedRangeQuery {
  /** A named range (`today`, `yesterday`, `last7Days`, …) in `timeZone`, relative to the client's clock. */
  readonly preset?: DatePreset;
  /** Start: a calendar date `YYYY-MM-DD` (that local day's start), an ISO instant with an offset, or a Date. */
  readonly from?: string | Date;
  /** End: a calendar date is included whole (`to: '2026-11-30'` covers the 30th); left out, the range ends now. */
  readonly to?: string | Date;
  /** IANA zone the preset or the calendar dates are read in, e.g. `Europe/Athens`; required with any of them. */
  readonly timeZone?: string;
}

/** The keys of {@link ZonedRangeQuery}, read by the client before the rest of a query is parsed. */
export const ZONED_RANGE_KEYS: readonly string[] = ['preset', 'from', 'to', 'timeZone'];

/**
 * Replaces `preset` / `from` / `to` / `timeZone` in a query by the resolved `range` (UTC instants).
 *
 * @throws ObservatoryInputError naming `root.preset`, `root.from`, `root.range` or `root.timeZone` for a preset
 *   given with bounds, a range given twice, a missing zone or start; core's range and zone errors, under `root`.
 */
export function resolveZonedRange<Q extends ZonedRangeQuery & { readonly range?: unknown }>(
  query: Q,
  now: () => Date,
  root: string,
): Omit<Q, keyof ZonedRangeQuery> | (Omit<Q, keyof ZonedRangeQuery | 'range'> & { range: DateRange }) {
  const { preset, from, to, timeZone, ...rest } = query;
  if (preset === undefined && from === undefined && to === undefined) {
    if (timeZone !== undefined) {
      throw new ObservatoryInputError(
        `${root}.timeZone`,
        'a zone only together with preset or from/to',
        timeZone,
      );
    }
    return rest;
  }
  if (preset !== undefined && (from !== undefined || to !== undefined)) {
    throw new ObservatoryInputError(`${root}.preset`, 'either preset or from/to, not both', preset);
  }
  if (rest.range !== undefined) {
    throw new ObservatoryInputError(`${root}.range`, 'either range or preset/from/to, not both');
  }
  const asked = preset === undefined ? 'from/to' : 'preset';
  if (timeZone === undefined) {
    throw new ObservatoryInputError(
      `${root}.timeZone`,
      `an IANA time zone such as Europe/Athens to resolve ${asked} in`,
    );
  }
  if (preset === undefined && from === undefined) {
    throw new ObservatoryInputError(
      `${root}.from`,
      'a start (a date or an instant) to go with to',
      undefined,
    );
  }
  const clock = now();
  try {
    const range = resolveDateRange(
      preset === undefined ? { from: from as string | Date, to: to ?? clock } : { preset },
      { timeZone, now: clock },
    );
    return { ...rest, range };
  } catch (error) {
    throw underRoot(error, root);
  }
}

/** Core's range and zone errors name `from`, `preset`, `timeZone`: the caller's query names them `root.…`. */
function underRoot(error: unknown, root: string): unknown {
  if (error instanceof InvalidTimeZoneError)
    return new InvalidTimeZoneError(`${root}.${error.field}`, error.received);
  if (error instanceof InvalidDateRangeError) {
    return new InvalidDateRangeError(`${root}.${error.field}`, error.expected, error.received, {
      cause: error,
    });
  }
  if (error instanceof ObservatoryInputError) {
    return new ObservatoryInputError(`${root}.${error.field}`, error.expected, error.received, {
      cause: error,
    });
  }
  return error;
}
