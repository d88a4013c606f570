import type { z } from 'zod';

const FORMATS: Readonly<Record<string, string>> = {
  datetime: 'an ISO 8601 date-time with Z or an offset, such as 2026-11-01T09:30:00Z',
  date: 'a date as YYYY-MM-DD',
  email: 'an email address',
  url: 'a URL',
  uuid: 'a UUID',
};

const A: Readonly<Record<string, string>> = { array: 'an array', object: 'an object', int: 'an integer' };

/**
 * What a zod issue expected, in words a caller reads after "expected": `an ISO 8601 date-time …`,
 * `one of "asc", "desc"`, `a string of at least 1 character` — never zod's own `Invalid ISO datetime`.
 */
export function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return A[issue.expected] ?? `a ${issue.expected}`;
    case 'invalid_format':
      return FORMATS[issue.format] ?? `a ${issue.format}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0])
        : `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return bound(issue.origin, 'at least', issue.minimum, issue.inclusive);
    case 'too_big':
      return bound(issue.origin, 'at most', issue.maximum, issue.inclusive);
    case 'custom': {
      // A refinement standing for a format (core's WireDateTime) says which in its params; an issue re-raised
      // from an inner parse (core's list readers) carries the original.
      const { format, issue: original } = issue.params ?? {};
      if (typeof format === 'string' && FORMATS[format] !== undefined) return FORMATS[format];
      if (isIssue(original)) return describeExpected(original);
      return issue.message;
    }
    case 'invalid_union': {
      const first = issue.errors[0]?.[0];
      return first === undefined ? 'a valid value' : describeExpected(first);
    }
    default:
      return issue.message;
  }
}

function isIssue(value: unknown): value is z.core.$ZodIssue {
  return (
    typeof value === 'object' && value !== null && 'code' in value && 'path' in value && 'message' in value
  );
}

function bound(origin: string, limit: string, value: number | bigint, inclusive = true): string {
  const comparison = inclusive ? limit : limit === 'at least' ? 'more than' : 'less than';
  switch (origin) {
    case 'string':
      return `a string of ${comparison} ${value} character${value === 1 || value === 1n ? '' : 's'}`;
    case 'array':
    case 'set':
      return `an ${origin} of ${comparison} ${value} item${value === 1 || value === 1n ? '' : 's'}`;
    default:
      return `a number of ${comparison} ${value}`;
  }
}

/**
 * An issue as the end of a sentence: `expected …` where there are words for what was expected, else the issue's
 * own message (a custom check that says what went wrong, such as a body that is not JSON).
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const expected = describeExpected(issue);
  return issue.code === 'custom' && expected === issue.message ? expected : `expected ${expected}`;
}

/** The value at `path` inside `value`, or undefined where the path leaves it. */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
