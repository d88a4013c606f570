import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import { postgresBinForSuite } from '../support/postgres.js';
import { type SpawnedServer, useServers } from './spawn-server.js';

const bin = postgresBinForSuite('PostgreSQL restart under load');

const TOKEN = 'restart-token';
const WRITERS = 16;
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

let postgres: TestPostgres | undefined;
let server: SpawnedServer | undefined;
const servers = useServers();
afterAll(async () => {
  await server?.kill();
  await postgres?.stop();
});

/** Waits until `condition` holds, polling; fails after `ms` so a broken server cannot hang the suite. */
async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it.skipIf(bin === undefined)(
  'a PostgreSQL restart under 16 concurrent writers: the server stays up, sheds with 503 + Retry-After, reconnects, loses and duplicates nothing',
  async () => {
    postgres = await startPostgres(bin);
    server = await servers.start({ store: postgres.url, token: TOKEN });
    const { url } = server;

    let next = 0;
    let stop = false;
    const acknowledged = new Set<string>();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let tried = 0;
    let shedWithoutRetryAfter = 0;

    // Each writer sends report after report; one answered 503 is sent again until it is acknowledged, as a
    // reporter's outbox does. Any other answer, or a dropped connection, is a failure of the server.
    const writer = async () => {
      while (!stop) {
        const n = next++;
        const id = `m${n}`;
        for (;;) {
          tried += 1;
          let res: Response;
          try {
            res = await fetch(`${url}/organizations/local/missed-questions`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                missedQuestion: { tenantId: 'faq-bot', question: `Question ${n % 7}?` },
                sessionId: `s${n % 13}`,
                messageId: id,
              }),
              signal: AbortSignal.timeout(30_000),
            });
          } catch (error) {
            failures.push(`${id}: ${String(error)}`);
            return;
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const body = await res.text();
          if (res.status === 201 || res.status === 200) {
            acknowledged.add(id);
            break;
          }
          if (res.status !== 503) {
            failures.push(`${id}: ${res.status} ${body}`);
            return;
          }
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          const retryAfter = Number(res.headers.get('retry-after'));
          if (!(retryAfter >= 1)) shedWithoutRetryAfter += 1;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);

    await until(() => acknowledged.size >= 100 || failures.length > 0, 60_000, '100 acknowledged reports');
    await postgres.stopImmediately();
    await until(() => (statuses.get(503) ?? 0) >= WRITERS || failures.length > 0, 30_000, '503 answers');
    const beforeRestart = acknowledged.size;
    await postgres.start();
    await until(
      () => acknowledged.size >= beforeRestart + 100 || failures.length > 0,
      60_000,
      '100 acknowledged reports after the restart',
    );
    stop = true;
    await Promise.all(writers);

    expect(failures).toEqual([]);
    expect(server.running()).toBe(true);
    expect(shedWithoutRetryAfter).toBe(0);
    // 200: a report whose commit went through while its answer was lost, sent again.
    expect([...statuses.keys()].filter((status) => ![200, 201, 503].includes(status))).toEqual([]);
    expect(statuses.get(503)).toBeGreaterThan(0);

    // Every acknowledged report is stored exactly once: count the rows themselves.
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ message_id: string; n: string }>(
        'SELECT message_id, count(*) AS n FROM missed_question_occurrences GROUP BY message_id',
      );
      const stored = new Map(rows.map((row) => [row.message_id, Number(row.n)]));
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      const duplicated = rows.filter((row) => Number(row.n) > 1);
      console.log(
        `reliability: postgres restart under ${WRITERS} writers: ${tried} requests tried, ` +
          `${acknowledged.size} acknowledged, ${statuses.get(503) ?? 0} shed with 503, ` +
          `${lost.length} lost, ${duplicated.length} duplicated`,
      );
      expect(lost).toEqual([]);
      expect(duplicated).toEqual([]);
      expect(stored.size).toBe(acknowledged.size);
    } finally {
      await client.end();
    }
  },
  180_000,
);
