import { InvalidTimeZoneError } from '../errors/errors.js';

// Building an Intl.DateTimeFormat costs tens of microseconds; trend bucketing validates once per instant, so
// zones already proven valid are remembered. Only valid names are stored, and there are a few hundred of them.
const knownZones = new Set<string>();

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
  if (knownZones.has(timeZone)) return;
  // An empty string would make Intl fall back to the host zone, which is not what a caller asked for.
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new InvalidTimeZoneError(field, timeZone);
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
  } catch {
    throw new InvalidTimeZoneError(field, timeZone);
  }
  knownZones.add(timeZone);
}
