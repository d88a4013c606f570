import { InvalidTimeZoneError } from '../errors/errors.js';

// Building an Intl.DateTimeFormat costs tens of microseconds, and bucketing reads a zone's offset many times, so
// each valid zone's formatter is kept. Intl takes a name in any letter case, so a caller could send endless
// spellings: the cache is emptied when it reaches this size (the IANA database has about 600 names).
const MAX_CACHED_ZONES = 2_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Throws {@link InvalidTimeZoneError} naming `field` unless `timeZone` is an IANA zone the runtime knows.
 *
 * @param timeZone - The zone to check, e.g. `Europe/Athens` (also accepts `UTC` and fixed offsets like `+02:00`
 *   where the runtime's `Intl` does).
 * @param field - The input path reported in the error.
 * @example
 * ```ts
 * import { assertTimeZone } from '@observatory/core';
 * assertTimeZone('Europe/Athens'); // ok
 * assertTimeZone('Mars/Olympus', 'tz'); // throws InvalidTimeZoneError, error.field === 'tz'
 * ```
 */
export function assertTimeZone(timeZone: string, field = 'timeZone'): void {
  zoneFormatter(timeZone, field);
}

/**
 * The formatter that reads wall-clock fields (era, year, month, day, hour, minute, second) of an instant in
 * `timeZone`, validated and cached.
 *
 * @throws InvalidTimeZoneError naming `field` for an unknown zone.
 * @example
 * ```ts
 * zoneFormatter('Europe/Athens').formatToParts(0); // [{ type: 'month', value: '1' }, …]
 * ```
 */
export function zoneFormatter(timeZone: string, field = 'timeZone'): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  // An empty string would make Intl fall back to the host zone, which is not what a caller asked for.
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new InvalidTimeZoneError(field, timeZone);
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new InvalidTimeZoneError(field, timeZone);
  }
  if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
  formatters.set(timeZone, formatter);
  return formatter;
}
