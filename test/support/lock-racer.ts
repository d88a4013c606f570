// One contender for a PGlite folder lock (packages/server/src/store/folder-lock.process.test.ts): prints
// `ready`, waits until the file GO exists (so that every contender starts at once), then tries to take the
// lock of FOLDER and prints `won` (keeping it until killed) or `refused by <pid>`.
import { existsSync } from 'node:fs';
import { StoreLockedError } from '../../packages/server/src/startup-errors.js';
import { lockFolder } from '../../packages/server/src/store/folder-lock.js';

const folder = process.env.FOLDER ?? '';
const go = process.env.GO ?? '';
console.log('ready');
while (!existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 1));
try {
  await lockFolder(folder);
  console.log('won');
  setInterval(() => undefined, 60_000);
} catch (error) {
  if (!(error instanceof StoreLockedError)) throw error;
  console.log(`refused by ${error.holderPid}`);
}
