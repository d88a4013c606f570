import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  groupMissedQuestions,
  type MissedQuestionOccurrence,
  missedQuestionTrend,
  ObservatoryInputError,
  type Session,
} from '@observatory/core';
import { afterAll, expect, it } from 'vitest';
import { groupCounts, listedCounts, sampleSessions } from '../testing/fixtures.js';
import { describeStoreContract } from '../testing/store-contract.js';
import { describeTrendContract } from '../testing/trend-contract.js';
import { openStore } from './open-store.js';
import type { SqlDriver } from './sql/driver.js';
import { openPgliteDriver } from './sql/pglite-driver.js';
import { SqlStore } from './sql/sql-store.js';

const dir = mkdtempSync(join(tmpdir(), 'observatory-pglite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('pglite://', () => openStore(`pglite://${join(dir, 'data')}`));
describeTrendContract('pglite://', () => openStore(`pglite://${join(dir, 'trend')}`));

it('refuses an unknown store URL naming the field, without echoing a password', async () => {
  const error = await openStore('mysql://user:secret@host/db').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ObservatoryInputError);
  expect((error as ObservatoryInputError).field).toBe('url');
  expect((error as Error).message).not.toContain('secret');
});

it('records a missed-question report, new or repeated, with one statement in its transaction and no read-back', async () => {
  const inner = await openPgliteDriver(undefined);
  const statements: string[] = [];
  // The driver with the statements run inside transactions noted: what the store sends for one report.
  const driver: SqlDriver = {
    query: (sql, params) => inner.query(sql, params),
    transaction: (work) =>
      inner.transaction((tx) =>
        work({
          query: (sql, params) => {
            statements.push(sql);
            return tx.query(sql, params);
          },
        }),
      ),
    close: () => inner.close(),
  };
  const store = await SqlStore.open(driver, 'pglite');
  try {
    const report = { agentId: 'faq-bot', question: 'Do you ship?', sessionId: 's1', messageId: 'm1' };
    for (const expected of [true, false]) {
      statements.length = 0;
      const { created, question } = await store.reportMissedQuestion('org', report);
      expect({ created, occurrences: question.occurrences, statements: statements.length }).toEqual({
        created: expected,
        occurrences: 1,
        statements: 1,
      });
    }
  } finally {
    await store.close();
  }
});

it('answers a trend of whole slots from the rollups in one statement, and fills them for data stored before migration 7', async () => {
  const driver = await openPgliteDriver(undefined);
  const statements: string[] = [];
  const recording: SqlDriver = {
    query: (sql, params) => {
      statements.push(sql);
      return driver.query(sql, params);
    },
    transaction: (work) => driver.transaction(work),
    close: () => driver.close(),
  };
  const org = 'org-trend';
  const store = await SqlStore.open(recording, 'pglite');
  try {
    // Two agents hold sessions of one id with the same message ids (session ids are unique per agent).
    const sample = sampleSessions(30, 5);
    const sessions = [...sample, { ...(sample[1] as Session), agentId: 'twin-bot' }];
    for (const session of sessions) await store.upsertSession(org, session);
    for (const [i, session] of sessions.entries()) {
      const [message] = session.messages as [Session['messages'][number]];
      const at = Date.parse(message.createdAt) + (i % 3) * 15 * 60_000;
      await store.reportMissedQuestion(org, {
        agentId: session.agentId,
        question: message.text ?? '?',
        sessionId: session.id,
        messageId: i % 4 === 0 ? `nowhere-${i}` : message.id,
        occurredAt: new Date(at).toISOString(),
      });
    }
    const filter = {
      range: { from: '2026-03-19T22:00:00.000Z', to: '2026-04-09T21:00:00.000Z' },
      timeZone: 'Europe/Athens',
      bucket: 'day' as const,
    };
    statements.length = 0;
    const trend = await store.missedQuestionTrend(org, filter);
    expect(statements).toHaveLength(1);
    expect(trend.totalMissedQuestions).toBe(sessions.length);

    // The database as a build without migration 7 left it: the rollups are filled from what is stored.
    for (const table of ['missed_trend_slots', 'missed_trend_split', 'missed_trend_sessions']) {
      await driver.query(`DROP TABLE ${table}`);
    }
    await driver.query('DELETE FROM schema_migrations WHERE version = 7');
    const upgraded = await SqlStore.open(driver, 'pglite');
    expect(await upgraded.missedQuestionTrend(org, filter)).toEqual(trend);
    const exact = missedQuestionTrend({
      questions: sessions.flatMap((s) =>
        s.messages
          .filter((m) => m.role === 'user')
          .map((m) => ({ agentId: s.agentId, sessionId: s.id, messageId: m.id, createdAt: m.createdAt })),
      ),
      occurrences: await collect(upgraded.streamOccurrences(org, {})),
      ...filter,
    });
    expect(trend).toEqual(exact);
  } finally {
    await store.close();
  }
});

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

it("counts a range's questions from their active days, filled for data stored before migration 8", async () => {
  const driver = await openPgliteDriver(undefined);
  const org = 'org-active-days';
  const store = await SqlStore.open(driver, 'pglite');
  try {
    const reported: MissedQuestionOccurrence[] = [];
    // Days apart, one question with a gap around the range, some on a range's partial edge day.
    const days = ['2026-03-01T12:00:00.000Z', '2026-03-09T23:30:00.000Z', '2026-03-12T08:00:00.000Z'];
    for (const [q, question] of ['Around?', 'Edge?', 'Inside?', 'Before?'].entries()) {
      for (const at of q === 0 ? [days[0], '2026-03-30T12:00:00.000Z'] : [days[q % days.length], days[0]]) {
        const occurrence = {
          agentId: 'faq-bot',
          question,
          sessionId: `s-${reported.length}`,
          messageId: `m-${reported.length}`,
          occurredAt: at as string,
        };
        await store.reportMissedQuestion(org, occurrence);
        reported.push(occurrence);
      }
    }
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const ranges = [
      { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' },
      { from: '2026-03-09T18:15:00.000Z', to: '2026-03-19T18:15:00.000Z' },
    ];
    const totals = async (reading: SqlStore) =>
      Promise.all(
        ranges.map(async (range) => (await reading.listMissedQuestions(org, { range, sort })).total),
      );
    const expected = ranges.map((range) => groupMissedQuestions(reported, { range }).length);
    expect(await totals(store)).toEqual(expected);

    // The database as a build without migration 8 left it: the bits are filled from the day rows.
    for (const statement of [
      'DROP TRIGGER missed_question_days_added ON missed_question_days',
      'DROP TRIGGER missed_question_days_removed ON missed_question_days',
      'DROP FUNCTION missed_question_days_added',
      'DROP FUNCTION missed_question_days_removed',
      'ALTER TABLE missed_questions DROP COLUMN active_base, DROP COLUMN active_days',
      'DELETE FROM schema_migrations WHERE version = 8',
    ]) {
      await driver.query(statement);
    }
    const upgraded = await SqlStore.open(driver, 'pglite');
    expect(await totals(upgraded)).toEqual(expected);
  } finally {
    await store.close();
  }
});

it('reopens data stored before migration 11: the top index is built and one batch adds several days to a question', async () => {
  const driver = await openPgliteDriver(undefined);
  const org = 'org-top-index';
  const store = await SqlStore.open(driver, 'pglite');
  try {
    const reported: MissedQuestionOccurrence[] = [];
    const report = (question: string, day: number) => {
      const occurrence = {
        agentId: 'faq-bot',
        question,
        sessionId: `s-${reported.length}`,
        messageId: `m-${reported.length}`,
        occurredAt: `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`,
      };
      reported.push(occurrence);
      return store.reportMissedQuestion(org, occurrence);
    };
    for (const day of [1, 5, 12]) await report('Stored before?', day);

    // The database as a build at migration 10 left it: no index, the trigger's function of migration 8 replaced.
    for (const statement of [
      'DROP INDEX missed_questions_org_count',
      'DROP FUNCTION missed_question_with_days',
      'DELETE FROM schema_migrations WHERE version = 11',
    ]) {
      await driver.query(statement);
    }
    const upgraded = await SqlStore.open(driver, 'pglite');
    const indexes = await driver.query(
      "SELECT 1 FROM pg_indexes WHERE indexname = 'missed_questions_org_count'",
    );
    expect(indexes).toHaveLength(1);
    // Reported at once: batches add several days to each question in one statement.
    await Promise.all(
      [2, 9, 14, 16, 25].flatMap((day) => [report('Stored before?', day), report('After?', day)]),
    );
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    for (const range of [
      { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' },
      { from: '2026-03-03T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' },
      { from: '2026-03-20T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' },
    ]) {
      const listed = await upgraded.listMissedQuestions(org, { range, sort });
      const expected = groupMissedQuestions(reported, { range });
      expect({ range, total: listed.total, items: listed.items.map(listedCounts) }).toEqual({
        range,
        total: expected.length,
        items: expected.map(groupCounts),
      });
    }
  } finally {
    await store.close();
  }
});

it("reopens data stored before migration 12: the occurrence indexes cover the edge days' columns, lists as before", async () => {
  const driver = await openPgliteDriver(undefined);
  const org = 'org-covering';
  const store = await SqlStore.open(driver, 'pglite');
  try {
    const reported: MissedQuestionOccurrence[] = [];
    const report = async (question: string, at: string, sessionId = `s-${reported.length}`) => {
      const occurrence = {
        agentId: 'faq-bot',
        question,
        sessionId,
        messageId: `m-${reported.length}`,
        occurredAt: at,
      };
      reported.push(occurrence);
      await store.reportMissedQuestion(org, occurrence);
    };
    // Kathmandu's 10–19 March: 18:15 UTC on the 9th to 18:15 UTC on the 19th; occurrences on both edge days,
    // inside and outside the range, one session twice on an edge day.
    for (const [question, at] of [
      ['Edge?', '2026-03-09T18:00:00.000Z'],
      ['Edge?', '2026-03-09T18:30:00.000Z'],
      ['Edge?', '2026-03-19T18:10:00.000Z'],
      ['Inside?', '2026-03-12T08:00:00.000Z'],
      ['Inside?', '2026-03-19T19:00:00.000Z'],
    ] as const) {
      await report(question, at);
    }
    await report('Edge?', '2026-03-09T23:00:00.000Z', 's-0');
    await report('Edge?', '2026-03-09T22:00:00.000Z', 's-1');

    // The database as a build at migration 11 left it: the two indexes without their covered columns.
    for (const statement of [
      'DROP INDEX occurrences_question_time',
      'CREATE INDEX occurrences_question_time ON missed_question_occurrences (org_id, missed_question_id, occurred_at)',
      'DROP INDEX occurrences_org_time',
      'CREATE INDEX occurrences_org_time ON missed_question_occurrences (org_id, occurred_at)',
      'DELETE FROM schema_migrations WHERE version = 12',
    ]) {
      await driver.query(statement);
    }
    const upgraded = await SqlStore.open(driver, 'pglite');
    const indexes = await driver.query(
      "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'occurrences_%time' ORDER BY indexname",
    );
    expect(
      indexes.map((row) => [row.indexname, /INCLUDE \((\w+)\)/.exec(String(row.indexdef))?.[1]]),
    ).toEqual([
      ['occurrences_org_time', 'missed_question_id'],
      ['occurrences_question_time', 'session_id'],
    ]);
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const range = { from: '2026-03-09T18:15:00.000Z', to: '2026-03-19T18:15:00.000Z' };
    const listed = await upgraded.listMissedQuestions(org, { range, sort });
    const expected = groupMissedQuestions(reported, { range });
    expect({ total: listed.total, items: listed.items.map(listedCounts) }).toEqual({
      total: expected.length,
      items: expected.map(groupCounts),
    });
  } finally {
    await store.close();
  }
});
