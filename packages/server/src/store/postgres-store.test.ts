import {
  groupMissedQuestions,
  type MissedQuestionOccurrence,
  missedQuestionTrend,
  type QuestionRef,
  type Session,
} from '@observatory/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObservatoryServer } from '../serve.js';
import { sampleSessions } from '../testing/fixtures.js';
import { findPostgresBin, startPostgres, type TestPostgres } from '../testing/postgres.js';
import {
  DOWNGRADE_TO_VERSION_5,
  expectMigratedToVersion6,
  seedVersion5Data,
} from '../testing/session-identity-migration.js';
import { describeStoreContract } from '../testing/store-contract.js';
import { describeTrendContract } from '../testing/trend-contract.js';
import { openStore } from './open-store.js';
import { SCHEMA_VERSIONS } from './sql/migrations.js';
import { openPgDriver } from './sql/pg-driver.js';
import { SqlStore } from './sql/sql-store.js';

// The PostgreSQL suite needs the server binaries (Debian: postgresql). In CI their absence is a failure;
// elsewhere the suite is skipped with a note on what to install.
const bin = findPostgresBin();
if (bin === undefined && process.env.CI === 'true') {
  throw new Error(
    'PostgreSQL binaries not found under /usr/lib/postgresql: install the "postgresql" package',
  );
}
if (bin === undefined) {
  console.warn(
    'Skipping the PostgreSQL store suite: install PostgreSQL (apt-get install postgresql) to run it',
  );
}

