import { ObservatoryInputError } from '@observatory/core';
import { z } from 'zod';

/**
 * Refuses a key the schema does not know, at any depth of plain (non-loose) objects, so a misspelled filter
 * (`agent` for `agents`) fails loudly instead of being dropped into an unfiltered result. `alsoKnown` are the
 * keys the caller reads itself before parsing (paging, `include`, `preset`…).
 *
 * @throws ObservatoryInputError naming the key's path, the keys expected there and the closest one.
 */
export function assertKnownKeys(
  schema: z.ZodType,
  value: unknown,
  root: string,
  alsoKnown: readonly string[] = [],
): void {
  const object = unwrap(schema);
  if (object instanceof z.ZodArray) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        assertKnownKeys(object.element as z.ZodType, item, `${root}.${index}`);
      });
    }
    return;
  }
  if (!(object instanceof z.ZodObject) || !isPlainObject(value)) return;
  // A loose object keeps unknown keys on purpose (wire-shaped input).
  if (object._zod.def.catchall !== undefined) return;
  const shape = object.shape as Record<string, z.ZodType>;
  const known = [...Object.keys(shape), ...alsoKnown];
  for (const key of Object.keys(value)) {
    const field = shape[key];
    if (field !== undefined) {
      assertKnownKeys(field, value[key], `${root}.${key}`);
    } else if (!alsoKnown.includes(key)) {
      const closest = closestKey(key, known);
      throw new ObservatoryInputError(
        `${root}.${key}`,
        `one of the keys ${known.join(', ')}${closest === undefined ? '' : ` (did you mean "${closest}"?)`}`,
      );
    }
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodNullable ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodReadonly
  ) {
    current = current._zod.def.innerType as z.ZodType;
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** The known key a typo most likely meant: a plural/singular or a near spelling (case-insensitive). */
function closestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) {
      best = { key: candidate, distance };
    }
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
