import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { asServiceUser, freePort, serviceTempDir } from './postgres.js';

/** Where Debian's `pgbouncer` package installs the binary. */
const PGBOUNCER_BIN = '/usr/sbin/pgbouncer';

/**
 * A throw-away PgBouncer on 127.0.0.1 in transaction mode, for tests and benchmarks.
 *
 * @example
 * ```ts
 * const bouncer = await startPgBouncer(postgres.port);
 * const store = await openStore(bouncer.url);
 * await bouncer.stop();
 * ```
 */
export interface TestPgBouncer {
  /** `postgres://` URL of the `observatory` database through the pooler. */
  readonly url: string;
  /** `postgres://` URL of another database of the server (made with `createDatabase`) through the pooler. */
  urlFor(database: string): string;
  /** The id of the process it runs under (`runuser` when this process is root, else PgBouncer itself). */
  readonly processId: number | undefined;
  /** Stops the pooler and deletes its directory. */
  stop(): Promise<void>;
}

/**
 * The PgBouncer binary, or undefined when the `pgbouncer` package is not installed.
 *
 * @example
 * ```ts
 * if (findPgBouncer() === undefined) console.warn('apt-get install pgbouncer');
 * ```
 */
export function findPgBouncer(): string | undefined {
  return existsSync(PGBOUNCER_BIN) ? PGBOUNCER_BIN : undefined;
}

/**
 * Starts PgBouncer in `pool_mode = transaction` in front of the PostgreSQL on `127.0.0.1:postgresPort` (user
 * `observatory`, trusted), on a free loopback port; its configuration is written to a temporary directory. It
 * runs in the foreground in its own process group and resolves once a query through it is answered. Servers
 * that fail to log in (PostgreSQL restarting) are retried every second, and a client waits at most 10 s for a
 * server connection, so an outage reaches the store as an error, not as a hang.
 *
 * @example
 * ```ts
 * const postgres = await startPostgres();
 * const bouncer = await startPgBouncer(postgres.port);
 * ```
 */
export async function startPgBouncer(
  postgresPort: number,
  options: { readonly poolSize?: number; readonly bin?: string | undefined } = {},
): Promise<TestPgBouncer> {
  const bin = options.bin ?? findPgBouncer();
  if (bin === undefined)
    throw new Error(`PgBouncer not found at ${PGBOUNCER_BIN}: install the "pgbouncer" package`);
  const dir = serviceTempDir('observatory-pgbouncer-');
  const port = await freePort();
  const config = join(dir, 'pgbouncer.ini');
  writeFileSync(join(dir, 'userlist.txt'), '"observatory" ""\n', { mode: 0o644 });
  writeFileSync(
    config,
    [
      '[databases]',
      `* = host=127.0.0.1 port=${postgresPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = trust',
      'admin_users = observatory', // SHOW POOLS on the `pgbouncer` console database
      `auth_file = ${join(dir, 'userlist.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 500',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'server_login_retry = 1',
      'query_wait_timeout = 10',
      'server_connect_timeout = 5',
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const [cmd, args] = asServiceUser(bin, [config]);
  // Its own process group: ending the group ends runuser and PgBouncer.
  const child = spawn(cmd, [...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  // Should this process end without stopping the pooler (process.exit, an uncaught error), its group still ends
  // with it and its folder is deleted.
  const onExit = () => {
    killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const url = `postgres://observatory@127.0.0.1:${port}/observatory`;
  const stop = async () => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child);
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitAnswering(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    urlFor: (database) => `postgres://observatory@127.0.0.1:${port}/${database}`,
    processId: child.pid,
    stop,
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

async function waitAnswering(url: string, child: ChildProcess, log: () => string): Promise<void> {
  // Generous for a loaded machine; a healthy start answers within a second.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited with ${child.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`pgbouncer did not answer: ${String(error)}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
