import { DAY_MS, daysFromCivil } from './civil.js';
import { zoneFormatter } from './time-zone.js';

/**
 * A bound on the UTC offset of every zone at every instant, with room to spare: the widest in the IANA database
 * are local mean times of the 19th century (Asia/Manila −15:56:00, America/Sitka +14:58:47).
 */
export const MAX_ZONE_OFFSET_MS = 18 * 3_600_000;

// The instants a Date can hold; Intl refuses any other.
const LAST_INSTANT_MS = 8.64e15;

/**
 * The UTC offset of `timeZone` at `epochMs`, in milliseconds (wall clock minus UTC), to the second: local mean
 * times such as Athens's +1:34:52 (until 1916) keep their seconds. Read from `Intl`, so it follows the runtime's
 * IANA database (proleptic Gregorian, as ECMAScript requires).
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * zoneOffset(Date.parse('1915-12-31T22:00:00Z'), 'Europe/Athens'); // 5_692_000 (+1:34:52)
 * ```
 */
export function zoneOffset(epochMs: number, timeZone: string): number {
  // Offsets are whole seconds; past the last instant a Date holds, the offset there stands.
  const seconds = Math.floor(Math.min(Math.max(epochMs, -LAST_INSTANT_MS), LAST_INSTANT_MS) / 1000);
  let era = 'AD';
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of zoneFormatter(timeZone).formatToParts(seconds * 1000)) {
    if (part.type === 'era') era = part.value;
    else if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  // Intl counts years before 1 AD from 1 BC backwards; astronomical year numbering has a year 0.
  const astronomicalYear = era === 'BC' ? 1 - year : year;
  const wall =
    daysFromCivil(astronomicalYear, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
  return wall - seconds * 1000;
}
