import { createObservatoryClient } from '@observatory/client';
import { createMemoryOutbox, createMissedQuestionReporter } from '@observatory/nodes';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPgBouncer, type TestPgBouncer } from '../../packages/server/src/testing/pgbouncer.js';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import { pgbouncerForSuite, postgresBinForSuite } from '../support/postgres.js';
import { PROCESS_DEADLINE_MS, type TestProcess, useProcesses } from '../support/processes.js';

const SUITE = 'three observatory serve processes through PgBouncer';
const bin = postgresBinForSuite(SUITE);
const bouncerBin = pgbouncerForSuite(SUITE);

const TOKEN = 'multi-process-token';
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const processes = useProcesses();
let postgres: TestPostgres | undefined;
let bouncer: TestPgBouncer | undefined;
afterAll(async () => {
  await bouncer?.stop();
  await postgres?.stop();
});

/** PostgreSQL and PgBouncer (transaction mode) in front of it, started once for the file. */
async function database(name: string): Promise<{ direct: string; pooled: string }> {
  postgres ??= await startPostgres(bin);
  bouncer ??= await startPgBouncer(postgres.port, { bin: bouncerBin });
  return { direct: await postgres.createDatabase(name), pooled: bouncer.urlFor(name) };
}

interface Served {
  readonly url: string;
  readonly process: TestProcess;
}

/** `observatory serve --store <store>` from source on a free loopback port, ready once it printed its JSON. */
async function serve(store: string): Promise<Served> {
  const child = processes.startTsx(
    'packages/cli/src/bin.ts',
    ['serve', '--store', store, '--port', '0', '--token', TOKEN, '--org', 'local', '--json'],
    { cwd: processes.tempDir('observatory-multi-'), env: { OBSERVATORY_STORE: undefined } },
  );
  const printed = JSON.parse((await child.waitFor(/^\{.*\}$/m))[0]) as { url: string };
  return { url: printed.url, process: child };
}

function running(served: Served): boolean {
  try {
    process.kill(served.process.pid, 0);
    return true;
  } catch {
    return false;
  }
}

const question = (n: number) => `Question ${n % 20}?`;

/** Every stored occurrence's (session, message), with how many rows each has, read straight from PostgreSQL. */
async function storedPairs(url: string): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pair: string; n: string }>(
      "SELECT session_id || '/' || message_id AS pair, count(*) AS n FROM missed_question_occurrences GROUP BY 1",
    );
    return new Map(rows.map((row) => [row.pair, Number(row.n)]));
  } finally {
    await client.end();
  }
}

/** The pool modes PgBouncer reports for its pools of the `observatory` user (its admin console). */
async function poolModes(): Promise<string[]> {
  const client = new pg.Client({ connectionString: bouncer?.urlFor('pgbouncer') });
  await client.connect();
  try {
    // Without parameters node-postgres sends the simple query protocol, the only one the console speaks.
    const { rows } = await client.query<{ user: string; pool_mode: string }>('SHOW POOLS');
    return [...new Set(rows.filter((row) => row.user === 'observatory').map((row) => row.pool_mode))];
  } finally {
    await client.end();
  }
}

