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
  /** The port it listens on, on 127.0.0.1. */
  readonly port: number;
  /**
   * The id of the process the server runs under (`runuser` when this process is root, else the postmaster):
   * its descendants are the postmaster, its backends and workers. Undefined while stopped.
   */
  processId(): number | undefined;
  /**
   * Starts a streaming replica (hot standby, `pg_basebackup -R` on loopback) and resolves once the primary
   * reports it streaming. It is stopped with the primary.
   */
  startReplica(): Promise<TestReplica>;
  /** Stops the server (and its replicas) and deletes the data directories. */
  stop(): Promise<void>;
}

/**
 * A hot standby of a {@link TestPostgres}, read-only, streaming from it.
 *
 * @example
 * ```ts
 * const replica = await server.startReplica();
 * const store = await openStore(server.url, { readUrl: replica.url });
 * ```
 */
export interface TestReplica {
  /** `postgres://` URL of the replica's copy of the `observatory` database. */
  readonly url: string;
  /** Stops the replica and deletes its data directory. */
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
  const dir = serviceTempDir('observatory-pg-');
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asServiceUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'observatory',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  let primary: RunningPostgres;
  try {
    execFileSync(initCmd, [...initArgs], { stdio: 'pipe' });
    primary = await runPostgres(bin, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const base = `postgres://observatory@127.0.0.1:${primary.port}`;
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
  const replicas: TestReplica[] = [];
  return {
    url,
    port: primary.port,
    createDatabase,
    processId: primary.processId,
    stopImmediately: primary.stopImmediately,
    start: primary.start,
    startReplica: async () => {
      const replica = await startReplica(bin, primary.port);
      replicas.push(replica);
      return replica;
    },
    stop: async () => {
      for (const replica of replicas) await replica.stop();
      await primary.stop();
    },
  };
}

/** Starts a hot standby of the server on `primaryPort`, copied with `pg_basebackup -R`, streaming from it. */
async function startReplica(bin: string, primaryPort: number): Promise<TestReplica> {
  const dir = serviceTempDir('observatory-pg-replica-');
  const [cmd, args] = asServiceUser(join(bin, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'observatory',
    '-D',
    join(dir, 'data'),
    '-R', // standby.signal and primary_conninfo: start as a standby streaming from the primary
    '-X',
    'stream',
    '--no-sync',
    '--checkpoint=fast', // a spread checkpoint would make the copy wait for minutes
  ]);
  try {
    execFileSync(cmd, [...args], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const replica = await runPostgres(bin, dir);
  const url = `postgres://observatory@127.0.0.1:${replica.port}/observatory`;
  // Ready once the primary lists it as streaming, not merely once it accepts connections.
  const primary = new pg.Client({
    connectionString: `postgres://observatory@127.0.0.1:${primaryPort}/postgres`,
  });
  await primary.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await primary.query(
        "SELECT 1 FROM pg_stat_replication WHERE state = 'streaming' AND client_port IS NOT NULL",
      );
      if (rows.length > 0) break;
      if (Date.now() > deadline) throw new Error('the replica did not start streaming within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await primary.end();
  }
  return { url, stop: replica.stop };
}

/** A postmaster on a data directory of `dir`, on a free loopback port, in its own process group. */
interface RunningPostgres {
  readonly port: number;
  processId(): number | undefined;
  stopImmediately(): Promise<void>;
  start(): Promise<void>;
  /** Fast shutdown, then the directory is deleted. */
  stop(): Promise<void>;
}

async function runPostgres(bin: string, dir: string): Promise<RunningPostgres> {
  const data = join(dir, 'data');
  const port = await freePort();
  // fsync stays on: the restart test relies on acknowledged writes surviving the server.
  const [cmd, args] = asServiceUser(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
  ]);
  let child: ChildProcess | undefined;
  // Should this process end without stopping the server (process.exit, an uncaught error), the server's group
  // still ends with it and its folder (data, socket) is deleted.
  const onExit = () => {
    if (child !== undefined) killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const launch = async () => {
    // Its own process group, so that ending the group ends runuser, the postmaster and its workers.
    const started = spawn(cmd, [...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    let log = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    await waitReady(`postgres://observatory@127.0.0.1:${port}/postgres`, started, () => log);
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
  const stop = async () => {
    process.off('exit', onExit);
    await signalPostmaster('SIGINT'); // fast shutdown
    if (child !== undefined) killGroup(child); // whatever the shutdown left
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await launch();
  } catch (error) {
    process.off('exit', onExit);
    onExit();
    throw error;
  }
  return {
    port,
    processId: () => (child?.exitCode === null && child.signalCode === null ? child.pid : undefined),
    stopImmediately: () => signalPostmaster('SIGQUIT'),
    start: launch,
    stop,
  };
}

/**
 * A temporary directory a database service may write: owned by the `postgres` user when this process runs as
 * root (PostgreSQL and PgBouncer refuse to run as root, see {@link asServiceUser}).
 *
 * @example
 * ```ts
 * const dir = serviceTempDir('observatory-pgbouncer-');
 * ```
 */
export function serviceTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/**
 * The command and arguments that run `file` as the `postgres` user when this process is root (through
 * `runuser`, which does not pass signals on), else as they are.
 *
 * @example
 * ```ts
 * const [command, args] = asServiceUser('/usr/sbin/pgbouncer', ['pgbouncer.ini']);
 * ```
 */
export function asServiceUser(file: string, args: readonly string[]): readonly [string, readonly string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/**
 * A TCP port of 127.0.0.1 free at the time of the call.
 *
 * @example
 * ```ts
 * const port = await freePort();
 * ```
 */
export function freePort(): Promise<number> {
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
