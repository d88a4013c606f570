import type { DateRange, DateRangeContext, DateRangeInput } from './date-range.js';

/**
 * Resolves a preset or explicit bounds to a half-open UTC range in the viewer's zone, DST-correct.
 * Throws InvalidTimeZoneError (field `timeZone`) or InvalidDateRangeError (field `from`/`to`).
 */
export function resolveDateRange(input: DateRangeInput, context: DateRangeContext): DateRange {
  throw new Error("not implemented yet");
}

/** Throws InvalidTimeZoneError naming `field` unless `timeZone` is a known IANA zone. */
export function assertTimeZone(timeZone: string, field = 'timeZone'): void {
  throw new Error("not implemented yet");
}
