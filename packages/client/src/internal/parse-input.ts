import { ObservatoryInputError } from '@observatory/core';
import type { z } from 'zod';

/** Validates caller input with a core schema; the first issue becomes an ObservatoryInputError naming its path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [root, ...(issue?.path ?? []).map(String)].join('.');
  throw new ObservatoryInputError(field, issue?.message ?? 'a valid value', undefined, {
    cause: parsed.error,
  });
}
