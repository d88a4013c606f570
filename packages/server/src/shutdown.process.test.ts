import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinForSuite } from '../../../test/support/postgres.js';
import { PROCESS_DEADLINE_MS, useProcesses } from '../../../test/support/processes.js';
import { DEFAULT_SHUTDOWN_GRACE_MS } from './graceful-close.js';
import { startPostgres, type TestPostgres } from './testing/postgres.js';

const processes = useProcesses();
const token = 'shutdown-token';
const WORKERS = 8;

/** POSTs one report on a keep-alive connection of `agent`. */
function post(agent: Agent, url: string, question: string, id: string): Promise<number> {
  const body = JSON.stringify({
    missedQuestion: { tenantId: 'faq-bot', question },
    sessionId: `session-${id}`,
    messageId: `message-${id}`,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/organizations/local/missed-questions`,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * SIGTERM while 8 keep-alive clients report as fast as they can: the server must stop (it used to keep answering
 * the open connections), and every report it answered 201 must be in the store afterwards.
 */
async function sigtermUnderLoad(storeUrl: string): Promise<void> {
  const env = { OBSERVATORY_STORE: storeUrl, OBSERVATORY_PORT: '0', OBSERVATORY_TOKEN: token };
  const server = processes.startTsx('packages/server/src/bin.ts', [], { env });
  const url = (await server.waitFor(/listening on (\S+)/))[1] ?? '';
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
  const acknowledged: string[] = [];
  let signalledAt: number | undefined;
  const worker = async (w: number) => {
    for (let i = 0; ; i++) {
      const question = `Question ${w}-${i}?`;
      try {
        const status = await post(agent, url, question, `${w}-${i}`);
        if (status === 201) acknowledged.push(question);
        else expect(status).toBe(201);
      } catch (error) {
        // Refused or closed connections are what a stopping server gives; before the signal they are a failure.
        if (signalledAt === undefined) throw error;
        return;
      }
    }
  };
  const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  const deadline = Date.now() + PROCESS_DEADLINE_MS;
  while (acknowledged.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(acknowledged.length).toBeGreaterThanOrEqual(200);

  signalledAt = Date.now();
  server.signal('SIGTERM');
  // The grace period bounds the wait for requests in flight; closing the store follows. A generous margin for a
  // loaded machine, far below "never", which is what the server did before.
  expect(await server.exited(DEFAULT_SHUTDOWN_GRACE_MS + 50_000)).toEqual({ code: 0, signal: null });
  await load;
  agent.destroy();

  const restarted = processes.startTsx('packages/server/src/bin.ts', [], { env });
  const restartedUrl = (await restarted.waitFor(/listening on (\S+)/))[1] ?? '';
  const client = createObservatoryClient({ baseUrl: restartedUrl, token, organizationId: 'local' });
  const stored = new Set<string>();
  for await (const question of client.missedQuestions.iterate({})) stored.add(question.question);
  expect(acknowledged.filter((question) => !stored.has(question))).toEqual([]);
  restarted.signal('SIGTERM');
  expect(await restarted.exited()).toEqual({ code: 0, signal: null });
}

describe('SIGTERM under keep-alive load', () => {
  it('on the embedded store (pglite): stops within the grace period and loses no acknowledged write', async () => {
    await sigtermUnderLoad(`pglite://${join(processes.tempDir('observatory-sigterm-'), 'data')}`);
  });

  const bin = postgresBinForSuite('SIGTERM under keep-alive load on PostgreSQL');
  describe.skipIf(bin === undefined)('on PostgreSQL', () => {
    let postgres: TestPostgres | undefined;
    afterAll(() => postgres?.stop());

    it('stops within the grace period and loses no acknowledged write', async () => {
      postgres = await startPostgres(bin);
      await sigtermUnderLoad(postgres.url);
    });

    it('stops on SIGTERM while a statement waits on a lock held elsewhere; the unanswered report is not stored', async () => {
      postgres ??= await startPostgres(bin);
      const store = await postgres.createDatabase('stuck_close');
      const env = { OBSERVATORY_STORE: store, OBSERVATORY_PORT: '0', OBSERVATORY_TOKEN: token };
      const server = processes.startTsx('packages/server/src/bin.ts', [], { env });
      const url = (await server.waitFor(/listening on (\S+)/))[1] ?? '';
      // Another session (an administrator's, a migration's) holds the table a report writes, and keeps it.
      const admin = new pg.Client({ connectionString: store });
      await admin.connect();
      try {
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE missed_questions IN ACCESS EXCLUSIVE MODE');
        const agent = new Agent({ keepAlive: true });
        const report = post(agent, url, 'Stuck behind a lock?', 'stuck').catch((error: Error) => error);
        for (;;) {
          const { rows } = await admin.query(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
          );
          if (rows.length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        server.signal('SIGTERM');
        // The grace period, then the store's own bound on closing its connections; far below "never", which is
        // what the server did before (the pool waited for the statement, the statement for the lock).
        expect(await server.exited(DEFAULT_SHUTDOWN_GRACE_MS + 50_000)).toEqual({ code: 0, signal: null });
        expect(server.stderr()).toMatch(/1 database connection still busy/);
        // The request got no answer: its connection was cut, never a success.
        expect(await report).toBeInstanceOf(Error);
        agent.destroy();
        await admin.query('ROLLBACK');
        // Its transaction was rolled back with its connection: nothing unacknowledged was stored.
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM missed_question_occurrences');
        expect(rows).toEqual([{ n: 0 }]);
      } finally {
        await admin.end();
      }
    });
  });
});
