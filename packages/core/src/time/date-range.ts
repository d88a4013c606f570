import { z } from 'zod';

/**
 * Named ranges, resolved in the viewer's time zone. `last7Days` and `last30Days` include today; `thisWeek` and
 * `thisMonth` end with today; weeks start on Monday (ISO 8601), so `lastWeek` is the previous Monday to Sunday;
 * `lastMonth` is the whole previous calendar month. See `resolveDateRange` for the exact bounds.
 *
 * @example
 * ```ts
 * import { DatePreset, resolveDateRange } from '@observatory/core';
 * const preset: DatePreset = DatePreset.parse('last7Days');
 * const range = resolveDateRange({ preset }, { timeZone: 'Europe/Athens', now: new Date() });
 * ```
 */
export const DatePreset = z.enum([
  'today',
  'yesterday',
  'last7Days',
  'last30Days',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
]);
/** @see {@link DatePreset} */
export type DatePreset = z.infer<typeof DatePreset>;

/**
 * A resolved, half-open range of UTC instants: `from <= t < to`, both ISO-8601 strings ending in `Z`.
 *
 * @example
 * ```ts
 * const range: DateRange = { from: '2026-11-24T22:00:00.000Z', to: '2026-11-25T22:00:00.000Z' };
 * ```
 */
export interface DateRange {
  readonly from: string;
  readonly to: string;
}

/**
 * What a user asks for: a preset, or explicit bounds. A bound given as a calendar date (`2026-11-25`) means that
 * whole local day (so `to: '2026-11-25'` includes the 25th); a bound with a time is taken as that instant.
 *
 * @example
 * ```ts
 * const lastWeek: DateRangeInput = { preset: 'last7Days' };
 * const november: DateRangeInput = { from: '2026-11-01', to: '2026-11-30' };
 * ```
 */
export type DateRangeInput =
  | { readonly preset: DatePreset }
  | { readonly from: string | Date; readonly to: string | Date };

/**
 * The clock and zone a range is resolved in: both are inputs, never read inside core.
 *
 * @example
 * ```ts
 * import { type DateRangeContext, resolveDateRange } from '@observatory/core';
 * const context: DateRangeContext = { timeZone: 'Europe/Athens', now: new Date('2026-11-25T10:00:00Z') };
 * resolveDateRange({ preset: 'today' }, context);
 * // { from: '2026-11-24T22:00:00.000Z', to: '2026-11-25T22:00:00.000Z' }
 * ```
 */
export interface DateRangeContext {
  /** IANA time zone of the viewer, e.g. `Europe/Athens`. */
  readonly timeZone: string;
  /** The current instant. */
  readonly now: Date;
}
