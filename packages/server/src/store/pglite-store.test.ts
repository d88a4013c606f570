import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObservatoryInputError } from '@observatory/core';
import { afterAll, expect, it } from 'vitest';
import { describeStoreContract } from '../testing/store-contract.js';
import { openStore } from './open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'observatory-pglite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('pglite://', () => openStore(`pglite://${join(dir, 'data')}`));

it('refuses an unknown store URL naming the field, without echoing a password', async () => {
  const error = await openStore('mysql://user:secret@host/db').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ObservatoryInputError);
  expect((error as ObservatoryInputError).field).toBe('url');
  expect((error as Error).message).not.toContain('secret');
});
