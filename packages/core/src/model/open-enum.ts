import { z } from 'zod';

/**
 * An enum the platform may extend: accepts the known values and any other string, typed
 * `Known | (string & {})` so editors still suggest the known values and an unknown one is kept, not refused.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { openEnum } from '@observatory/core';
 * const Status = openEnum(z.enum(['PRESENTED', 'ANSWERED']));
 * Status.parse('SKIPPED'); // 'SKIPPED': kept as sent
 * ```
 */
export function openEnum<E extends z.ZodEnum>(known: E): z.ZodType<z.output<E> | (string & {}), string> {
  return z.union([known, z.string()]) as unknown as z.ZodType<z.output<E> | (string & {}), string>;
}
