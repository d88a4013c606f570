import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import { postgresBinForSuite } from '../support/postgres.js';
import { type SpawnedServer, useServers } from './spawn-server.js';

// The server process SIGKILLed at random moments under 8 concurrent writers, restarted on the same store each
// time: every report it acknowledged is stored exactly once afterwards.

const bin = postgresBinForSuite('server SIGKILL on PostgreSQL');
const TOKEN = 'kill-token';
const WRITERS = 8;
const KILLS = 2;
const QUESTIONS = 5;
const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const org = '/organizations/local';

const servers = useServers();
let server: SpawnedServer | undefined;
let postgres: TestPostgres | undefined;
afterAll(async () => {
  await server?.kill();
  await postgres?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const engines: Array<[string, () => Promise<string>]> = [
  ['pglite', async () => `pglite://${join(servers.tempDir('observatory-kill-'), 'data')}`],
];
if (bin !== undefined) {
  engines.push([
    'postgres',
    async () => {
      postgres = await startPostgres(bin);
      return postgres.url;
    },
  ]);
}

describe.each(engines)('server SIGKILLed under load on %s', (engine, storeUrl) => {
  it(`${KILLS} kills at random moments: every acknowledged report is stored exactly once`, async () => {
    const store = await storeUrl();
    await server?.kill(); // the other engine's
    server = await servers.start({ store, token: TOKEN });
    let url = server.url;
    let next = 0;
    let stop = false;
    let tried = 0;
    const acknowledged = new Set<string>();
    const unexpected: string[] = [];

    // A writer sends each report until it is acknowledged, as a reporter's outbox does: a dead server (no
    // connection, a connection cut) or a 503 means "later".
    const writer = async () => {
      while (!stop) {
        const n = next++;
        const id = `${engine}-m${n}`;
        for (;;) {
          tried += 1;
          try {
            const res = await fetch(`${url}${org}/missed-questions`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                missedQuestion: { tenantId: 'faq-bot', question: `Chaos ${n % QUESTIONS}?` },
                sessionId: `s${n % 11}`,
                messageId: id,
              }),
              signal: AbortSignal.timeout(30_000),
            });
            const text = await res.text();
            if (res.status === 201 || res.status === 200) {
              acknowledged.add(id);
              break;
            }
            if (res.status !== 503) unexpected.push(`${id}: ${res.status} ${text.slice(0, 200)}`);
          } catch {
            // the server is down or was killed mid-request: try again
          }
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);

    const delays: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const floor = acknowledged.size + 20;
      await until(() => acknowledged.size >= floor, 60_000, `${floor} acknowledged reports`);
      const delay = Math.floor(Math.random() * 500);
      delays.push(delay);
      await sleep(delay);
      await server.kill();
      server = await servers.start({ store, token: TOKEN });
      url = server.url;
    }
    const floor = acknowledged.size + 20;
    await until(() => acknowledged.size >= floor, 60_000, 'reports after the last restart');
    stop = true;
    await Promise.all(writers);

    // Read back every occurrence of every question through the API.
    const stored = new Map<string, number>();
    const listed = await fetch(`${url}${org}/missed-questions?pageSize=100`, { headers });
    const questions = ((await listed.json()) as { items: Array<{ id: string }> }).items;
    for (const question of questions) {
      for (let page = 0; ; page++) {
        const res = await fetch(
          `${url}${org}/missed-questions/${question.id}/occurrences?pageSize=1000&page=${page}`,
          { headers },
        );
        const body = (await res.json()) as { items: Array<{ messageId: string }>; total: number };
        for (const o of body.items) stored.set(o.messageId, (stored.get(o.messageId) ?? 0) + 1);
        if ((page + 1) * 1000 >= body.total) break;
      }
    }
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    const duplicated = [...stored].filter(([, count]) => count > 1);
    console.log(
      `reliability: server SIGKILLed on ${engine}: ${KILLS} kills survived (after ${delays.join(', ')} ms), ` +
        `${tried} requests tried, ${acknowledged.size} acknowledged, ${lost.length} lost, ${duplicated.length} duplicated`,
    );
    expect(unexpected).toEqual([]);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(stored.size).toBe(acknowledged.size);
  }, 300_000);
});
