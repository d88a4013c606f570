import { assertPathSegment } from '@observatory/core';

/**
 * Builds a URL path from a template, encoding every interpolated segment so an id can never add a `/` or `?` of
 * its own: path`/organizations/${orgId}/chat-sessions/${id}`. An id that is `''`, `.` or `..` is refused with an
 * ObservatoryInputError before any request (see `assertPathSegment`): it would address another route. The field
 * named is `organizationId` for the segment after `/organizations/` or `/orgs/`, else `id`.
 */
export function path(strings: TemplateStringsArray, ...segments: readonly string[]): string {
  // reduce without a seed starts at index 1: segment `index - 1` sits before literal `index`.
  return strings.reduce((out, literal, index) => {
    const field = /\/(organizations|orgs)\/$/.test(out) ? 'organizationId' : 'id';
    return out + encodeURIComponent(assertPathSegment(segments[index - 1], field)) + literal;
  });
}
