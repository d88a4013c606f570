import { type TestProcess, useProcesses } from '../support/processes.js';

/**
 * A server process (`observatory-server` run from source, a single Node process in its own group) on a free
 * loopback port.
 *
 * @example
 * ```ts
 * const server = await servers.start({ store: 'memory://', token: 't' });
 * await fetch(`${server.url}/health`);
 * await server.kill();
 * ```
 */
export interface SpawnedServer {
  readonly url: string;
  readonly process: TestProcess;
  /** Whether the process is still running. */
  running(): boolean;
  /** SIGKILLs the process group and waits until the process is gone. */
  kill(): Promise<void>;
}

/**
 * Server processes and temp folders for a test file, all ended in `afterAll` (the shared process helper).
 *
 * @example
 * ```ts
 * const servers = useServers();
 * ```
 */
export interface ServerScope {
  /**
   * Starts `observatory-server` on `store` (an OBSERVATORY_STORE URL) with one org-wide `token` for org "local",
   * and waits for its "listening on" line, however long a busy machine takes.
   */
  start(options: { store: string; token: string; cwd?: string }): Promise<SpawnedServer>;
  /** A fresh temp folder, removed in `afterAll`. */
  tempDir(prefix: string): string;
}

/**
 * Call at the top level of a test file: {@link ServerScope} over `useProcesses`.
 *
 * @example
 * ```ts
 * const servers = useServers();
 * it('serves', async () => {
 *   const server = await servers.start({ store: `pglite://${servers.tempDir('t-')}/data`, token: 't' });
 * });
 * ```
 */
export function useServers(): ServerScope {
  const processes = useProcesses();
  return {
    tempDir: (prefix) => processes.tempDir(prefix),
    start: async ({ store, token, cwd }) => {
      const child = processes.startTsx('packages/server/src/bin.ts', [], {
        cwd: cwd ?? processes.tempDir('observatory-server-'),
        env: {
          OBSERVATORY_PORT: '0',
          OBSERVATORY_HOST: '127.0.0.1',
          OBSERVATORY_STORE: store,
          OBSERVATORY_TOKEN: token,
          OBSERVATORY_ORG: 'local',
        },
      });
      const [, url] = await child.waitFor(/listening on (\S+)/);
      return {
        url: url ?? '',
        process: child,
        // The process is this one's own child, reaped as it exits: a pid that no longer answers is gone.
        running: () => {
          try {
            process.kill(child.pid, 0);
            return true;
          } catch {
            return false;
          }
        },
        kill: () => child.kill(),
      };
    },
  };
}
