import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { type AnalyticsMissedQuestionsDto, type Session, sessionToWire } from '@observatory/core';
import {
  createObservatoryServer,
  openStore,
  type RunningServer,
  startObservatoryServer,
} from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFixture } from '../packages/client/src/testing/contract-fixture.js';

// The web pages over HTTP, against the real server (memory store) seeded through the API: sign-in and its cookie,
// no page without it, CSRF, another organization's ids, and the numbers each page shows against the API's answers.
const token = 'pages-token';
const otherToken = 'other-org-token';
const auth = {
  tokens: [
    { token, organizationId: 'org-1' },
    { token: otherToken, organizationId: 'org-2' },
  ],
};
// November 2026 in Athens, as a person picks it: the fixture's sessions and occurrences are all in it.
const november = 'preset=custom&startDate=2026-11-01&endDate=2026-11-30&timeZone=Europe%2FAthens';
const novemberRange = { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' };

let running: RunningServer;
let client: ObservatoryClient;

async function api(method: string, path: string, body?: unknown, bearer = token): Promise<Response> {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

/** A browser's request: no redirects followed, the session cookie sent when given. */
function browse(path: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  return fetch(`${running.url}${path}`, { ...init, headers, redirect: 'manual' });
}

/** Posts a form as a browser on this origin would. */
function post(path: string, form: Record<string, string>, cookie: string, origin = running.url) {
  return browse(path, {
    method: 'POST',
    cookie,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams(form).toString(),
  });
}

/** Signs in through the login form; the cookie to send back. */
async function signIn(as = token): Promise<string> {
  const res = await post('/login', { token: as, next: '/sessions' }, '');
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] as string;
}

async function html(path: string, cookie: string): Promise<string> {
  const res = await browse(path, { cookie });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body}`);
  return body;
}

/** The text of the element with that id (tags stripped). */
function textOf(page: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(p|dl|blockquote|ol)>`).exec(page);
  if (!match) throw new Error(`no #${id} in the page`);
  return (match[1] as string)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function csrfOf(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1] as string;
}

