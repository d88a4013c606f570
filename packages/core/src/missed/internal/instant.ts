import { InvalidDateRangeError, ObservatoryInputError } from '../../errors/errors.js';
import type { DateRange } from '../../time/date-range.js';

/** A range as canonical ISO strings (`YYYY-MM-DDTHH:mm:ss.sssZ`), so bounds compare as plain strings. */
export interface CanonicalRange {
  readonly from: string;
  readonly to: string;
}

const CANONICAL_LENGTH = 24;
const CHAR_Z = 90;
const CHAR_T = 84;
const CHAR_DOT = 46;

/**
 * The instant as a canonical UTC ISO string. Canonical strings of four-digit years sort like the instants they
 * name, which lets the grouping loop compare strings instead of parsing a date per occurrence; the common case
 * (already canonical, as the platform and `toISOString` write them) returns the input untouched. `index` is the
 * position of the occurrence in the input, named by the error (the field name is built only when throwing, as
 * this runs once per occurrence).
 */
export function canonicalInstant(value: string, index: number): string {
  if (
    value.length === CANONICAL_LENGTH &&
    value.charCodeAt(23) === CHAR_Z &&
    value.charCodeAt(10) === CHAR_T &&
    value.charCodeAt(19) === CHAR_DOT
  ) {
    return value;
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new ObservatoryInputError(`occurrences[${index}].occurredAt`, 'an ISO-8601 instant', value);
  }
  return new Date(time).toISOString();
}

/** Validates a half-open range and returns its bounds in canonical form; undefined stays undefined. */
export function canonicalRange(range: DateRange | undefined): CanonicalRange | undefined {
  if (range === undefined) return undefined;
  const from = canonicalRangeBound(range.from, 'range.from');
  const to = canonicalRangeBound(range.to, 'range.to');
  if (from > to) throw new InvalidDateRangeError('range.from', 'an instant not after range.to', range.from);
  return { from, to };
}

function canonicalRangeBound(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new InvalidDateRangeError(field, 'an ISO-8601 instant', value);
  return new Date(time).toISOString();
}

/** True when a canonical instant lies in the half-open range (always, without a range). */
export function isInRange(instant: string, range: CanonicalRange | undefined): boolean {
  return range === undefined || (instant >= range.from && instant < range.to);
}
