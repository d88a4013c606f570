import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuMeter, processTreeCpuSeconds } from './cpu-budget.js';
import { BENCH_ORG, BENCH_TOKEN } from './local-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The same loaders as the tests' processes: `@observatory/*` resolves to the sources, so the processes run the
// code being measured, not a possibly stale dist/.
const sourceAlias = path.join(root, 'test', 'support', 'source-alias.mjs');
const tsxLoader = path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/**
 * An `observatory serve` process a benchmark started, on a free loopback port.
 *
 * @example
 * ```ts
 * const server = await startServeProcess(store);
 * const before = server.cpuSeconds();
 * ```
 */
export interface ServeProcess {
  readonly url: string;
  /** CPU time (user + system) the process (and any child of it) has used so far, in seconds (Linux `/proc`; 0 elsewhere). */
  cpuSeconds(): number;
  /** SIGTERM (a graceful close), then waits for the exit; the process group is killed if it is still there. */
  stop(): Promise<void>;
}

/**
 * Starts `observatory serve --store <store>` from source in its own process group on 127.0.0.1 (a free port),
 * accepting {@link BENCH_TOKEN} for {@link BENCH_ORG}, and resolves once it printed its address.
 *
 * @example
 * ```ts
 * const server = await startServeProcess('postgres://observatory@127.0.0.1:6432/observatory');
 * await server.stop();
 * ```
 */
export async function startServeProcess(store: string): Promise<ServeProcess> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-serve-'));
  const args = [
    'serve',
    '--store',
    store,
    '--port',
    '0',
    '--token',
    BENCH_TOKEN,
    '--org',
    BENCH_ORG,
    '--json',
  ];
  const child = spawn(
    process.execPath,
    ['--import', sourceAlias, '--import', tsxLoader, path.join(root, 'packages/cli/src/bin.ts'), ...args],
    {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, OBSERVATORY_STORE: '' },
    },
  );
  const onExit = () => {
    killGroup(child);
    rmSync(cwd, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = async () => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child), 30_000);
    await exited;
    clearTimeout(timer);
    killGroup(child);
    rmSync(cwd, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-4000);
      });
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const line = /^\{.*\}$/m.exec(stdout);
        if (line) resolve((JSON.parse(line[0]) as { url: string }).url);
      });
      child.once('close', (code) => reject(new Error(`observatory serve exited with ${code}: ${stderr}`)));
    });
    return { url, stop, cpuSeconds: () => (child.pid === undefined ? 0 : processTreeCpuSeconds(child.pid)) };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A {@link CpuMeter} of a serve process, for a figure's CPU budget.
 *
 * @example
 * ```ts
 * const cpu = startCpuBudget([serveMeter(server), thisProcessMeter("reporters' process")]);
 * ```
 */
export function serveMeter(server: ServeProcess, name = 'serve process'): CpuMeter {
  return { name, seconds: () => server.cpuSeconds() };
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}
