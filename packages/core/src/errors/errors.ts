/**
 * Base class of every error `@observatory/core` throws. Each subclass names the field at fault.
 *
 * @example
 * ```ts
 * import { ObservatoryInputError, resolveDateRange } from '@observatory/core';
 * try {
 *   resolveDateRange({ preset: 'today' }, { timeZone: 'Mars/Olympus', now: new Date() });
 * } catch (error) {
 *   if (error instanceof ObservatoryInputError) console.error(error.field, error.expected);
 * }
 * ```
 */
export class ObservatoryInputError extends Error {
  override readonly name: string = 'ObservatoryInputError';
  /** Path of the offending input, e.g. `timeZone` or `range.from`. */
  readonly field: string;
  /** What was expected there, in words. */
  readonly expected: string;
  /** The value that was received (omitted when it could hold a secret). */
  readonly received: unknown;

  constructor(field: string, expected: string, received?: unknown, options?: { cause?: unknown }) {
    super(
      `Invalid ${field}: expected ${expected}${received === undefined ? '' : `, received ${describe(received)}`}`,
      options,
    );
    this.field = field;
    this.expected = expected;
    this.received = received;
  }
}

/**
 * Thrown when an IANA time zone name is not known to the runtime's `Intl` database.
 *
 * @example
 * ```ts
 * import { assertTimeZone, InvalidTimeZoneError } from '@observatory/core';
 * try { assertTimeZone('Europe/Atlantis'); } catch (e) { if (e instanceof InvalidTimeZoneError) console.log(e.field); }
 * ```
 */
export class InvalidTimeZoneError extends ObservatoryInputError {
  override readonly name = 'InvalidTimeZoneError';
  constructor(field: string, received: unknown) {
    super(field, 'an IANA time zone such as "Europe/Athens"', received);
  }
}

/**
 * Thrown when a date range is empty or reversed (`from` after `to`) or a bound is not a valid date.
 *
 * @example
 * ```ts
 * import { InvalidDateRangeError, resolveDateRange } from '@observatory/core';
 * try {
 *   resolveDateRange({ from: '2026-02-02', to: '2026-02-01' }, { timeZone: 'UTC', now: new Date() });
 * } catch (e) { if (e instanceof InvalidDateRangeError) console.log(e.field); } // "from"
 * ```
 */
export class InvalidDateRangeError extends ObservatoryInputError {
  override readonly name = 'InvalidDateRangeError';
}

/**
 * Thrown when a `regex` search pattern cannot be run by the linear-time RE2 engine: not RE2 syntax (for example
 * a backreference or lookaround, which RE2 does not have), or longer or larger than the bound on work per
 * character. Nested quantifiers such as `(a+)+$` are accepted: RE2 does not backtrack.
 *
 * @example
 * ```ts
 * import { compileSearch, UnsafePatternError } from '@observatory/core';
 * try {
 *   compileSearch({ term: '(\\w+) \\1', mode: 'regex' });
 * } catch (e) {
 *   // search.term: a regular expression in RE2 syntax, without backreferences or lookaround (invalid escape …
 *   if (e instanceof UnsafePatternError) console.log(`${e.field}: ${e.expected}`);
 * }
 * ```
 */
export class UnsafePatternError extends ObservatoryInputError {
  override readonly name = 'UnsafePatternError';
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
