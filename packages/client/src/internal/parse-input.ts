import { ObservatoryInputError } from '@observatory/core';
import type { z } from 'zod';
import { describeExpected, valueAt } from './describe-issue.js';

/**
 * Validates caller input with a core schema; the first issue becomes an ObservatoryInputError naming its path,
 * what was expected there in words, and the value given (`Invalid query.range.from: expected an ISO 8601
 * date-time …, received "yesterday"`).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue === undefined)
    throw new ObservatoryInputError(root, 'a valid value', undefined, { cause: parsed.error });
  const field = [root, ...issue.path.map(String)].join('.');
  throw new ObservatoryInputError(field, describeExpected(issue), valueAt(value, issue.path), {
    cause: parsed.error,
  });
}
