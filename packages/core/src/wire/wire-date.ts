import { z } from 'zod';

/**
 * A date-time as the platform sends it: ISO 8601 with an offset (`2026-11-25T10:00:00Z`,
 * `2020-07-08T17:13:03.157828+02:00`). Mappers normalise it to a UTC instant (`toISOString()`).
 *
 * @example
 * ```ts
 * import { WireDateTime } from '@observatory/core';
 * WireDateTime.parse('2020-07-08T17:13:03.157828+02:00');
 * ```
 */
export const WireDateTime = z.iso.datetime({ offset: true });
