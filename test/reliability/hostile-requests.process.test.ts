import { request } from 'node:http';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import { postgresBinForSuite } from '../support/postgres.js';
import { FIXTURE, type HostileCase, hostileCases } from './hostile-cases.js';

// Every case of the table against a real server on a loopback socket, on each engine. Fails on any 5xx (but a
// deliberate 503 with Retry-After), an answer slower than 2 s, a cross-scope read or write, or a token or
// password in any answer or in what the server logs.

const bin = postgresBinForSuite('the hostile-request table on PostgreSQL');
const HANG_MS = 2_000;
const PASSWORD = 'hostile-db-password-3c9b';
const org = `/organizations/${FIXTURE.org}`;
const dm = `/orgs/${FIXTURE.org}`;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly ms: number;
}

/** One raw HTTP/1.1 request on a fresh connection: exact bytes and headers, no client-side fixing up. */
function send(
  base: string,
  c: Pick<HostileCase, 'method' | 'path' | 'token' | 'headers' | 'body'>,
): Promise<Answer> {
  const started = Date.now();
  const token = c.token === undefined ? FIXTURE.admin : c.token;
  const headers: Record<string, string> = {
    ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...c.headers,
  };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${base}${c.path}`, { method: c.method, headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: Date.now() - started,
        }),
      );
    });
    // A server may answer (413) before it has read a large body and close: that is an answer, not a reset.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.setTimeout(HANG_MS * 5, () => req.destroy(new Error(`no answer in ${HANG_MS * 5} ms`)));
    req.end(c.body);
  });
}

async function seed(base: string): Promise<string> {
  const call = async (method: string, path: string, body: unknown, status: number) => {
    const answer = await send(base, { method, path, body: JSON.stringify(body) });
    expect(answer.status, `${method} ${path}: ${answer.text}`).toBe(status);
    return answer.text;
  };
  for (const [id, agent, prefix] of [
    [FIXTURE.bSession, 'agent-b', 'b'],
    [FIXTURE.aSession, 'agent-a', 'a'],
  ] as const) {
    await call(
      'POST',
      `${org}/chat-sessions`,
      {
        id,
        tenantId: agent,
        subscriberHandle: `${prefix}-user`,
        createdAt: '2026-11-20T09:00:00Z',
        messages: [1, 2].map((n) => ({
          id: `${prefix}-message-${n}`,
          message: `${agent} private question ${n}?`,
          isUserInteraction: true,
          date: `2026-11-20T09:${n === 1 ? '15' : '20'}:00Z`,
        })),
      },
      201,
    );
    await call(
      'POST',
      `${org}/chat-sessions/${id}/interactions`,
      {
        id: `${prefix}-step`,
        sessionId: id,
        hbfEventId: `${prefix}-message-1`,
        timestamp: '2026-11-20T09:15:01Z',
        type: 'NLP',
        payload: { note: `${agent} private step` },
      },
      201,
    );
    await call(
      'POST',
      `${org}/chat-sessions/${id}/variables?hbfEventId=${prefix}-message-1`,
      [{ name: 'secret', value: `${agent}-value` }],
      204,
    );
  }
  const reported = await call(
    'POST',
    `${org}/missed-questions`,
    {
      missedQuestion: { tenantId: 'agent-b', question: 'agent-b private question 2?' },
      sessionId: FIXTURE.bSession,
      messageId: 'b-message-2',
    },
    201,
  );
  return (JSON.parse(reported) as { id: string }).id;
}

/** agent-b's data as the admin sees it: must be the same before and after the table ran. */
async function agentB(base: string): Promise<string[]> {
  const paths = [
    `${org}/chat-sessions/${FIXTURE.bSession}?includeMessages=true`,
    `${org}/missed-questions?tenantsFilter=agent-b&pageSize=100`,
    `${dm}/events/${FIXTURE.bMessage}/interactions`,
    `${dm}/events/${FIXTURE.bMessage}/session-variables`,
  ];
  const answers = [];
  for (const path of paths) answers.push((await send(base, { method: 'GET', path })).text);
  return answers;
}

let postgres: TestPostgres | undefined;
afterAll(async () => {
  await postgres?.stop();
});

const engines: Array<[string, () => Promise<string>]> = [['memory', async () => 'memory://']];
if (bin !== undefined) {
  engines.push([
    'postgres',
    async () => {
      postgres = await startPostgres(bin);
      // Trust authentication accepts any password: the URL carries one only to prove it never leaks.
      return postgres.url.replace('observatory@', `observatory:${PASSWORD}@`);
    },
  ]);
}

describe.each(engines)('hostile requests on %s', (engine, storeUrl) => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.close();
  });

  it('answers every case below 500 within 2 s, keeps every scope, and leaks no secret', async () => {
    const logged: string[] = [];
    server = await startObservatoryServer({
      storeUrl: await storeUrl(),
      port: 0,
      auth: {
        tokens: [
          { token: FIXTURE.admin, organizationId: FIXTURE.org },
          { token: FIXTURE.agentA, organizationId: FIXTURE.org, agents: ['agent-a'] },
          { token: FIXTURE.otherOrg, organizationId: 'globex' },
        ],
      },
      onError: (error) => logged.push(error instanceof Error ? `${error.stack}` : String(error)),
    });
    const base = server.url;
    const bQuestion = await seed(base);
    const before = await agentB(base);
    const cases = hostileCases(bQuestion);
    const secrets = [FIXTURE.admin, FIXTURE.agentA, FIXTURE.otherOrg, PASSWORD];
    const failures: string[] = [];
    let crossScope = 0;
    let slowest = 0;
    for (const c of cases) {
      let answer: Answer;
      try {
        answer = await send(base, c);
      } catch (error) {
        failures.push(`${c.name}: no answer (${String(error)})`);
        continue;
      }
      slowest = Math.max(slowest, answer.ms);
      const shed = answer.status === 503 && Number(answer.headers['retry-after']) >= 1;
      if (answer.status >= 500 && !shed)
        failures.push(`${c.name}: ${answer.status} ${answer.text.slice(0, 200)}`);
      if (answer.ms > HANG_MS) failures.push(`${c.name}: answered after ${answer.ms} ms`);
      const expected = c.expect === undefined ? undefined : [c.expect].flat();
      if (expected !== undefined && !expected.includes(answer.status)) {
        failures.push(
          `${c.name}: ${answer.status}, expected ${expected.join(' or ')}: ${answer.text.slice(0, 200)}`,
        );
      }
      if (
        answer.status >= 400 &&
        !String(answer.headers['content-type']).startsWith('application/problem+json')
      ) {
        failures.push(`${c.name}: ${answer.status} without a problem document`);
      }
      const leaked = secrets.filter(
        (secret) => answer.text.includes(secret) || JSON.stringify(answer.headers).includes(secret),
      );
      if (leaked.length > 0) failures.push(`${c.name}: the answer holds a secret`);
      if (c.forbidden?.some((text) => answer.text.includes(text))) {
        crossScope += 1;
        failures.push(`${c.name}: another organization's data in the answer`);
      }
      if (c.token === FIXTURE.agentA && FIXTURE.bSecrets.some((secret) => answer.text.includes(secret))) {
        crossScope += 1;
        failures.push(`${c.name}: agent-b's data in an answer to agent-a's token`);
      }
    }
    const after = await agentB(base);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      crossScope += 1;
      failures.push("agent-b's data changed under agent-a's token");
    }
    const loggedSecrets = logged.filter((line) => secrets.some((secret) => line.includes(secret)));
    console.log(
      `reliability: hostile requests on ${engine}: ${cases.length} requests tried, ${failures.length} failed, ` +
        `${logged.length} 500s logged, ${crossScope} cross-scope, ${loggedSecrets.length} secrets in logs, slowest ${slowest} ms`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(failures).toEqual([]);
    expect(logged).toEqual([]);
    expect(crossScope).toBe(0);
  }, 120_000);
});
