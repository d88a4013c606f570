import { ObservatoryInputError } from '@observatory/core';
import { expect, it } from 'vitest';
import { openStore, redactUrl } from './open-store.js';

it.each([
  ['postgres://app:s3cret@db:5432/observatory', 'postgres://app:***@db:5432/observatory'],
  ['postgresql://:s3cret@db/observatory', 'postgresql://:***@db/observatory'],
  // Typed without percent-encoding, a password may hold '@' and '/': everything up to the last '@' goes.
  ['postgres://app:s3c@r/et@db/observatory', 'postgres://app:***@db/observatory'],
  [
    'postgres://db/observatory?user=app&password=s3cret&sslmode=require',
    'postgres://db/observatory?user=app&password=***&sslmode=require',
  ],
  ['postgres://app@db/observatory', 'postgres://app@db/observatory'],
  ['pglite://./observatory-data', 'pglite://./observatory-data'],
  ['memory://', 'memory://'],
])('redactUrl(%j) is %j', (url, redacted) => {
  expect(redactUrl(url)).toBe(redacted);
});

it('an unknown store URL is refused without echoing its password', async () => {
  const refusal = await openStore('mysql://app:s3cret@db/observatory').catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(ObservatoryInputError);
  expect(String((refusal as Error).message)).not.toContain('s3cret');
});

it.each([
  [
    'postgres://app@127.0.0.1:9/observatory',
    'mysql://app:s3cret@replica/observatory',
    'postgres://… (a streaming replica of the store)',
  ],
  [
    'memory://',
    'postgres://app:s3cret@replica/observatory',
    'none with an embedded store (only a postgres:// store has replicas)',
  ],
])(
  'a read URL that cannot be a replica of %j is refused (field readUrl) before connecting, without its password',
  async (url, readUrl, expected) => {
    const refusal = await openStore(url, { readUrl }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ObservatoryInputError);
    expect(refusal).toMatchObject({ field: 'readUrl', expected });
    expect(String((refusal as Error).message)).not.toContain('s3cret');
  },
);
