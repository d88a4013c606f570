import { ObservatoryInputError } from '../errors/errors.js';

/**
 * One page of a list: the platform's `{ items, page, pageSize, total }`, `page` counted from 0.
 *
 * @example
 * ```ts
 * const page: Page<string> = { items: ['a', 'b'], page: 0, pageSize: 2, total: 5 };
 * ```
 */
export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/**
 * A page request: `page` from 0 (default 0), `pageSize` from 1 to {@link MAX_PAGE_SIZE} (default 20), as on the platform.
 *
 * @example
 * ```ts
 * const second: PageRequest = { page: 1, pageSize: 50 };
 * ```
 */
export interface PageRequest {
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

/**
 * Default page size, as on the platform.
 *
 * @example
 * ```ts
 * import { DEFAULT_PAGE_SIZE } from '@observatory/core';
 * console.log(DEFAULT_PAGE_SIZE); // 20
 * ```
 */
export const DEFAULT_PAGE_SIZE = 20;
/**
 * Largest page size accepted: bounds the work one request can ask for.
 *
 * @example
 * ```ts
 * import { MAX_PAGE_SIZE } from '@observatory/core';
 * console.log(MAX_PAGE_SIZE); // 1000
 * ```
 */
export const MAX_PAGE_SIZE = 1000;

/**
 * Validates a page request and fills in the defaults. Throws {@link ObservatoryInputError} naming `page` or
 * `pageSize` when out of range.
 *
 * @example
 * ```ts
 * import { normalizePageRequest } from '@observatory/core';
 * normalizePageRequest({ page: 2 }); // { page: 2, pageSize: 20 }
 * ```
 */
export function normalizePageRequest(request: PageRequest = {}): { page: number; pageSize: number } {
  const page = request.page ?? 0;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isSafeInteger(page) || page < 0)
    throw new ObservatoryInputError('page', 'an integer >= 0', page);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ObservatoryInputError('pageSize', `an integer from 1 to ${MAX_PAGE_SIZE}`, pageSize);
  }
  return { page, pageSize };
}

/**
 * Cuts one page out of an already filtered and sorted array.
 *
 * @example
 * ```ts
 * import { paginate } from '@observatory/core';
 * paginate(['a', 'b', 'c'], { page: 1, pageSize: 2 }); // { items: ['c'], page: 1, pageSize: 2, total: 3 }
 * ```
 */
export function paginate<T>(items: readonly T[], request?: PageRequest): Page<T> {
  const { page, pageSize } = normalizePageRequest(request);
  const start = page * pageSize;
  return { items: items.slice(start, start + pageSize), page, pageSize, total: items.length };
}
