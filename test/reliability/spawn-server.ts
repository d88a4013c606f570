import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The one place the reliability suite starts a server process: swap it for the shared helper when there is one.

const bin = fileURLToPath(new URL('../../packages/server/src/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
// Resolves `@observatory/*` to sources (as the tests do) instead of unbuilt dist/.
const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));

/**
 * A server process (`observatory-server` run from source) on a free loopback port, in its own process group.
 *
 * @example
 * ```ts
 * const server = await spawnServer({ store: 'memory://', token: 't', cwd });
 * await fetch(`${server.url}/health`);
 * await server.kill();
 * ```
 */
export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** Kills the whole process group (SIGKILL) and waits for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts `observatory-server` with `store` (an OBSERVATORY_STORE URL) and one org-wide `token` for org "local",
 * and waits for its "listening on" line, however long a busy machine takes.
 *
 * @example
 * ```ts
 * const server = await spawnServer({ store: `pglite://${dir}/data`, token: 'secret', cwd: dir });
 * ```
 */
export async function spawnServer(options: {
  store: string;
  token: string;
  cwd: string;
  env?: Record<string, string>;
}): Promise<SpawnedServer> {
  const child = spawn(tsx, ['--tsconfig', tsconfig, bin], {
    cwd: options.cwd,
    detached: true,
    env: {
      ...process.env,
      ...options.env,
      OBSERVATORY_PORT: '0',
      OBSERVATORY_HOST: '127.0.0.1',
      OBSERVATORY_STORE: options.store,
      OBSERVATORY_TOKEN: options.token,
      OBSERVATORY_ORG: 'local',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening: ${output}`)));
  });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  };
  return { url, child, output: () => output, exited, kill };
}
