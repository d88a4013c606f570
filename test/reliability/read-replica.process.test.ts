import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import { postgresBinForSuite } from '../support/postgres.js';
import { PROCESS_DEADLINE_MS, useProcesses } from '../support/processes.js';

const SUITE = 'exports and analytics on a streaming replica (--read-store)';
const bin = postgresBinForSuite(SUITE);
const TOKEN = 'replica-token';
const processes = useProcesses();
let postgres: TestPostgres | undefined;
afterAll(() => postgres?.stop());

/** `observatory serve` from source on the primary, reading exports and analytics from `replica`. */
async function serve(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const child = processes.startTsx(
    'packages/cli/src/bin.ts',
    ['serve', '--port', '0', '--token', TOKEN, '--org', 'local', '--json', ...args],
    { cwd: processes.tempDir('observatory-replica-'), env: { OBSERVATORY_STORE: undefined, ...env } },
  );
  const printed = JSON.parse((await child.waitFor(/^\{.*\}$/m))[0]) as { url: string };
  return printed.url;
}

/** `observatory-server` from source, configured by its environment only. */
async function serveBin(env: Record<string, string>): Promise<string> {
  const child = processes.startTsx('packages/server/src/bin.ts', [], {
    cwd: processes.tempDir('observatory-replica-bin-'),
    env: { OBSERVATORY_PORT: '0', OBSERVATORY_TOKEN: TOKEN, OBSERVATORY_ORG: 'local', ...env },
  });
  return (await child.waitFor(/listening on (\S+)/))[1] ?? '';
}

async function text(file: { body: ReadableStream<Uint8Array> }): Promise<string> {
  return new Response(file.body).text();
}

describe.skipIf(bin === undefined)(SUITE, () => {
  it('with replay paused on the replica, exports and analytics miss the newest writes while lists, gets and tags read them on the primary; resumed, the exports catch up', async () => {
    postgres = await startPostgres(bin);
    const replica = await postgres.startReplica();
    // `observatory serve` with the flag and with the environment variable, and `observatory-server`.
    const urls = await Promise.all([
      serve(['--store', postgres.url, '--read-store', replica.url]),
      serve(['--store', postgres.url], { OBSERVATORY_READ_STORE: replica.url }),
      serveBin({ OBSERVATORY_STORE: postgres.url, OBSERVATORY_READ_STORE: replica.url }),
    ]);
    const clients = urls.map((baseUrl) =>
      createObservatoryClient({ baseUrl, token: TOKEN, organizationId: 'local' }),
    );
    const [writer] = clients as [ObservatoryClient];
    const now = Date.now();
    const range = {
      startDate: new Date(now - 86_400_000).toISOString(),
      endDate: new Date(now + 86_400_000).toISOString(),
      timeZone: 'UTC',
    };
    const write = async (name: string) => {
      const createdAt = new Date().toISOString();
      await writer.ingest.upsertSession({
        id: `session-${name}`,
        agentId: 'faq-bot',
        contact: { id: 'user-1' },
        createdAt,
        messages: [{ id: `message-${name}`, role: 'user', text: `words-${name}`, createdAt }],
      });
      await writer.missedQuestions.report({
        tenantId: 'faq-bot',
        question: `Question ${name}?`,
        sessionId: `session-${name}`,
        messageId: `message-${name}`,
      });
    };
    const missedCsv = (client: ObservatoryClient) => client.missedQuestions.export().then(text);
    const sessionsCsv = (client: ObservatoryClient) =>
      client.sessions.export({}, { fileType: 'csv' }).then(text);
    const missedTotal = async (client: ObservatoryClient) =>
      (await client.analytics.missedQuestions(range)).totalMissedQuestions;

    await write('before');
    for (const client of clients) {
      await expect
        .poll(() => missedCsv(client), { timeout: PROCESS_DEADLINE_MS })
        .toContain('Question before?');
    }

    const standby = new pg.Client({ connectionString: replica.url });
    await standby.connect();
    try {
      await standby.query('SELECT pg_wal_replay_pause()');
      await expect
        .poll(async () => (await standby.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0]?.s, {
          timeout: PROCESS_DEADLINE_MS,
        })
        .toBe('paused');
      await write('after');
      await writer.sessions.setTags('session-before', ['fresh']);

      for (const client of clients) {
        // On the primary: the writes just made are read back.
        expect((await client.sessions.get('session-after')).id).toBe('session-after');
        expect((await client.sessions.get('session-before')).tags).toEqual(['fresh']);
        const listed = await client.sessions.list({});
        expect(listed.items.map((session) => session.id).sort()).toEqual(['session-after', 'session-before']);
        const questions = await client.missedQuestions.list({});
        expect(questions.items.map((question) => question.question).sort()).toEqual([
          'Question after?',
          'Question before?',
        ]);
        // On the paused replica: exports and analytics stop at the writes before the pause.
        const missed = await missedCsv(client);
        expect(missed).toContain('Question before?');
        expect(missed).not.toContain('Question after?');
        const sessions = await sessionsCsv(client);
        expect(sessions).toContain('words-before');
        expect(sessions).not.toContain('words-after');
        expect(await missedTotal(client)).toBe(1);
      }

      await standby.query('SELECT pg_wal_replay_resume()');
      for (const client of clients) {
        await expect
          .poll(() => missedCsv(client), { timeout: PROCESS_DEADLINE_MS })
          .toContain('Question after?');
        expect(await sessionsCsv(client)).toContain('words-after');
        expect(await missedTotal(client)).toBe(2);
      }
    } finally {
      await standby.end();
    }
  }, 240_000);
});
