import { isObservatoryApiError, type ObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCheckedFetch } from './support/published-checked-fetch.js';
import { clientPerToken, SCOPED_AUTH } from './support/scoped-tokens.js';

// The organization's tags (createTag, listTags_1), client against the real local server over a loopback socket;
// every request and success answer checked against the published spec.

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

describe('organization tags over a loopback socket', () => {
  let running: RunningServer;
  const violations: string[] = [];
  const clients: Record<string, ObservatoryClient> = {};

  beforeAll(async () => {
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: SCOPED_AUTH,
    });
    const checkedFetch = await publishedCheckedFetch(violations);
    Object.assign(clients, clientPerToken(running.url, checkedFetch));
    const base = { contact: { id: 'u' }, createdAt: at(0) };
    await clients['org-token']?.chatSessions.create({
      ...base,
      id: 'f1',
      agentId: 'faq-bot',
      tags: ['Refund', 'vip'],
    });
    await clients['org-token']?.chatSessions.create({
      ...base,
      id: 's1',
      agentId: 'sales-bot',
      tags: ['lead'],
    });
  });
  afterAll(async () => {
    await running?.close();
  });

  const org = () => clients['org-token'] as ObservatoryClient;
  const scoped = () => clients['faq-token'] as ObservatoryClient;
  const other = () => clients['other-org-token'] as ObservatoryClient;
  const labels = (tags: readonly { scope: string; label: string }[]) =>
    tags.map((t) => `${t.scope}:${t.label}`);

  it('createTag stores a tag with its creation time; a repeat answers it as stored', async () => {
    const before = Date.now();
    const tag = await org().tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' });
    expect(tag).toMatchObject({ scope: 'CHAT_SESSIONS', label: 'refund' });
    expect(Date.parse(tag.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const again = await org().tags.create({ scope: 'CHAT_SESSIONS', label: 'refund' });
    expect(again).toEqual(tag);
    // The same label in the other scope is another tag.
    const agentTag = await org().tags.create({ scope: 'TENANTS', label: 'refund' });
    expect(agentTag.scope).toBe('TENANTS');
    expect(violations).toEqual([]);
  });

  it('listTags_1 lists the tags created and those of the sessions, by label, narrowed by scope and search', async () => {
    await org().tags.create({ scope: 'CHAT_SESSIONS', label: 'vip' });
    expect(labels(await org().tags.list())).toEqual([
      'CHAT_SESSIONS:Refund',
      'CHAT_SESSIONS:lead',
      'CHAT_SESSIONS:refund',
      'TENANTS:refund',
      'CHAT_SESSIONS:vip',
    ]);
    const sessionTags = await org().tags.list({ scope: 'CHAT_SESSIONS' });
    expect(labels(sessionTags)).toEqual([
      'CHAT_SESSIONS:Refund',
      'CHAT_SESSIONS:lead',
      'CHAT_SESSIONS:refund',
      'CHAT_SESSIONS:vip',
    ]);
    // A tag found only on sessions has no creation time; the created `vip` keeps its own.
    expect(sessionTags.find((t) => t.label === 'lead')?.createdAt).toBeUndefined();
    expect(sessionTags.find((t) => t.label === 'vip')?.createdAt).toEqual(expect.any(String));
    expect(labels(await org().tags.list({ scope: 'TENANTS' }))).toEqual(['TENANTS:refund']);
    expect(labels(await org().tags.list({ search: 'REF' }))).toEqual([
      'CHAT_SESSIONS:Refund',
      'CHAT_SESSIONS:refund',
      'TENANTS:refund',
    ]);
    expect(violations).toEqual([]);
  });

  it("a scoped token lists no tag of another agent's sessions, and may not create tags", async () => {
    const seen = labels(await scoped().tags.list({ scope: 'CHAT_SESSIONS' }));
    expect(seen).toContain('CHAT_SESSIONS:Refund');
    expect(seen).not.toContain('CHAT_SESSIONS:lead');
    const refused = await scoped()
      .tags.create({ scope: 'CHAT_SESSIONS', label: 'mine' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isObservatoryApiError(refused) && refused.status).toBe(403);
    expect(labels(await org().tags.list({ search: 'mine' }))).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('another organization sees none of these tags', async () => {
    expect(await other().tags.list()).toEqual([]);
  });

  it('refuses an unknown scope and an empty label, naming the field', async () => {
    const response = await fetch(`${running.url}/organizations/org-1/tags?scope=AGENTS`, {
      headers: { authorization: 'Bearer org-token' },
    });
    expect([response.status, ((await response.json()) as { field?: string }).field]).toEqual([400, 'scope']);
    const empty = await fetch(`${running.url}/organizations/org-1/tags`, {
      method: 'POST',
      headers: { authorization: 'Bearer org-token', 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'CHAT_SESSIONS', label: '' }),
    });
    expect([empty.status, ((await empty.json()) as { field?: string }).field]).toEqual([400, 'label']);
    await expect(org().tags.create({ scope: 'CHAT_SESSIONS', label: '' })).rejects.toMatchObject({
      field: 'tag.label',
    });
  });
});
