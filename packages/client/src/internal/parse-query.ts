import type { z } from 'zod';
import { resolveZonedRange, ZONED_RANGE_KEYS, type ZonedRangeQuery } from '../resources/zoned-range.js';
import { assertKnownKeys } from './known-keys.js';
import { parseInput } from './parse-input.js';

/**
 * Reads a caller's query object: refuses an unknown key (`agent` for `agents`) at any depth, resolves
 * `{ preset | from/to, timeZone }` to `range` by the client's clock, then validates it with `schema`.
 * `alsoKnown` are keys the caller took out before (paging, `include`).
 */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  query: ZonedRangeQuery & { readonly range?: unknown },
  root: string,
  now: () => Date,
  alsoKnown: readonly string[] = [],
): z.output<S> {
  assertKnownKeys(schema, query, root, [...alsoKnown, ...ZONED_RANGE_KEYS]);
  return parseInput(schema, resolveZonedRange(query, now, root), root);
}
