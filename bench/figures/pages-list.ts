import { seedSessions } from '../data/seed.js';
import { generateSessions } from '../data/sessions.js';
import { type Figure, type FigureContext, type FigureRow, scaled } from '../harness/figure.js';
import { BENCH_ORG, BENCH_TOKEN, openEmbeddedEngine, serveStore } from '../harness/local-server.js';
import { type BenchResult, toResult } from '../harness/result.js';
import { percentile } from '../harness/stats.js';

// The seeded data spans 2026-09-01 … 2026-11-30; October, as a user picking a month would.
const RANGE = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };
const TARGET = { op: '<=', limit: 1.5 } as const;
const ROW: FigureRow = { name: 'Chat Sessions page of 20 p50 (embedded)', unit: 'ms', target: TARGET };

/** Times `a` and `b` alternately, run by run, after a warm-up of both. */
async function alternating(requests: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(3, requests); i++) await Promise.all([a(), b()]); // warm-up: plans, caches, JIT
  const times = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < requests; i++) {
    let start = performance.now();
    await a();
    times.a.push(performance.now() - start);
    start = performance.now();
    await b();
    times.b.push(performance.now() - start);
  }
  return times;
}

async function read(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}

async function pagesList(context: FigureContext): Promise<BenchResult[]> {
  const engine = await openEmbeddedEngine();
  try {
    const sessions = scaled(context, 100_000);
    await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 7, count: sessions }));
    const server = await serveStore(engine.store);
    try {
      const signIn = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body: new URLSearchParams({ token: BENCH_TOKEN, next: '/sessions' }),
        redirect: 'manual',
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      if (signIn.status !== 303 || cookie === '') throw new Error(`sign-in answered ${signIn.status}`);
      const filters = new URLSearchParams({ startDate: RANGE.from, endDate: RANGE.to, pageSize: '20' });
      const requests = context.quick ? 20 : 50;
      // Same filters, same page: the API's JSON list against the page that renders it as HTML.
      const apiList = () =>
        read(`${server.url}/organizations/${BENCH_ORG}/chat-sessions?${filters}`, {
          authorization: `Bearer ${BENCH_TOKEN}`,
        });
      const webPage = () => read(`${server.url}/sessions?preset=custom&timeZone=UTC&${filters}`, { cookie });
      // Both sides answer the same 20 sessions before they are timed.
      const listed = (JSON.parse(await apiList()) as { items: { id: string }[] }).items.map((s) => s.id);
      const shown = [...(await webPage()).matchAll(/data-session-id="([^"]+)"/g)].map((m) => m[1]);
      if (listed.length !== 20 || JSON.stringify(shown) !== JSON.stringify(listed))
        throw new Error('the page does not show the sessions the API lists');
      const times = await alternating(requests, apiList, webPage);
      const api = times.a;
      const page = times.b;
      return [
        toResult(
          {
            ...ROW,
            value: percentile(page, 50),
            baseline: percentile(api, 50),
            note: `${sessions.toLocaleString('en-US')} sessions, ${requests} requests each; the page (HTML, signed in by cookie) vs GET …/chat-sessions (JSON) for October`,
          },
          context.scaleLabel,
        ),
      ];
    } finally {
      await server.close();
    }
  } finally {
    await engine.close();
  }
}

/** Figure 9: the Chat Sessions web page of 20 rows against the API's list of the same 20. */
export const pagesListFigure: Figure = {
  id: 'pages-list',
  title: '9. web pages',
  rows: [ROW],
  run: pagesList,
};
