import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL server on 127.0.0.1, for tests.
 *
 * @example
 * ```ts
 * const server = await startPostgres();
 * const store = await openStore(server.url);
 * await server.stop();
 * ```
 */
export interface TestPostgres {
  /** `postgres://` URL of a fresh database on the server. */
  readonly url: string;
  /** Creates another empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server as `pg_ctl -m immediate stop` does (SIGQUIT: no checkpoint, connections cut) and keeps
   * its data; {@link TestPostgres.start} brings it back on the same port.
   */
  stopImmediately(): Promise<void>;
  /** Starts the server again after {@link TestPostgres.stopImmediately}, waiting until it accepts connections. */
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * Finds the PostgreSQL server binaries (Debian's `/usr/lib/postgresql/<version>/bin`, newest first), or
 * undefined when none is installed.
 *
 * @example
 * ```ts
 * if (findPostgresBin() === undefined) console.warn('apt-get install postgresql');
 * ```
 */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/**
 * Starts PostgreSQL in a temporary directory on a free port of 127.0.0.1 (never another address). As root,
 * `initdb` and `postgres` refuse to run, so they run as the `postgres` user through `runuser`.
 *
 * @example
 * ```ts
 * const server = await startPostgres();
 * ```
 */
export async function startPostgres(bin = findPostgresBin()): Promise<TestPostgres> {
  if (bin === undefined) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'observatory-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (file: string, args: string[]) =>
    asRoot
      ? (['runuser', ['-u', 'postgres', '--', join(bin, file), ...args]] as const)
      : ([join(bin, file), args] as const);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = run('initdb', [
    '-D',
    data,
    '-U',
    'observatory',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, [...initArgs], { stdio: 'pipe' });
  const port = await freePort();
  // fsync stays on: the restart test relies on acknowledged writes surviving the server.
  const [cmd, args] = run('postgres', ['-D', data, '-k', dir, '-h', '127.0.0.1', '-p', String(port)]);
  const base = `postgres://observatory@127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const launch = async () => {
    // Its own process group, so that ending the group ends runuser, the postmaster and its workers.
    const started = spawn(cmd, [...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    process.once('exit', () => killGroup(started));
    let log = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    await waitReady(`${base}/postgres`, started, () => log);
  };
  // runuser does not pass signals on: signal the postmaster itself.
  const signalPostmaster = async (signal: NodeJS.Signals) => {
    const running = child;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, signal);
    await exited;
  };
  await launch();
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  const url = await createDatabase('observatory');
  return {
    url,
    createDatabase,
    stopImmediately: () => signalPostmaster('SIGQUIT'),
    start: launch,
    stop: async () => {
      await signalPostmaster('SIGINT'); // fast shutdown
      if (child !== undefined) killGroup(child); // whatever the shutdown left
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  // Generous: a loaded machine can take long to start PostgreSQL; a healthy start answers in a second or two.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not start: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
