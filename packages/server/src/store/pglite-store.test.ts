import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObservatoryInputError } from '@observatory/core';
import { afterAll, expect, it } from 'vitest';
import { describeStoreContract } from '../testing/store-contract.js';
import { openStore } from './open-store.js';
import type { SqlDriver } from './sql/driver.js';
import { openPgliteDriver } from './sql/pglite-driver.js';
import { SqlStore } from './sql/sql-store.js';

const dir = mkdtempSync(join(tmpdir(), 'observatory-pglite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('pglite://', () => openStore(`pglite://${join(dir, 'data')}`));

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
