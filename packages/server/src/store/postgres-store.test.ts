import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObservatoryServer } from '../serve.js';
import { findPostgresBin, startPostgres, type TestPostgres } from '../testing/postgres.js';
import { describeStoreContract } from '../testing/store-contract.js';
import { openStore } from './open-store.js';
import { LATEST_SCHEMA_VERSION } from './sql/migrations.js';

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

  it('applies migrations once, however many stores open the database at the same time', async () => {
    const url = await database();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
    await Promise.all(stores.map((s) => s.close()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r: { version: number }) => r.version)).toEqual(
        Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => i + 1),
      );
    } finally {
      await client.end();
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
