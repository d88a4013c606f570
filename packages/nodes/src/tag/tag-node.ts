import type { NodeContext } from '../context/node-context.js';
import { templateScope } from '../context/node-context.js';
import { NodeConfigError } from '../errors/errors.js';
import { hasPlaceholders } from '../internal/template-parts.js';
import { renderTemplate } from '../template/render-template.js';
import type { WorkflowNode } from '../workflow/workflow-node.js';

/**
 * The part of `ObservatoryClient` the Tag node syncs through (`client.sessions.setTags`).
 *
 * @example
 * ```ts
 * const sync: TagSyncClient = { sessions: { setTags: async (id, tags) => console.log(id, tags) } };
 * ```
 */
export interface TagSyncClient {
  readonly sessions: {
    setTags(sessionId: string, tags: string[], options?: { signal?: AbortSignal }): Promise<unknown>;
  };
}

/**
 * Ports of the Tag node.
 *
 * @example
 * ```ts
 * import { type TagPort, tagNode } from '@observatory/nodes';
 * const port: TagPort = await tagNode({ add: ['faq'], sync: client }).execute(ctx);
 * if (port === 'error') console.warn('tags changed locally, but the sync failed');
 * ```
 */
export type TagPort = 'next' | 'error';

/**
 * Options of {@link tagNode}.
 *
 * @example
 * ```ts
 * import { type TagNodeConfig, tagNode } from '@observatory/nodes';
 * const config: TagNodeConfig = {
 *   add: ['escalated', 'lang:{{message.language}}'], remove: ['bot-only'], sync: client,
 * };
 * const tag = tagNode(config);
 * ```
 */
export interface TagNodeConfig {
  /** Tags to add; `{{variable}}` templates allowed (a tag that renders empty is skipped). @default [] */
  readonly add?: readonly string[];
  /** Tags to remove; templates allowed. @default [] */
  readonly remove?: readonly string[];
  /** Pushes the resulting tag set to the Observatory when it changed. @default no sync */
  readonly sync?: TagSyncClient;
  /** Step name in the interaction log. @default 'Tag' */
  readonly name?: string;
}

/**
 * The Tag node: adds and removes tags on the session with set semantics (adding a present tag or removing an
 * absent one changes nothing), records a `tag` step, and optionally syncs the new set through the client. It
 * takes `error` when the sync fails (the local tags are changed regardless).
 *
 * @example
 * ```ts
 * import { tagNode } from '@observatory/nodes';
 * const tag = tagNode({ add: ['faq', 'topic:{{topic}}'], remove: ['new'], sync: client });
 * await tag.execute(ctx); // 'next'
 * ```
 */
export function tagNode(config: TagNodeConfig): WorkflowNode<TagNodeConfig, TagPort> {
  const add = config.add ?? [];
  const remove = config.remove ?? [];
  if (add.length === 0 && remove.length === 0) {
    throw new NodeConfigError('add', 'at least one tag to add or remove', []);
  }
  for (const tag of add) {
    if (!hasPlaceholders(tag) && remove.includes(tag)) {
      throw new NodeConfigError('remove', `no tag that is also in add ("${tag}")`, tag);
    }
  }
  const name = config.name ?? 'Tag';
  return {
    type: 'tag',
    config,
    ports: ['next', 'error'],
    async execute(ctx: NodeContext): Promise<TagPort> {
      const scope = templateScope(ctx);
      const render = (tags: readonly string[]) =>
        tags.map((tag) => renderTemplate(tag, scope).trim()).filter((tag) => tag !== '');
      const tags = ctx.session.tags;
      const added: string[] = [];
      for (const tag of render(add)) {
        if (tags.has(tag)) continue;
        tags.add(tag);
        added.push(tag);
      }
      const removed = render(remove).filter((tag) => tags.delete(tag));
      const changed = added.length > 0 || removed.length > 0;
      const started = performance.now();
      let syncError: unknown;
      if (changed && config.sync) {
        try {
          await config.sync.sessions.setTags(ctx.session.id, [...tags], { signal: ctx.signal });
        } catch (error) {
          syncError = error;
        }
      }
      ctx.record({
        type: 'tag',
        name,
        durationMs: Math.round(performance.now() - started),
        hasError: syncError !== undefined,
        payload: {
          added,
          removed,
          tags: [...tags],
          synced: changed && config.sync !== undefined && syncError === undefined,
          ...(syncError === undefined
            ? {}
            : {
                error:
                  syncError instanceof Error ? `${syncError.name}: ${syncError.message}` : String(syncError),
              }),
        },
      });
      return syncError === undefined ? 'next' : 'error';
    },
  };
}
