import type { Session } from '../model/session.js';
import type { SessionSort } from './session-query.js';

/**
 * Comparator for sessions: `createdAt` in the given order (default newest first), ties broken by `id` in the same
 * direction, so every sort is total and stable across pages.
 *
 * @example
 * ```ts
 * import { compareSessions } from '@observatory/core';
 * const oldestFirst = [...sessions].sort(compareSessions({ order: 'asc' }));
 * ```
 */
export function compareSessions(
  sort: Partial<SessionSort> = {},
): (a: Pick<Session, 'createdAt' | 'id'>, b: Pick<Session, 'createdAt' | 'id'>) => number {
  const direction = sort.order === 'asc' ? 1 : -1;
  return (a, b) => {
    const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
    if (byTime !== 0) return byTime * direction;
    return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * direction;
  };
}