describe.skipIf(bin === undefined)('PostgreSQL engine', () => {
  let server: TestPostgres;
  let databases = 0;
  beforeAll(async () => {
    server = await startPostgres(bin);
  });
  afterAll(async () => {
    await server?.stop();
  });
  const database = () => server.createDatabase(`contract_${databases++}`);

  describeStoreContract('postgres://', async () => openStore(await database()));
  describeTrendContract('postgres://', async () => openStore(await database()));

  it('applies migrations once, however many stores open the database at the same time', async () => {
    const url = await database();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r: { version: number }) => r.version)).toEqual(SCHEMA_VERSIONS);
    } finally {
      await client.end();
    }
  });

  it('migrates a version-5 database with data in place to session ids unique per agent (migration 6)', async () => {
    const url = await database();
    const before = await openStore(url);
    await seedVersion5Data(before);
    await before.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const statement of DOWNGRADE_TO_VERSION_5) await client.query(statement);
    } finally {
      await client.end();
    }
    const store = await openStore(url);
    try {
      await expectMigratedToVersion6(store);
    } finally {
      await store.close();
    }
  });

  it('applies a migration a database lacks below the newest one it has (versions apply by presence)', async () => {
    const url = await database();
    await (await openStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A database as a build without version 3 left it, with the newest version applied.
      await client.query('DROP TABLE organization_tags');
      await client.query('DELETE FROM schema_migrations WHERE version = 3');
      const store = await openStore(url);
      const { tag } = await store.createTag('org', {
        scope: 'CHAT_SESSIONS',
        label: 'vip',
        createdAt: '2026-11-25T10:00:00.000Z',
      });
      await store.close();
      expect(tag.label).toBe('vip');
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r: { version: number }) => r.version)).toEqual(SCHEMA_VERSIONS);
      // A version this build does not know: a newer server wrote the schema, and this one refuses to run on it.
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from a newer server')");
      await expect(openStore(url)).rejects.toThrow(
        /version\(s\) 99, unknown to this server.*upgrade the server/,
      );
    } finally {
      await client.end();
    }
  });

  it('decides each pair once when two stores (two processes) report overlapping batches at the same time', async () => {
    const url = await database();
    let transactions = 0;
    const counted = async () => {
      const inner = await openPgDriver(url);
      return SqlStore.open(
        {
          query: (sql, params) => inner.query(sql, params),
          transaction: (work) => {
            transactions++;
            return inner.transaction(work);
          },
          close: () => inner.close(),
        },
        'postgres',
      );
    };
    const stores = await Promise.all([counted(), counted()]);
    transactions = 0; // the migrations' are not the reports'
    try {
      // 2 stores x 48 reports over 12 pairs of 3 sessions, each pair reported with 2 wordings: batches of both
      // stores share pairs, wordings and the questions' rows.
      const sent = stores.flatMap((store, s) =>
        Array.from({ length: 48 }, (_, i) => ({
          store,
          report: {
            agentId: 'a',
            question: `Wording ${(i + s) % 2}?`,
            sessionId: `s${i % 3}`,
            messageId: `m${i % 12}`,
          },
        })),
      );
      const settled = await Promise.allSettled(
        sent.map(({ store, report }) => store.reportMissedQuestion('org', report)),
      );
      const winners = new Map<string, string>();
      for (const [i, outcome] of settled.entries()) {
        if (outcome.status === 'fulfilled' && outcome.value.created) {
          const { report } = sent[i] as (typeof sent)[number];
          expect(winners.has(report.messageId)).toBe(false);
          winners.set(report.messageId, report.question);
        }
      }
      expect(winners.size).toBe(12);
      // One batch per store, neither failed on the other's writes (which would rerun its reports one by one):
      // the second waited for the first's key locks and then saw its rows.
      expect(transactions).toBe(2);
      for (const [i, outcome] of settled.entries()) {
        const { report } = sent[i] as (typeof sent)[number];
        const winner = winners.get(report.messageId);
        if (report.question === winner) expect(outcome.status).toBe('fulfilled');
        else
          expect(outcome).toMatchObject({
            status: 'rejected',
            reason: { field: 'missedQuestion.question', stored: winner },
          });
      }
      const stored = [...winners].map(([messageId, question], k) => ({
        id: `o${k}`,
        agentId: 'a',
        question,
        missedQuestionId: question,
        sessionId: `s${Number(messageId.slice(1)) % 3}`,
        messageId,
        occurredAt: '2026-11-25T10:00:00.000Z',
      }));
      const expected = groupMissedQuestions(stored).map((g) => [
        g.question,
        g.totalOccurrences,
        g.distinctSessions,
      ]);
      const listed = await stores[0]?.listMissedQuestions('org', {}, { page: 0, pageSize: 10 });
      expect(listed?.items.map((q) => [q.question, q.occurrences, q.distinctSessions]).sort()).toEqual(
        expected.sort(),
      );
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('never deadlocks a batch of reports with deletions of sessions (trend rows, question rows, slot rows)', async () => {
    const url = await database();
    // A second store (another process) reports on the kept sessions in batches of its own.
    const [store, other] = [await openStore(url), await openStore(url)];
    const org = 'org-delete-race';
    const range = { from: '2026-03-26T00:00:00.000Z', to: '2026-03-27T00:00:00.000Z' };
    const message = (id: string, createdAt: string) => ({
      id,
      role: 'user' as const,
      kind: 'text' as const,
      text: 'Refund?',
      createdAt,
      tags: [],
    });
    const report = (sessionId: string, messageId: string, by = store) =>
      by.reportMissedQuestion(org, { agentId: 'a', question: 'Refund?', sessionId, messageId });
    try {
      for (let wave = 0; wave < 4; wave++) {
        // Each session has an occurrence of the one question (so its deletion locks the question's row); a second
        // message is reported while the session, or another one, is deleted (the report's batch locks that row
        // too). Deletions and reports share the sessions' trend rows and the slots' (one slot, 8 shards).
        const ids = Array.from({ length: 12 }, (_, i) => `w${wave}-s${i}`);
        const kept = Array.from({ length: 12 }, (_, i) => `w${wave}-k${i}`);
        for (const id of [...ids, ...kept]) {
          await store.upsertSession(org, {
            ...(sampleSessions(1, wave)[0] as Session),
            id,
            agentId: 'a',
            createdAt: '2026-03-26T10:00:00.000Z',
            messages: [message('m0', '2026-03-26T10:00:00.000Z'), message('m1', '2026-03-26T10:20:00.000Z')],
          });
          await report(id, 'm0');
        }
        const settled = await Promise.allSettled([
          ...ids.flatMap((id) => [store.deleteSession(org, id, ['a']), report(id, 'm1')]),
          ...kept.map((id) => report(id, 'm1', other)),
        ]);
        expect(settled.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      }
      // What is left: the kept sessions, and the reports that ran after their session's deletion (each a
      // question of no session).
      const occurrences: MissedQuestionOccurrence[] = [];
      for await (const occurrence of store.streamOccurrences(org, {})) occurrences.push(occurrence);
      const questions: QuestionRef[] = [];
      for await (const question of store.streamUserMessages(org, { range })) questions.push(question);
      expect(questions).toHaveLength(4 * 12 * 2);
      expect(await store.missedQuestionTrend(org, { range, timeZone: 'UTC' })).toEqual(
        missedQuestionTrend({ questions, occurrences, range, timeZone: 'UTC' }),
      );
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });

  it('keeps writes acknowledged over HTTP across a restart of the server', async () => {
    const storeUrl = await database();
    const auth = { tokens: [{ token: 't', organizationId: 'org' }] };
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
    const report = { missedQuestion: { tenantId: 'a', question: 'Q?' }, sessionId: 's', messageId: 'm' };
    const first = await startObservatoryServer({ storeUrl, port: 0, auth });
    const posted = await fetch(`${first.url}/organizations/org/missed-questions`, {
      method: 'POST',
      headers,
      body: JSON.stringify(report),
    });
    expect(posted.status).toBe(201);
    await first.close();
    const second = await startObservatoryServer({ storeUrl, port: 0, auth });
    try {
      const listed = await fetch(`${second.url}/organizations/org/missed-questions`, { headers });
      expect(((await listed.json()) as { items: unknown[] }).items).toMatchObject([
        { question: 'Q?', occurrences: 1 },
      ]);
    } finally {
      await second.close();
    }
  });
});
