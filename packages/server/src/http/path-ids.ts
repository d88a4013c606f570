import { assertPathSegment, ObservatoryInputError } from '@observatory/core';
import type { MiddlewareHandler } from 'hono';
import type { ServerEnv } from './env.js';
import { OPERATIONS } from './openapi-operations.js';

// Each route template as segments: a literal, or `{ param }` for a path parameter.
const TEMPLATES = [...new Set(OPERATIONS.map((operation) => operation.path))].map((template) =>
  template.split('/').map((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment)?.[1];
    return param === undefined ? segment : { param };
  }),
);

/**
 * Refuses a request whose path holds an id of `''`, `.` or `..` (also percent-encoded, `%2E%2E`) with a 400
 * problem naming the route's parameter (`id`, `orgId`, `hbfEventId`). A URL parser resolves such segments
 * before routing (`…/chat-sessions/%2E%2E/tags` becomes `…/tags`), so the check reads the raw request line that
 * `@hono/node-server` passes along (`c.env.incoming.url`); on a host without it the router only ever sees
 * resolved paths. Such a segment where no route has a parameter is refused as `path`.
 *
 * @example
 * ```ts
 * app.use('*', pathIds());
 * ```
 */
export function pathIds(): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const raw = (c.env as { incoming?: { url?: unknown } } | undefined)?.incoming?.url;
    if (typeof raw === 'string') checkRawPath(raw);
    await next();
  };
}

function checkRawPath(raw: string): void {
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  // The root (the web pages' entry) has no segment at all.
  if (path === '/') return;
  const segments = path.split('/').map(decodeSegment);
  // Only a path with such a segment is looked at: the root's leading '' is not one.
  if (!segments.slice(1).some(isRouteChanging)) return;
  for (const template of TEMPLATES) {
    if (template.length !== segments.length) continue;
    const matches = template.every((part, index) => typeof part !== 'string' || part === segments[index]);
    if (!matches) continue;
    template.forEach((part, index) => {
      if (typeof part !== 'string') assertPathSegment(segments[index], part.param);
    });
  }
  throw new ObservatoryInputError(
    'path',
    'a path without empty, "." or ".." segments',
    raw.split(/[?#]/, 1)[0],
  );
}

function isRouteChanging(segment: string): boolean {
  return segment === '' || segment === '.' || segment === '..';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
