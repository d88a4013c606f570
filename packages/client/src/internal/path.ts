/**
 * Builds a URL path from a template, encoding every interpolated segment so an id can never add a `/`, `?` or
 * `..` of its own: path`/organizations/${orgId}/chat-sessions/${id}`.
 */
export function path(strings: TemplateStringsArray, ...segments: readonly string[]): string {
  return strings.reduce((out, literal, index) => {
    const segment = segments[index - 1];
    return out + (segment === undefined ? '' : encodeSegment(segment)) + literal;
  });
}

function encodeSegment(segment: string): string {
  // `.` and `..` are kept literally by encodeURIComponent and would be resolved away by URL parsing.
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return encodeURIComponent(segment);
}
