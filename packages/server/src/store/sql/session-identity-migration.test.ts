import { expect, it } from 'vitest';
import {
  DOWNGRADE_TO_VERSION_5,
  expectMigratedToVersion6,
  seedVersion5Data,
} from '../../testing/session-identity-migration.js';
import { SCHEMA_VERSIONS } from './migrations.js';
import { openPgliteDriver } from './pglite-driver.js';
import { SqlStore } from './sql-store.js';

it('migrates a version-5 database with data in place to session ids unique per agent (migration 6)', async () => {
  const driver = await openPgliteDriver(undefined);
  await seedVersion5Data(await SqlStore.open(driver, 'memory'));
  for (const statement of DOWNGRADE_TO_VERSION_5) await driver.query(statement);
  expect(await driver.query('SELECT 1 FROM schema_migrations WHERE version = 6')).toEqual([]);
  const store = await SqlStore.open(driver, 'memory');
  try {
    const versions = await driver.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => Number(row.version))).toEqual(SCHEMA_VERSIONS);
    await expectMigratedToVersion6(store);
  } finally {
    await store.close();
  }
  // Two migrations of a fresh PGlite: seconds each on a loaded machine.
}, 60_000);
