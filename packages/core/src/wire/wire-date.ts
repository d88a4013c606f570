import { z } from 'zod';

// RFC 3339 (JSON Schema's `date-time`) reads `T` and `Z` in either case; zod's ISO check wants them upper-case.
const IsoWithOffset = z.iso.datetime({ offset: true });

/**
 * A date-time as the platform sends it: RFC 3339 with an offset (`2026-11-25T10:00:00Z`,
 * `2020-07-08T17:13:03.157828+02:00`, `2026-11-25t10:00:00z`), kept as sent. Mappers normalise it to a UTC
 * instant (`toISOString()`).
 *
 * @example
 * ```ts
 * import { WireDateTime } from '@observatory/core';
 * WireDateTime.parse('2020-07-08T17:13:03.157828+02:00');
 * ```
 */
export const WireDateTime = z
  .string()
  .refine((value) => IsoWithOffset.safeParse(value.toUpperCase()).success, {
    message: 'Invalid ISO datetime',
    // What was expected, for a caller that words it (the client's errors): the format of z.iso.datetime.
    params: { format: 'datetime' },
  })
  .meta({ format: 'date-time' });
