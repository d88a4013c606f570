import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Session ids are unique per agent: the pages link each session with its agent (`?tenantId=`), so a session whose
// id another agent also holds opens, exports and takes tags as that agent's.

const token = 'pages-agent-token';
let running: RunningServer;

const browse = (path: string, init: RequestInit & { cookie?: string } = {}) => {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  return fetch(`${running.url}${path}`, { ...init, headers, redirect: 'manual' });
};
const post = (path: string, form: Record<string, string>, cookie: string) =>
  browse(path, {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: running.url },
    body: new URLSearchParams(form).toString(),
  });
const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, text: await res.text() };
};
const decode = (page: string) => page.replaceAll('&amp;', '&');

let cookie = '';
beforeAll(async () => {
  running = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    hostname: '127.0.0.1',
    auth: { tokens: [{ token, organizationId: 'acme' }] },
  });
  for (const agent of ['agent-a', 'agent-b']) {
    const made = await api('POST', '/organizations/acme/chat-sessions', {
      id: 'shared',
      tenantId: agent,
      subscriberHandle: `${agent}-user`,
      createdAt: '2026-11-20T09:00:00Z',
      messages: [
        { id: 'm1', message: `Hello from ${agent}`, isUserInteraction: true, date: '2026-11-20T09:01:00Z' },
      ],
    });
    expect(made.status, made.text).toBe(201);
  }
  const signIn = await post('/login', { token, next: '/sessions' }, '');
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(async () => {
  await running?.close();
});

describe('the pages and a session id two agents hold', () => {
  it('links each row to its own agent’s session, and the detail page shows that one', async () => {
    const list = decode(
      await (
        await browse('/sessions?preset=custom&startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC', {
          cookie,
        })
      ).text(),
    );
    for (const agent of ['agent-a', 'agent-b']) {
      expect(list).toContain(
        `/sessions/shared?preset=custom&startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC&tenantId=${agent}`,
      );
      expect(list).toMatch(new RegExp(`chat-sessions/export/shared\\?[^"]*tenantId=${agent}`));
    }
    const detail = await browse('/sessions/shared?tenantId=agent-b', { cookie });
    const page = decode(await detail.text());
    expect(detail.status).toBe(200);
    expect(page).toContain('Hello from agent-b');
    expect(page).not.toContain('Hello from agent-a');
    expect(page).toContain('/sessions/shared/tags?tenantId=agent-b');
    expect(page).toMatch(/chat-sessions\/export\/shared\?[^"]*tenantId=agent-b/);
    // Without the agent, the id names no one session.
    expect((await browse('/sessions/shared', { cookie })).status).toBe(409);
  });

  it('adds a tag to the session of the agent the page names, only', async () => {
    const page = await (await browse('/sessions/shared?tenantId=agent-b', { cookie })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const added = await post(
      '/sessions/shared/tags?tenantId=agent-b',
      { _csrf: csrf, action: 'add', tag: 'picked' },
      cookie,
    );
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/sessions/shared?tenantId=agent-b');
    const b = await api('GET', '/organizations/acme/chat-sessions/shared?tenantId=agent-b');
    const a = await api('GET', '/organizations/acme/chat-sessions/shared?tenantId=agent-a');
    expect(JSON.parse(b.text)).toMatchObject({ tags: ['picked'] });
    expect(JSON.parse(a.text)).toMatchObject({ tags: [] });
  });
});
