import { describe, expect, it } from 'vitest';
import { createNodeContext } from '../context/create-node-context.js';
import { NodeConfigError } from '../errors/errors.js';
import { type TagSyncClient, tagNode } from './tag-node.js';

function syncRecorder(fail = false) {
  const calls: Array<[string, string[]]> = [];
  const client: TagSyncClient = {
    sessions: {
      setTags: async (id, tags) => {
        calls.push([id, tags]);
        if (fail) throw Object.assign(new Error('Service Unavailable'), { status: 503 });
      },
    },
  };
  return { client, calls };
}

describe('tagNode', () => {
  it('adds and removes with set semantics and records a tag step', async () => {
    const ctx = createNodeContext({
      session: { id: 's1', tenantId: 't', tags: ['new', 'faq'] },
      variables: { topic: 'billing' },
    });
    ctx.beginTurn({ id: 'm1', text: 'invoice?' });
    const node = tagNode({
      add: ['faq', 'topic:{{topic}}', 'topic:{{topic}}', '{{missing}}'],
      remove: ['new', 'absent'],
    });
    expect(await node.execute(ctx)).toBe('next');
    expect([...ctx.session.tags]).toEqual(['faq', 'topic:billing']);
    expect(ctx.steps[0]).toMatchObject({
      type: 'tag',
      messageId: 'm1',
      payload: { added: ['topic:billing'], removed: ['new'], tags: ['faq', 'topic:billing'] },
    });
  });

  it('syncs the resulting set through the client only when it changed', async () => {
    const { client, calls } = syncRecorder();
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' } });
    ctx.beginTurn({ id: 'm1', text: 'x' });
    const node = tagNode({ add: ['vip'], sync: client });
    await node.execute(ctx);
    await node.execute(ctx);
    expect(calls).toEqual([['s1', ['vip']]]);
  });

  it('takes port error when the sync fails, keeping the local tags', async () => {
    const { client } = syncRecorder(true);
    const ctx = createNodeContext({ session: { id: 's1', tenantId: 't' } });
    ctx.beginTurn({ id: 'm1', text: 'x' });
    expect(await tagNode({ add: ['vip'], sync: client }).execute(ctx)).toBe('error');
    expect(ctx.session.tags.has('vip')).toBe(true);
    expect(ctx.steps[0]).toMatchObject({ hasError: true, payload: { synced: false } });
  });

  it('rejects empty or contradictory configs', () => {
    expect(() => tagNode({})).toThrow(NodeConfigError);
    expect(() => tagNode({ add: ['a'], remove: ['a'] })).toThrow(NodeConfigError);
  });
});
