import { ObservatoryInputError } from '../errors/errors.js';

/**
 * Checks that an id can stand as one segment of a URL path. `''`, `.` and `..` cannot: URL parsing resolves
 * `.` and `..` (even percent-encoded as `%2E`) so they would address another route (`sessions.get('..')` →
 * `GET /organizations/{org}/`), and an empty segment addresses the collection instead of an item. Returns the id;
 * throws {@link ObservatoryInputError} naming `field` otherwise.
 *
 * @example
 * ```ts
 * import { assertPathSegment } from '@observatory/core';
 * assertPathSegment('s1', 'id'); // 's1'
 * assertPathSegment('..', 'id'); // throws ObservatoryInputError: Invalid id: expected a non-empty id other than "." and ".."
 * ```
 */
export function assertPathSegment(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw new ObservatoryInputError(field, 'a non-empty id other than "." and ".."', value);
  }
  return value;
}