beforeAll(async () => {
  running = await startObservatoryServer({ storeUrl: 'memory://', port: 0, hostname: '127.0.0.1', auth });
  client = createObservatoryClient({ baseUrl: running.url, token, organizationId: 'org-1', retry: 0 });
  const fixture = contractFixture();
  for (const session of fixture.sessions)
    await api('POST', '/organizations/org-1/chat-sessions', sessionToWire(session));
  for (const o of fixture.occurrences) {
    await api('POST', '/organizations/org-1/missed-questions', {
      missedQuestion: { id: o.missedQuestionId, tenantId: o.agentId, question: o.question },
      sessionId: o.sessionId,
      messageId: o.messageId,
      occurredAt: o.occurredAt,
    });
  }
  // Another organization's session and question, with ids of their own.
  const [theirs] = contractFixture().sessions;
  await api(
    'POST',
    '/organizations/org-2/chat-sessions',
    sessionToWire({ ...(theirs as Session), id: 'theirs-1' }),
    otherToken,
  );
  await api(
    'POST',
    '/organizations/org-2/missed-questions',
    {
      missedQuestion: { id: 'their-q', tenantId: 'faq-bot', question: 'Secret?' },
      sessionId: 'theirs-1',
      messageId: 's1-m1',
    },
    otherToken,
  );
});
afterAll(async () => {
  await running?.close();
});

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie that is not the token, and goes to next', async () => {
    const res = await post('/login', { token, next: '/missed-questions?preset=today' }, '');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/missed-questions?preset=today');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^observatory_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on loopback
    expect(cookie).not.toContain(token);
  });

  it('refuses a wrong token with 401 and no cookie, and never sends the browser to another origin', async () => {
    const wrong = await post('/login', { token: 'nope', next: '/sessions' }, '');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('That token is not accepted.');
    const away = await post('/login', { token, next: '//evil.example/' }, '');
    expect(away.headers.get('location')).toBe('/sessions');
  });

  it('lets browsers send the real Origin on form posts (a no-referrer policy makes Chromium send Origin: null)', async () => {
    const res = await browse('/login');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const nullOrigin = await post('/login', { token, next: '/sessions' }, '', 'null');
    expect(nullOrigin.status).toBe(403);
  });

  it('exchanges ?token= for the cookie by a redirect that drops the token from the URL', async () => {
    const res = await browse(`/sessions?preset=today&token=${token}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sessions?preset=today');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await html('/sessions?preset=today', cookie);
    expect(page).not.toContain(token);
  });

  it('signs out: the cookie no longer opens a page', async () => {
    const cookie = await signIn();
    const page = await html('/sessions', cookie);
    const res = await post('/logout', { _csrf: csrfOf(page) }, cookie);
    expect(res.status).toBe(303);
    expect((await browse('/sessions', { cookie })).headers.get('location')).toBe('/login?next=%2Fsessions');
  });
});

describe('no page without the cookie', () => {
  it.each(['/', '/sessions', '/sessions/s1', '/missed-questions', '/missed-questions/q1', '/analytics'])(
    '%s goes to the sign-in page',
    async (path) => {
      const res = await browse(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?${new URLSearchParams({ next: path })}`);
    },
  );

  it('nor with a made-up cookie, and the API still answers 401 problem+json', async () => {
    const res = await browse('/sessions', { cookie: 'observatory_session=made-up' });
    expect(res.status).toBe(303);
    const apiRes = await browse('/organizations/org-1/chat-sessions');
    expect(apiRes.status).toBe(401);
    expect(apiRes.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the API and the cookie', () => {
  it('downloads an export with the cookie (GET) but refuses a write through the API with it', async () => {
    const cookie = await signIn();
    const download = await browse('/organizations/org-1/chat-sessions/export/s1?fileType=csv', { cookie });
    expect(download.status).toBe(200);
    expect(await download.text()).toContain('Do you ship to Cyprus?');
    const write = await browse('/organizations/org-1/chat-sessions/s1/tags', {
      method: 'PATCH',
      cookie,
      headers: { 'content-type': 'application/json' },
      body: '["sneaky"]',
    });
    expect(write.status).toBe(401);
    expect((await client.sessions.get('s1')).tags).not.toContain('sneaky');
  });
});

describe('CSRF', () => {
  it('refuses a form without the session CSRF token, or from another origin', async () => {
    const cookie = await signIn();
    const csrf = csrfOf(await html('/sessions/s2', cookie));
    const missing = await post('/sessions/s2/tags', { action: 'add', tag: 'forged' }, cookie);
    expect(missing.status).toBe(403);
    const wrong = await post(
      '/sessions/s2/tags',
      { _csrf: 'x'.repeat(43), action: 'add', tag: 'forged' },
      cookie,
    );
    expect(wrong.status).toBe(403);
    const crossSite = await post(
      '/sessions/s2/tags',
      { _csrf: csrf, action: 'add', tag: 'forged' },
      cookie,
      'https://evil.example',
    );
    expect(crossSite.status).toBe(403);
    const otherSession = csrfOf(await html('/sessions/s2', await signIn()));
    const stolen = await post(
      '/sessions/s2/tags',
      { _csrf: otherSession, action: 'add', tag: 'forged' },
      cookie,
    );
    expect(stolen.status).toBe(403);
    expect((await client.sessions.get('s2')).tags).not.toContain('forged');
  });

  it('adds and removes a tag, and triages a question, with the right token', async () => {
    const cookie = await signIn();
    const csrf = csrfOf(await html('/sessions/s2', cookie));
    const add = await post(
      '/sessions/s2/tags',
      { _csrf: csrf, action: 'add', tag: 'follow-up', back: '/sessions/s2' },
      cookie,
    );
    expect(add.status).toBe(303);
    expect(add.headers.get('location')).toBe('/sessions/s2');
    expect((await client.sessions.get('s2')).tags).toContain('follow-up');
    expect(await html('/sessions/s2', cookie)).toContain('aria-label="Remove tag follow-up"');
    await post('/sessions/s2/tags', { _csrf: csrf, action: 'remove', tag: 'follow-up' }, cookie);
    expect((await client.sessions.get('s2')).tags).not.toContain('follow-up');

    const resolved = await post('/missed-questions/q1/status', { _csrf: csrf, status: 'RESOLVED' }, cookie);
    expect(resolved.status).toBe(303);
    expect((await client.missedQuestions.get('q1')).status).toBe('RESOLVED');
    await post('/missed-questions/q1/status', { _csrf: csrf, status: 'UNRESOLVED' }, cookie);
    expect((await client.missedQuestions.get('q1')).status).toBe('UNRESOLVED');
  });
});

describe("another organization's ids", () => {
  it.each(['/sessions/theirs-1', '/missed-questions/their-q'])('%s answers 404', async (path) => {
    const cookie = await signIn();
    const res = await browse(path, { cookie });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('a write to them answers 404 too', async () => {
    const cookie = await signIn();
    const csrf = csrfOf(await html('/sessions', cookie));
    expect(
      (await post('/sessions/theirs-1/tags', { _csrf: csrf, action: 'add', tag: 'x' }, cookie)).status,
    ).toBe(404);
  });
});

describe('the numbers on the pages are the API answers for the same filters', () => {
  it('Chat Sessions: the total and the rows, per agent and quick filter', async () => {
    const cookie = await signIn();
    for (const extra of [
      '',
      '&tenantsFilter=faq-bot',
      '&tenantsFilter=sales-bot&tags=billing',
      '&pageSize=2&page=1',
    ]) {
      const page = await html(`/sessions?${november}${extra}`, cookie);
      const params = new URLSearchParams(extra);
      const expected = await client.sessions.list({
        range: novemberRange,
        ...(params.get('tenantsFilter') ? { agents: [params.get('tenantsFilter') as string] } : {}),
        ...(params.get('tags') ? { tags: [params.get('tags') as string] } : {}),
        page: Number(params.get('page') ?? 0),
        pageSize: Number(params.get('pageSize') ?? 20),
      });
      expect(textOf(page, 'result-count')).toBe(
        `${expected.total} ${expected.total === 1 ? 'session' : 'sessions'}`,
      );
      const rows = [...page.matchAll(/data-session-id="([^"]+)"/g)].map((m) => m[1]);
      expect(rows).toEqual(expected.items.map((s) => s.id));
    }
  });

  it('Chat Sessions: an empty result says which filters to check', async () => {
    const cookie = await signIn();
    const page = await html(`/sessions?${november}&tenantsFilter=nobody`, cookie);
    expect(textOf(page, 'result-count')).toBe('0 sessions');
    expect(textOf(page, 'empty-hint')).toContain('2026-11-01 – 2026-11-30 (Europe/Athens)');
    expect(textOf(page, 'empty-hint')).toContain('nobody');
    expect(textOf(page, 'empty-hint')).toMatch(/check the range and agent filter/);
  });

  it('Missed Questions: occurrences in range as the API counts them', async () => {
    const cookie = await signIn();
    const page = await html(`/missed-questions?${november}`, cookie);
    const expected = await client.missedQuestions.list({ range: novemberRange });
    expect(textOf(page, 'result-count')).toBe(
      `${expected.total} ${expected.total === 1 ? 'question' : 'questions'}`,
    );
    const q1 = expected.items.find((q) => q.id === 'q1');
    expect(page).toMatch(
      new RegExp(`data-question-id="q1">[\\s\\S]*?<td class="num">${q1?.filteredOccurrences}</td>`),
    );
    // "Last asked": q1's latest occurrence in November, in Athens time — not when the question was stored.
    const lastAsked = contractFixture()
      .occurrences.filter((o) => o.missedQuestionId === 'q1')
      .map((o) => o.occurredAt)
      .filter((at) => at >= novemberRange.from && at < novemberRange.to)
      .sort()
      .at(-1);
    const athens = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Athens',
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    expect(page).toContain('<th scope="col">Last asked</th>');
    expect(page).toMatch(
      new RegExp(
        `data-question-id="q1">[\\s\\S]*?<td class="num">\\d+</td><td>${athens.format(new Date(lastAsked ?? 0))}</td>`,
      ),
    );
  });

  it('Missed Question details: the three stats of the client, and the missed message highlighted', async () => {
    const cookie = await signIn();
    const page = await html(`/missed-questions/q1?${november}`, cookie);
    const details = await client.missedQuestions.details('q1', novemberRange);
    expect(textOf(page, 'stats')).toBe(
      `Occurrences in range ${details.occurrencesInRange} Total occurrences ${details.totalOccurrences} Distinct sessions ${details.distinctSessions}`,
    );
    const latest = details.occurrences[0];
    expect(page).toMatch(
      new RegExp(`<li data-message-id="${latest?.messageId}" data-kind="text" class="highlighted">`),
    );
    expect(page).toContain(`href="/sessions/${latest?.sessionId}?`);
    expect(page).toContain('>Go to Session</a>');
  });

  it('Analytics: totals and per-day counts of the API in the viewer zone', async () => {
    const cookie = await signIn();
    const page = await html(`/analytics?${november}`, cookie);
    const query = new URLSearchParams({
      startDate: novemberRange.from,
      endDate: novemberRange.to,
      timeZone: 'Europe/Athens',
    });
    const expected = (await (
      await api('GET', `/organizations/org-1/analytics/missed-questions?${query}`)
    ).json()) as AnalyticsMissedQuestionsDto;
    const answered = expected.totalQuestions - expected.totalMissedQuestions;
    expect(textOf(page, 'analytics-totals')).toBe(
      `Questions ${expected.totalQuestions} Missed ${expected.totalMissedQuestions} Answered ${answered} Missed percentage ${expected.missedQuestionsPercentage}%`,
    );
    expect(expected.histogram).toHaveLength(30);
    for (const bucket of expected.histogram) {
      expect(page).toContain(
        `<td>${bucket.string_date}</td><td class="num">${bucket.questions}</td><td class="num">${bucket.count}</td><td class="num">${bucket.answered}</td>`,
      );
    }
  });

  it('shows times in the chosen zone and the resolved range of a preset', async () => {
    const cookie = await signIn();
    // s1 starts at 2026-11-01T10:00:00Z: 12:00 in Athens (UTC+2 in November).
    const page = await html(`/sessions?${november}&tenantsFilter=faq-bot&order=ASC`, cookie);
    expect(page).toContain('<time datetime="2026-11-01T10:00:00.000Z">2026-11-01 12:00:00</time>');
    expect(textOf(page, 'range-summary')).toBe('2026-11-01 – 2026-11-30 (Europe/Athens)');
    const today = await html('/sessions?preset=today&timeZone=Asia%2FTokyo', cookie);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    expect(textOf(today, 'range-summary')).toBe(`${day} – ${day} (Asia/Tokyo)`);
  });

  it('the downloads the pages link to answer with the cookie: session xlsx, missed-question CSV with ","', async () => {
    const cookie = await signIn();
    const detail = await html(`/sessions/s1?${november}`, cookie);
    const xlsx = /href="([^"]+)"[^>]*>Download xlsx</.exec(detail)?.[1]?.replaceAll('&amp;', '&');
    const file = await browse(xlsx as string, { cookie });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const list = await html(`/missed-questions?${november}`, cookie);
    const form =
      /<form method="get" action="([^"]+)" aria-label="Download missed questions">([\s\S]*?)<\/form>/.exec(
        list,
      );
    const query = new URLSearchParams(
      [...(form?.[2] ?? '').matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
        (m) => [m[1], (m[2] as string).replaceAll('&amp;', '&')] as [string, string],
      ),
    );
    query.set('separator', ',');
    const csv = await (await browse(`${form?.[1]}?${query}`, { cookie })).text();
    const exported = await client.missedQuestions.export({ range: novemberRange, separator: ',' });
    const expected = await new Response(exported.body).text();
    expect(csv).toBe(expected);
    expect(csv).toContain('Do you ship to Cyprus?,');
  });

  it("expands a row into its transcript without script: the session's own lines in the chosen zone", async () => {
    const cookie = await signIn();
    const page = await html(`/sessions?${november}&tenantsFilter=faq-bot&order=ASC`, cookie);
    const row = /<tr data-session-id="s1">([\s\S]*?)<\/tr>/.exec(page)?.[1] ?? '';
    const panel = /<details><summary>([^<]*)<\/summary>([\s\S]*?)<\/details>/.exec(row);
    const session = await client.sessions.get('s1');
    expect(panel?.[1]).toBe('Do you ship to Cyprus? &quot;quoted&quot; 😀');
    const lines = [...(panel?.[2] ?? '').matchAll(/<li data-message-id="([^"]+)"/g)].map((m) => m[1]);
    expect(lines).toEqual(session.messages.map((m) => m.id));
    expect(panel?.[2]).toContain('2026-11-01 12:00:01');
    expect(page.match(/id="transcript"/g)).toBeNull();
  });

  it('keeps the shared filters from page to page', async () => {
    const cookie = await signIn();
    const page = await html(`/sessions?${november}&tenantsFilter=faq-bot&searchTerm=ship`, cookie);
    const shared = `${november}&tenantsFilter=faq-bot`.replaceAll('&', '&amp;');
    for (const path of ['/sessions', '/missed-questions', '/analytics'])
      expect(page).toContain(`href="${path}?${shared}"`);
  });

  it('reads a From date without a To date as until now, as the CLI does', async () => {
    const cookie = await signIn();
    const before = new Date();
    const page = await html('/sessions?startDate=2026-11-01&timeZone=Europe%2FAthens', cookie);
    const after = new Date();
    const summary = textOf(page, 'range-summary');
    expect(summary).toMatch(
      /^2026-11-01 00:00(:00)? – (\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?) \(Europe\/Athens\)$/,
    );
    const local = (at: Date) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens', dateStyle: 'short' }).format(at);
    // The end is the moment the page was asked for, in the page's zone.
    expect([local(before), local(after)]).toContain(/ – (\d{4}-\d{2}-\d{2})/.exec(summary)?.[1]);
    const sinceNovember = await client.sessions.list({
      range: { from: novemberRange.from, to: after.toISOString() },
      pageSize: 1,
    });
    expect(textOf(page, 'result-count')).toBe(`${sinceNovember.total} sessions`);
    for (const path of ['/missed-questions', '/analytics'])
      expect((await browse(`${path}?startDate=2026-11-01`, { cookie })).status, path).toBe(200);
  });

  it('names a To date without a From date as such', async () => {
    const cookie = await signIn();
    const res = await browse('/sessions?endDate=2026-11-30', { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(
      /role="alert">[^<]*startDate[^<]*a From date \(startDate\) with the To date \(endDate\); a From date alone runs until now/,
    );
  });

  it("answers the browser's /favicon.ico, signed in or not, with an icon", async () => {
    const res = await browse('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const login = await (await browse('/login')).text();
    expect(login).toContain('<link rel="icon" href="/favicon.ico" type="image/svg+xml"/>');
  });

  it('a bad filter answers 400 naming the parameter', async () => {
    const cookie = await signIn();
    const res = await browse('/sessions?timeZone=Mars%2FOlympus', { cookie });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert">[^<]*timeZone/);
  });
});

describe('lean pages', () => {
  it('the Chat Sessions page of 20 rows, with its stylesheet and script, is under 100 KB', async () => {
    for (let i = 0; i < 20; i++) {
      const [base] = contractFixture().sessions;
      await api(
        'POST',
        '/organizations/org-1/chat-sessions',
        sessionToWire({ ...(base as Session), id: `bulk-${i}` }),
      );
    }
    const cookie = await signIn();
    const page = await html(`/sessions?${november}`, cookie);
    expect([...page.matchAll(/data-session-id=/g)]).toHaveLength(20);
    const css = await (await browse('/assets/observatory.css')).text();
    const js = await (await browse('/assets/observatory.js')).text();
    const bytes = Buffer.byteLength(page) + Buffer.byteLength(css) + Buffer.byteLength(js);
    expect(bytes).toBeLessThan(100_000);
  });
});

// Last, apart from the socket tests: opening a second store takes a while, longer than a keep-alive connection idles.
describe('over https', () => {
  it('marks the cookie Secure when the pages are served over https', async () => {
    const store = await openStore('memory://');
    try {
      const app = createObservatoryServer({ store, auth });
      const res = await app.request('https://observatory.example/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://observatory.example',
          host: 'observatory.example',
        },
        body: new URLSearchParams({ token, next: '/sessions' }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await store.close();
    }
  });
});
