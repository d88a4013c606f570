import { ObservatoryInputError } from '@observatory/core';

/**
 * Builds a URL path from a template, encoding every interpolated segment so an id can never add a `/`, `?` or
 * `..` of its own: path`/organizations/${orgId}/chat-sessions/${id}`. An empty id is refused: it would address
 * the collection instead of an item.
 */
export function path(strings: TemplateStringsArray, ...segments: readonly string[]): string {
  // reduce without a seed starts at index 1: segment `index - 1` sits before literal `index`.
  return strings.reduce((out, literal, index) => out + encodeSegment(segments[index - 1]) + literal);
}

function encodeSegment(segment: string | undefined): string {
  if (typeof segment !== 'string' || segment === '') {
    throw new ObservatoryInputError('id', 'a non-empty string', segment);
  }
  // `.` and `..` are kept literally by encodeURIComponent and would be resolved away by URL parsing.
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return encodeURIComponent(segment);
}
