import { compileSearch, ObservatoryInputError, TagScope } from '@observatory/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { AuthError } from '../../errors.js';
import type { ObservatoryStore, OrganizationTag } from '../../store/store.js';
import type { ServerEnv } from '../env.js';
import { Key, readJson, StorableDateTime } from '../input.js';

// The published TagDto as a request: `createdAt` kept when given (an import), else the server's clock;
// `createdBy` is accepted and not stored (the local server's tokens name no user).
const TagBody = z.looseObject({ label: Key, scope: TagScope, createdAt: StorableDateTime.optional() });

/** A tag as the published `TagDto` answers it. */
const tagToWire = (tag: OrganizationTag) => ({
  label: tag.label,
  scope: tag.scope,
  ...(tag.createdAt === undefined ? {} : { createdAt: tag.createdAt }),
});

/** The `scope` query parameter: one of the spec's scopes, or absent for every scope. */
function readScope(params: URLSearchParams): TagScope | undefined {
  const raw = params.get('scope');
  if (raw === null || raw === '') return undefined;
  const parsed = TagScope.safeParse(raw);
  if (!parsed.success) throw new ObservatoryInputError('scope', `one of ${TagScope.options.join(', ')}`, raw);
  return parsed.data;
}

/**
 * The organization's tags (hbf-core `createTag`, `listTags_1`). Creating a tag needs a token of the whole
 * organization (an agent-scoped token is a 403: a tag is the organization's, not an agent's); creating one that
 * exists answers it as stored, so a retry changes nothing. The list holds the tags created and, as
 * `CHAT_SESSIONS` tags without `createdAt`, the other tags carried by the sessions the token may see; `scope`
 * narrows it to one scope, `search` to the labels holding the text (case-insensitive, as core's plain search).
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/tags', tagRoutes(store));
 * ```
 */
export function tagRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  app.post('/', async (c) => {
    const body = TagBody.parse(await readJson(c));
    const scope = c.get('scope');
    if (scope.agents !== undefined)
      throw new AuthError(403, 'Only a token of the whole organization may create its tags');
    const { tag } = await store.createTag(scope.organizationId, {
      label: body.label,
      scope: body.scope,
      createdAt: body.createdAt,
    });
    return c.json(tagToWire(tag), 201);
  });

  app.get('/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const tagScope = readScope(params);
    const search = params.get('search');
    const matches =
      search === null || search === '' ? undefined : compileSearch({ term: search, mode: 'plain' });
    const scope = c.get('scope');
    const tags = await store.listTags(scope.organizationId, { scope: tagScope, agents: scope.agents });
    return c.json(tags.filter((tag) => matches === undefined || matches(tag.label)).map(tagToWire));
  });

  return app;
}
