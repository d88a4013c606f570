/**
 * A count with its noun in the singular or the plural, as the CLI and the pages print counts: `1 session`,
 * `2 sessions` (the plural defaults to the singular with an `s`).
 *
 * @example
 * ```ts
 * import { countLabel } from '@observatory/core';
 * countLabel(1, 'session'); // '1 session'
 * countLabel(135, 'session'); // '135 sessions'
 * countLabel(2, 'missed question'); // '2 missed questions'
 * ```
 */
export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
