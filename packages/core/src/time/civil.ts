// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), exact for any integer: no Date
// is involved, so no year is reinterpreted (Date.UTC maps 0–99 to 1900–1999) and no range limit applies.
// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms".

/** Milliseconds in a 24-hour day. */
export const DAY_MS = 86_400_000;

/**
 * A calendar date: `month` 1–12, `day` 1–31.
 *
 * @example
 * ```ts
 * const date: CivilDate = { year: 2026, month: 11, day: 25 };
 * ```
 */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The day number of a calendar date (0 is 1970-01-01); fields out of range roll over (month 13 is next January).
 *
 * @example
 * ```ts
 * daysFromCivil(1970, 1, 2); // 1
 * daysFromCivil(1916, 1, 1); // -19724
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const monthIndex = month - 1;
  const y = year + Math.floor(monthIndex / 12);
  const m = monthIndex - 12 * Math.floor(monthIndex / 12) + 1;
  const shifted = m <= 2 ? y - 1 : y;
  const era = Math.floor(shifted / 400);
  const yearOfEra = shifted - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The calendar date of a day number (0 is 1970-01-01).
 *
 * @example
 * ```ts
 * civilFromDays(-19724); // { year: 1916, month: 1, day: 1 }
 * ```
 */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * A day number as `YYYY-MM-DD`; years outside 0–9999 are signed and six digits, as in `Date#toISOString`.
 *
 * @example
 * ```ts
 * dayLabel(-19724); // '1916-01-01'
 * ```
 */
export function dayLabel(days: number): string {
  const { year, month, day } = civilFromDays(days);
  const yyyy =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, '0')
      : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
  return `${yyyy}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
