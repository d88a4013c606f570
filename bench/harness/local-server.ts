import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createObservatoryServer, type ObservatoryStore } from '@observatory/server';
// Internals of the server, used here only: a store over a driver the benchmark can also query directly (to time
// "the same query run straight on the engine") and seed in bulk.
import type { SqlDriver, SqlRow } from '../../packages/server/src/store/sql/driver.js';
import { openPgDriver } from '../../packages/server/src/store/sql/pg-driver.js';
import { openPgliteDriver } from '../../packages/server/src/store/sql/pglite-driver.js';
import { SqlStore } from '../../packages/server/src/store/sql/sql-store.js';
import { startPostgres } from '../../packages/server/src/testing/postgres.js';

/** The organization and token every benchmark server accepts. */
export const BENCH_ORG = 'bench-org';
/** @see {@link BENCH_ORG} */
export const BENCH_TOKEN = 'bench-token';

/** A statement the store ran, as recorded by {@link Engine.record}. */
export interface RecordedQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A store engine opened for a benchmark: the store, its raw driver, and a recorder of the store's queries. */
export interface Engine {
  readonly name: 'embedded (PGlite)' | 'PostgreSQL';
  readonly store: ObservatoryStore;
  /** The driver under the store, for bulk seeding and for running a query straight on the engine. */
  readonly driver: SqlDriver;
  /** Records every non-transactional statement the store runs while `during` runs. */
  record(during: () => Promise<unknown>): Promise<RecordedQuery[]>;
  close(): Promise<void>;
}

/**
 * The driver with its `query` recorded while `recorded` is set. A proxy, not a class re-implementing the
 * interface, so whatever else the server's driver offers passes through unchanged.
 */
function recordingDriver(inner: SqlDriver): { driver: SqlDriver; recorder: { recorded?: RecordedQuery[] } } {
  const recorder: { recorded?: RecordedQuery[] } = {};
  const query = (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> => {
    recorder.recorded?.push({ sql, params });
    return inner.query(sql, params);
  };
  const driver = new Proxy(inner, {
    get(target, property) {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { driver, recorder };
}

async function openEngineOn(
  name: Engine['name'],
  inner: SqlDriver,
  cleanup: () => Promise<void>,
): Promise<Engine> {
  const { driver, recorder } = recordingDriver(inner);
  const store = await SqlStore.open(driver, name === 'PostgreSQL' ? 'postgres' : 'pglite');
  return {
    name,
    store,
    driver: inner,
    async record(during) {
      const recorded: RecordedQuery[] = [];
      recorder.recorded = recorded;
      try {
        await during();
        return recorded;
      } finally {
        delete recorder.recorded;
      }
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

/**
 * Opens the embedded store (PGlite) on a fresh data directory on disk — what `observatory serve` uses by default.
 *
 * @example
 * ```ts
 * const engine = await openEmbeddedEngine();
 * try { ... } finally { await engine.close(); }
 * ```
 */
export async function openEmbeddedEngine(): Promise<Engine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-pglite-'));
  return openEngineOn('embedded (PGlite)', await openPgliteDriver(dir), async () =>
    rmSync(dir, { recursive: true, force: true }),
  );
}

/**
 * Starts a throw-away PostgreSQL server (the binaries under /usr/lib/postgresql) and opens a store on it.
 * Throws when PostgreSQL is not installed; the figure is then reported as not measured.
 *
 * @example
 * ```ts
 * const engine = await openPostgresEngine();
 * ```
 */
export async function openPostgresEngine(): Promise<Engine> {
  const postgres = await startPostgres();
  try {
    return await openEngineOn('PostgreSQL', await openPgDriver(postgres.url), () => postgres.stop());
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}

/**
 * An engine a figure can hand to another process: its store URL (what `observatory serve --store` takes), a
 * store opened on it in this process, and the disposal of the engine itself (the data directory, the server).
 * PGlite's directory is one process's at a time: close the {@link Engine} from `open` before another process
 * opens the URL, and open it again afterwards.
 */
export interface EngineHost {
  readonly name: Engine['name'];
  /** `pglite:///abs/dir` or `postgres://…`. */
  readonly storeUrl: string;
  /** A store on the engine in this process; closing it leaves the engine (directory, server) in place. */
  open(): Promise<Engine>;
  /**
   * The process the engine's server runs under, whose tree holds its every process (PostgreSQL's postmaster,
   * backends and workers); undefined for the embedded engine, which runs inside the process that opens it.
   */
  processId(): number | undefined;
  /** Removes the data directory, or stops the PostgreSQL server. */
  dispose(): Promise<void>;
}

/**
 * An embedded engine (PGlite) on a fresh data directory on disk, for a figure that serves it from another process.
 *
 * @example
 * ```ts
 * const host = hostEmbeddedEngine();
 * const server = await startServeProcess(host.storeUrl);
 * ```
 */
export function hostEmbeddedEngine(): EngineHost {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-pglite-'));
  return {
    name: 'embedded (PGlite)',
    storeUrl: `pglite://${dir}`,
    open: async () => openEngineOn('embedded (PGlite)', await openPgliteDriver(dir), async () => {}),
    processId: () => undefined,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A throw-away PostgreSQL server, for a figure that serves it from another process. Throws when PostgreSQL is
 * not installed.
 *
 * @example
 * ```ts
 * const host = await hostPostgresEngine();
 * const engine = await host.open();
 * ```
 */
export async function hostPostgresEngine(): Promise<EngineHost> {
  const postgres = await startPostgres();
  return {
    name: 'PostgreSQL',
    storeUrl: postgres.url,
    open: async () => openEngineOn('PostgreSQL', await openPgDriver(postgres.url), async () => {}),
    processId: postgres.processId,
    dispose: () => postgres.stop(),
  };
}

/** The HTTP server of a benchmark, on loopback. */
export interface BenchServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the Observatory HTTP API over `store` on 127.0.0.1 (a free port), accepting {@link BENCH_TOKEN}.
 *
 * @example
 * ```ts
 * const server = await serveStore(engine.store);
 * await fetch(`${server.url}/organizations/${BENCH_ORG}/chat-sessions`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
 * ```
 */
export async function serveStore(store: ObservatoryStore): Promise<BenchServer> {
  const app = createObservatoryServer({
    store,
    auth: { tokens: [{ token: BENCH_TOKEN, organizationId: BENCH_ORG }] },
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve({ server, port: info.port }),
      );
    },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
