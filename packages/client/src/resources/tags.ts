import { ListTagResponse, TagDto, TagScope } from '@observatory/core';
import { z } from 'zod';
import { assertKnownKeys } from '../internal/known-keys.js';
import { parseInput } from '../internal/parse-input.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';

/**
 * A tag as `tags.create` takes it: what it labels (`TENANTS`: agents, `CHAT_SESSIONS`: sessions) and its label.
 *
 * @example
 * ```ts
 * const tag: NewTagInput = { scope: 'CHAT_SESSIONS', label: 'refund' };
 * ```
 */
export interface NewTagInput {
  readonly scope: TagScope;
  readonly label: string;
}

/**
 * What `tags.list` narrows to: one `scope`, and labels holding `search`.
 *
 * @example
 * ```ts
 * const query: TagListQuery = { scope: 'CHAT_SESSIONS', search: 'ref' };
 * ```
 */
export interface TagListQuery {
  readonly scope?: TagScope;
  readonly search?: string;
}

const NewTag = z.object({ scope: TagScope, label: z.string().min(1) });
const ListQuery = z.object({ scope: TagScope.optional(), search: z.string().min(1).optional() });

/**
 * `client.tags`: the organization's tags (the published `createTag` and `listTags_1` of hbf-core), the labels
 * an integrator offers for agents and sessions.
 *
 * @example
 * ```ts
 * await client.tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' });
 * const labels = (await client.tags.list({ scope: 'CHAT_SESSIONS' })).map((tag) => tag.label);
 * ```
 */
export class TagsResource {
  readonly #transport: Transport;

  /**
   * Built by `createObservatoryClient`, which owns the transport; not constructed directly.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates a tag of the organization (`createTag`, `POST /organizations/{orgId}/tags`) and returns it as stored.
   * On the local server a tag that exists is answered as stored, and an agent-scoped token is refused (403): a
   * tag is the organization's. Not retried: how the platform answers a repeat is not published.
   *
   * @example
   * ```ts
   * const tag = await client.tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' });
   * console.log(tag.createdAt);
   * ```
   */
  async create(tag: NewTagInput, options?: CallOptions): Promise<TagDto> {
    const json = parseInput(NewTag, tag, 'tag');
    return this.#transport.json(
      {
        method: 'POST',
        path: path`/organizations/${this.#transport.organizationId}/tags`,
        json,
        idempotent: false,
      },
      TagDto,
      options,
    );
  }

  /**
   * Lists the organization's tags (`listTags_1`, `GET /organizations/{id}/tags`). The local server lists the
   * tags created and, as `CHAT_SESSIONS` tags without `createdAt`, the other tags carried by the sessions the
   * token may see, by label.
   *
   * @example
   * ```ts
   * const tags = await client.tags.list({ scope: 'CHAT_SESSIONS', search: 'ref' });
   * ```
   */
  async list(query: TagListQuery = {}, options?: CallOptions): Promise<TagDto[]> {
    assertKnownKeys(ListQuery, query, 'query');
    const parsed = parseInput(ListQuery, query, 'query');
    const searchParams = new URLSearchParams();
    if (parsed.scope !== undefined) searchParams.set('scope', parsed.scope);
    if (parsed.search !== undefined) searchParams.set('search', parsed.search);
    return this.#transport.json(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/tags`,
        searchParams,
        idempotent: true,
      },
      ListTagResponse,
      options,
    );
  }
}