describe.skipIf(bin === undefined || bouncerBin === undefined)(SUITE, () => {
  it('3 servers started at once on one new database through PgBouncer: migrations do not race, reports spread across them are each stored once, and every server reads the same', async () => {
    const { direct, pooled } = await database('spread');
    // Started together on an empty database: all three migrate at once.
    const servers = await Promise.all([0, 1, 2].map(() => serve(pooled)));

    // 600 distinct reports, report n to server n % 3; every 5th one sent again to the next server, racing it.
    const DISTINCT = 600;
    const jobs: { n: number; server: Served }[] = [];
    for (let n = 0; n < DISTINCT; n++) {
      jobs.push({ n, server: servers[n % 3] as Served });
      if (n % 5 === 0) jobs.push({ n, server: servers[(n + 1) % 3] as Served });
    }
    const created = new Map<number, number>();
    const failures: string[] = [];
    let next = 0;
    const writer = async () => {
      for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
        const body = JSON.stringify({
          missedQuestion: { tenantId: 'faq-bot', question: question(job.n) },
          sessionId: `s${job.n % 50}`,
          messageId: `m${job.n}`,
        });
        for (;;) {
          const res = await fetch(`${job.server.url}/organizations/local/missed-questions`, {
            method: 'POST',
            headers,
            body,
            signal: AbortSignal.timeout(60_000),
          });
          await res.text();
          if (res.status === 201) created.set(job.n, (created.get(job.n) ?? 0) + 1);
          if (res.status === 200 || res.status === 201) break;
          if (res.status !== 503) {
            failures.push(`m${job.n}: ${res.status}`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50)); // shed by the admission queue: sent again
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, writer));
    expect(failures).toEqual([]);
    // Exactly one of the two racing sends of a report created it; the other was answered as the same report.
    expect(created.size).toBe(DISTINCT);
    expect([...created.values()].filter((count) => count !== 1)).toEqual([]);

    const stored = await storedPairs(direct);
    expect(stored.size).toBe(DISTINCT);
    expect([...stored.values()].filter((count) => count !== 1)).toEqual([]);

    // After the writers stop, each server answers the list and the export identically, with every occurrence.
    const expected = new Map<string, number>();
    for (let n = 0; n < DISTINCT; n++) expected.set(question(n), (expected.get(question(n)) ?? 0) + 1);
    const reads = await Promise.all(
      servers.map(async (server) => {
        const client = createObservatoryClient({
          baseUrl: server.url,
          token: TOKEN,
          organizationId: 'local',
        });
        const page = await client.missedQuestions.list({ pageSize: 100 });
        const counts = new Map(page.items.map((item) => [item.question, item.occurrences]));
        const csv = await fetch(`${server.url}/organizations/local/missed-questions/export`, { headers });
        return { counts, total: page.total, csv: await csv.text() };
      }),
    );
    for (const read of reads) {
      expect(read.total).toBe(expected.size);
      expect(read.counts).toEqual(expected);
      expect(read.csv).toBe(reads[0]?.csv);
    }

    // Sessions written through all three at once: each of 30 sessions gets 6 messages, each message upserted
    // through another server than the one before, all concurrently (first writes of a session race on
    // different servers). Afterwards every server reads every session whole.
    const SESSIONS = 30;
    const MESSAGES = 6;
    const clients = servers.map((server) =>
      createObservatoryClient({ baseUrl: server.url, token: TOKEN, organizationId: 'local', retry: 10 }),
    );
    const start = Date.parse('2026-11-20T10:00:00.000Z');
    await Promise.all(
      Array.from({ length: SESSIONS * MESSAGES }, (_, k) => {
        const [s, m] = [k % SESSIONS, Math.floor(k / SESSIONS)];
        return clients[k % 3]?.ingest.upsertSession({
          id: `session-${s}`,
          agentId: 'faq-bot',
          contact: { id: `user-${s}` },
          createdAt: new Date(start).toISOString(),
          messages: [
            {
              id: `s${s}-m${m}`,
              role: 'user',
              text: `message ${m}`,
              createdAt: new Date(start + m * 1000).toISOString(),
            },
          ],
        });
      }),
    );
    const expectedMessages = (s: number) => Array.from({ length: MESSAGES }, (_, m) => `s${s}-m${m}`);
    const sessionExports = await Promise.all(
      clients.map(async (client) => {
        for (let s = 0; s < SESSIONS; s++) {
          const session = await client.sessions.get(`session-${s}`);
          expect(session.messages.map((message) => message.id)).toEqual(expectedMessages(s));
        }
        expect((await client.sessions.list({ pageSize: 100 })).total).toBe(SESSIONS);
        return new Response((await client.sessions.export({}, { fileType: 'csv' })).body).text();
      }),
    );
    expect(new Set(sessionExports).size).toBe(1);

    expect(servers.every(running)).toBe(true);
    expect(await poolModes()).toEqual(['transaction']);
    console.log(
      `reliability: 3 serve processes through PgBouncer: ${jobs.length} reports sent (${DISTINCT} distinct), ` +
        `${created.size} created, ${stored.size} stored, 0 lost, 0 duplicated; ` +
        `${SESSIONS} sessions of ${MESSAGES} messages upserted through all three, each read whole on each`,
    );
  }, 240_000);

  it('PostgreSQL stopped with -m immediate and restarted while 3 reporters report across the 3 servers: the servers recover by themselves and the outboxes deliver every report exactly once', async () => {
    const { direct, pooled } = await database('restart');
    const servers = await Promise.all([0, 1, 2].map(() => serve(pooled)));
    const delivered: string[] = [];
    const reporters = servers.map((server) =>
      createMissedQuestionReporter({
        client: createObservatoryClient({
          baseUrl: server.url,
          token: TOKEN,
          organizationId: 'local',
          retry: 0,
        }),
        outbox: createMemoryOutbox(),
        timeout: 30_000,
        backoff: { initialMs: 100, maxMs: 500 },
        onDelivered: (entry) => delivered.push(entry.key),
      }),
    );
    const PER_REPORTER = 200;
    let reported = 0;
    const reportBatch = async (from: number, to: number) => {
      for (let n = from; n < to; n++) {
        await Promise.all(
          reporters.map((reporter, r) =>
            reporter.report({
              tenantId: 'faq-bot',
              question: question(n),
              sessionId: `r${r}-s${n % 10}`,
              messageId: `r${r}-m${n}`,
            }),
          ),
        );
        reported += reporters.length;
      }
    };

    // The first half is reported and partly delivered when PostgreSQL goes away.
    await reportBatch(0, PER_REPORTER / 2);
    await expect.poll(() => delivered.length, { timeout: PROCESS_DEADLINE_MS }).toBeGreaterThan(30);
    await postgres?.stopImmediately();
    const ackedBeforeStop = delivered.length;
    // Each server is up and says the store is unavailable (503), without being restarted.
    for (const server of servers) {
      await expect
        .poll(
          async () => (await fetch(`${server.url}/organizations/local/missed-questions`, { headers })).status,
          { timeout: PROCESS_DEADLINE_MS, interval: 200 },
        )
        .toBe(503);
    }
    // The second half is reported during the outage: queued in the outboxes.
    await reportBatch(PER_REPORTER / 2, PER_REPORTER);
    await postgres?.start();
    const flushed = await Promise.all(
      reporters.map(async (reporter) => {
        for (;;) {
          const result = await reporter.flush();
          if (result.pending === 0) return result;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }),
    );
    expect(flushed.map((result) => result.deadLettered)).toEqual([0, 0, 0]);
    expect(servers.every(running)).toBe(true);

    const expectedPairs = reporters.flatMap((_, r) =>
      Array.from({ length: PER_REPORTER }, (_unused, n) => `r${r}-s${n % 10}/r${r}-m${n}`),
    );
    const stored = await storedPairs(direct);
    expect([...stored.keys()].sort()).toEqual([...expectedPairs].sort());
    expect([...stored.values()].filter((count) => count !== 1)).toEqual([]);
    expect(new Set(delivered).size).toBe(reported);
    for (const reporter of reporters) await reporter.close();
    console.log(
      `reliability: postgres restart under 3 serve processes through PgBouncer: ${reported} reports, ` +
        `${ackedBeforeStop} acknowledged before the stop, ${stored.size} stored after the restart, 0 lost, 0 duplicated`,
    );
  }, 240_000);
});
