import { MAX_BUCKETS_PER_RANGE, Session, sessionToWire } from '@observatory/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useProcesses } from '../../../../../test/support/processes.js';

// The real server process (`observatory-server` from source) over a loopback socket: a request that held its event
// loop would leave every other request, /health included, unanswered — which an in-process call could not show.
const TOKEN = 'analytics-zones-token';

/**
 * Sessions whose user messages sit seconds either side of local midnights in zones that kept local mean time
 * then, with a miss reported on each message. From the IANA database: Athens kept Athens Mean Time, UTC+1:34:52,
 * from 1895 to 28 July 1916, so its local midnight of 1916-01-0N is 22:25:08 UTC the day before; Kolkata kept
 * Madras Time, UTC+5:21:10, from 1870 to 1941, so its local midnight is 18:38:50 UTC the day before.
 */
const messages: Record<string, string[]> = {
  athens: [
    '1915-12-31T22:25:00.000Z', // 23:59:52 on Dec 31: before the range
    '1915-12-31T22:25:10.000Z', // 00:00:02 on Jan 1
    '1916-01-01T22:25:00.000Z', // 23:59:52 on Jan 1
    '1916-01-01T22:25:10.000Z', // 00:00:02 on Jan 2
    '1916-01-03T22:25:00.000Z', // 23:59:52 on Jan 3
    '1916-01-03T22:25:10.000Z', // 00:00:02 on Jan 4: after the range
  ],
  kolkata: [
    '1899-12-31T18:38:40.000Z', // 23:59:50 on Dec 31: before the range
    '1899-12-31T18:38:50.000Z', // 00:00:00 on Jan 1
    '1900-01-02T18:38:49.000Z', // 23:59:59 on Jan 2
    '1900-01-02T18:38:50.000Z', // 00:00:00 on Jan 3
  ],
};

describe('analytics over zones with local mean time (a real server process)', () => {
  const processes = useProcesses();
  let url: string;
  const get = (path: string, signal: AbortSignal) =>
    fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` }, signal });

  beforeAll(async () => {
    const server = processes.startTsx('packages/server/src/bin.ts', [], {
      cwd: processes.tempDir('observatory-analytics-'),
      env: {
        OBSERVATORY_PORT: '0',
        OBSERVATORY_STORE: 'memory://',
        OBSERVATORY_ORG: 'acme',
        OBSERVATORY_TOKEN: TOKEN,
      },
    });
    const [, listening] = await server.waitFor(/listening on (\S+)/);
    url = listening ?? '';
    for (const [zone, times] of Object.entries(messages)) {
      const session = Session.parse({
        id: `session-${zone}`,
        agentId: 'faq-bot',
        contact: { id: `contact-${zone}` },
        createdAt: times[0],
        messages: times.map((createdAt, index) => ({
          id: `${zone}-${index}`,
          role: 'user',
          text: `question ${index}`,
          createdAt,
        })),
      });
      const posted = await fetch(`${url}/organizations/acme/chat-sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(sessionToWire(session)),
      });
      expect(posted.status, await posted.text()).toBe(201);
      // Every message but the last is reported missed; the miss takes its message's time.
      for (const message of session.messages.slice(0, -1)) {
        const reported = await fetch(`${url}/organizations/acme/missed-questions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            missedQuestion: { tenantId: 'faq-bot', question: message.text },
            sessionId: session.id,
            messageId: message.id,
          }),
        });
        expect(reported.status, await reported.text()).toBe(201);
      }
    }
  });

  /** The analytics answer, while /health is asked at the same time and must answer too. */
  async function analyticsBesideHealth(query: string) {
    // A generous bound for a busy machine: a frozen event loop never answers, a working one in milliseconds.
    const signal = AbortSignal.timeout(60_000);
    const [analytics, health] = await Promise.all([
      get(`/organizations/acme/analytics/missed-questions?${query}`, signal),
      get('/health', signal),
    ]);
    expect(health.status).toBe(200);
    expect(analytics.status, await analytics.clone().text()).toBe(200);
    const body = (await analytics.json()) as {
      totalQuestions: number;
      totalMissedQuestions: number;
      histogram: Array<{ string_date: string; count: number; questions: number }>;
    };
    return body;
  }

  it('answers 1916-01-01 … 1916-01-03 in Europe/Athens with three local days, cut at 22:25:08 UTC', async () => {
    const body = await analyticsBesideHealth(
      'startDate=1916-01-01&endDate=1916-01-03&timeZone=Europe/Athens',
    );
    expect(body.histogram.map((b) => [b.string_date, b.questions, b.count])).toEqual([
      ['1916-01-01', 2, 2],
      ['1916-01-02', 1, 1],
      ['1916-01-03', 1, 1],
    ]);
    expect(body).toMatchObject({ totalQuestions: 4, totalMissedQuestions: 4 });
  });

  it('answers 1900-01-01 … 1900-01-03 in Asia/Kolkata with three local days, cut at 18:38:50 UTC', async () => {
    const body = await analyticsBesideHealth('startDate=1900-01-01&endDate=1900-01-03&timeZone=Asia/Kolkata');
    // The last message (00:00:00 on Jan 3) is a question nobody reported missed.
    expect(body.histogram.map((b) => [b.string_date, b.questions, b.count])).toEqual([
      ['1900-01-01', 1, 1],
      ['1900-01-02', 1, 1],
      ['1900-01-03', 1, 0],
    ]);
    expect(body).toMatchObject({ totalQuestions: 3, totalMissedQuestions: 2 });
  });

  it('refuses a range of more buckets than the cap with a 400 naming the cap and endDate', async () => {
    const signal = AbortSignal.timeout(60_000);
    const res = await get(
      '/organizations/acme/analytics/missed-questions?startDate=1001-01-01&endDate=9999-12-31&timeZone=Europe/Athens',
      signal,
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { field: string; expected: string };
    expect(problem.field).toBe('endDate');
    expect(problem.expected).toContain(
      `at most ${MAX_BUCKETS_PER_RANGE.toLocaleString('en-US')} day buckets`,
    );
    // The cap counts buckets, not days: the same range in months is 108,000 buckets, still refused; a year is not.
    const months = await get(
      '/organizations/acme/analytics/missed-questions?startDate=1000-01-01&endDate=9999-12-30&bucket=month&timeZone=UTC',
      signal,
    );
    expect(months.status).toBe(400);
    expect(await months.json()).toMatchObject({
      field: 'endDate',
      expected: expect.stringContaining('month buckets (this one spans 108,000)'),
    });
    const year = await get(
      '/organizations/acme/analytics/missed-questions?startDate=2026-01-01&endDate=2026-12-31&bucket=day&timeZone=UTC',
      signal,
    );
    expect(year.status).toBe(200);
  });
});
