import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StoreLockedError } from '../startup-errors.js';

/** The lock file inside a PGlite data folder; it holds the pid of the process that has the folder open. */
export const LOCK_FILE = 'observatory.lock';

// A take-over guard older than this was left by a process killed mid-take-over (which lasts microseconds).
const STALE_GUARD_MS = 10_000;

/**
 * A held folder lock. `release()` is synchronous so that it can also run in a process `exit` handler.
 *
 * @example
 * ```ts
 * const lock = await lockFolder('./observatory-data');
 * lock.release();
 * ```
 */
export interface FolderLock {
  release(): void;
}

/**
 * Takes the lock of a data folder for this process, creating the folder if missing. The lock file
 * (`observatory.lock`, holding the pid) is created atomically, fully written, so no other process can see it
 * half-made. A lock whose holder is alive — this process included — is refused with `StoreLockedError`; one
 * whose holder is gone (killed, crashed) is taken over, under a guard file, so two processes taking over the
 * same stale lock cannot both win. The lock is released on `release()` and when the process exits.
 *
 * @example
 * ```ts
 * const lock = await lockFolder('./observatory-data'); // throws StoreLockedError while another process holds it
 * ```
 */
export async function lockFolder(folder: string): Promise<FolderLock> {
  const dir = resolve(folder);
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (;;) {
    if (await createWithPid(path, (temp) => link(temp, path))) return held(path);
    const text = await readIfExists(path);
    if (text === undefined) continue; // released in between: claim it again
    const holder = Number.parseInt(text, 10);
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new StoreLockedError(dir, holder);
    if (await takeOver(path, text)) return held(path);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Replaces a stale lock whose content is still `staleText`, holding the guard; false when it lost a race. */
async function takeOver(path: string, staleText: string): Promise<boolean> {
  const guard = `${path}.takeover`;
  if (!(await createWithPid(guard, (temp) => link(temp, guard)))) {
    const age = await stat(guard).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > STALE_GUARD_MS) await unlink(guard).catch(() => undefined);
    return false;
  }
  try {
    // Under the guard, nobody else replaces the lock: if it is still the stale one, it is ours to replace.
    if ((await readIfExists(path)) !== staleText) return false;
    return await createWithPid(path, (temp) => rename(temp, path));
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** Writes this pid to a temp file, then `place`s it (link: only if absent; rename: replacing). */
async function createWithPid(path: string, place: (temp: string) => Promise<void>): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temp, 'w');
  try {
    await file.writeFile(`${process.pid}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await place(temp);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function held(path: string): FolderLock {
  const release = () => {
    process.off('exit', release);
    try {
      // Only our own lock: after a take-over by mistake (pid reuse), the file may be someone else's.
      if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.on('exit', release);
  return { release };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
