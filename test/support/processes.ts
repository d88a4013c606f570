import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/**
 * How long a test waits for a process to get ready or to exit before it fails: generous, because a loaded
 * machine (two cores shared with other work) can take tens of seconds to start Node, tsx and PGlite. A healthy
 * run never waits this long; it only bounds a broken one.
 */
export const PROCESS_DEADLINE_MS = 120_000;

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsxLoader = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const sourceAlias = join(root, 'test', 'support', 'source-alias.mjs');

/** How a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A process a test started: in its own process group, with its output collected.
 *
 * @example
 * ```ts
 * const server = processes.startTsx('packages/cli/src/bin.ts', ['serve', '--port', '0', '--json']);
 * const [line] = await server.waitFor(/^\{.*\}$/m);
 * server.signal('SIGTERM');
 * expect(await server.exited()).toEqual({ code: 0, signal: null });
 * ```
 */
export interface TestProcess {
  readonly pid: number;
  /** Everything written so far. */
  readonly stdout: () => string;
  readonly stderr: () => string;
  /**
   * Resolves with the first match of `pattern` on stdout (waiting for it to be written); rejects, with the
   * output, when the process exits first or the deadline passes.
   */
  waitFor(pattern: RegExp, deadlineMs?: number): Promise<RegExpExecArray>;
  /** Resolves when the process has exited; rejects, with the output, after the deadline. */
  exited(deadlineMs?: number): Promise<ProcessExit>;
  /** Sends a signal to the process itself (not its group): what a supervisor or Ctrl-C does. */
  signal(name: NodeJS.Signals): void;
  /** SIGKILLs the whole process group and waits for the process to be gone. */
  kill(): Promise<void>;
}

/**
 * Starts processes for a test file and ends them all, with the temp folders it made, in `afterAll` whatever
 * happened. Call it at the top level of a test file (or of a `describe`).
 *
 * @example
 * ```ts
 * const processes = useProcesses();
 * const dir = processes.tempDir('observatory-serve-');
 * const server = processes.startTsx('packages/cli/src/bin.ts', ['serve', '--port', '0'], { cwd: dir });
 * ```
 */
export interface ProcessScope {
  /** Starts `command` detached (its own process group), stdin ignored, stdout and stderr collected. */
  start(command: string, args: readonly string[], options?: StartOptions): TestProcess;
  /**
   * Starts a TypeScript file (path relative to the repository root, or absolute) in a single Node process
   * through tsx's loader, with `@observatory/*` resolved to the sources. No `tsx` wrapper process sits between
   * the test and the script, so a signal reaches the script itself.
   */
  startTsx(script: string, args: readonly string[], options?: StartOptions): TestProcess;
  /** A fresh temp folder, removed in `afterAll`. */
  tempDir(prefix: string): string;
}

/**
 * Where and with what environment a process runs.
 *
 * @example
 * ```ts
 * const options: StartOptions = { cwd: dir, env: { OBSERVATORY_PORT: '0' } };
 * ```
 */
export interface StartOptions {
  readonly cwd?: string;
  /** Added to (and overriding) the test's own environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Creates a {@link ProcessScope} whose processes and temp folders are cleaned up in `afterAll`.
 *
 * @example
 * ```ts
 * const processes = useProcesses();
 * ```
 */
export function useProcesses(): ProcessScope {
  const started: TestProcess[] = [];
  const dirs: string[] = [];
  // Should the test runner itself be stopped before afterAll runs, the groups still end with it.
  const killAll = () => {
    for (const child of started) killGroup(child.pid);
  };
  process.once('exit', killAll);
  afterAll(async () => {
    process.off('exit', killAll);
    await Promise.all(started.map((child) => child.kill()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const start = (command: string, args: readonly string[], options: StartOptions = {}) => {
    const child = startProcess(command, args, options);
    started.push(child);
    return child;
  };
  return {
    start,
    startTsx: (script, args, options = {}) =>
      start(
        process.execPath,
        ['--import', sourceAlias, '--import', tsxLoader, resolve(root, script), ...args],
        options,
      ),
    tempDir: (prefix) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}

/**
 * Polls `url` until it answers 200 (a server's `/health`), or rejects after the deadline.
 *
 * @example
 * ```ts
 * await waitForHealth('http://127.0.0.1:4319/health');
 * ```
 */
export async function waitForHealth(url: string, deadlineMs = PROCESS_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startProcess(command: string, args: readonly string[], options: StartOptions): TestProcess {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, ...options.env })) {
    if (value !== undefined) env[name] = value;
  }
  const child = spawn(command, [...args], {
    cwd: options.cwd ?? root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // 'close', not 'exit': 'exit' may come before the last output has been read from the pipes, and a test that
  // looks at the output of a process that has ended must see all of it.
  const exit = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });
  const describe = () => `${command} ${args.join(' ')}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  return {
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor: (pattern, deadlineMs = PROCESS_DEADLINE_MS) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return false;
          done();
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} on stdout within ${deadlineMs} ms: ${describe()}`));
        }, deadlineMs);
        const onExit = () => {
          if (check()) return;
          done();
          reject(new Error(`exited (code ${child.exitCode}) before printing ${pattern}: ${describe()}`));
        };
        const done = () => {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('close', onExit);
        };
        if (check()) return;
        // Listeners run in the order added: the collector above has appended the chunk before `check` runs.
        child.stdout?.on('data', check);
        child.once('close', onExit);
      }),
    exited: (deadlineMs = PROCESS_DEADLINE_MS) => withDeadline(exit, deadlineMs, () => describe()),
    signal: (name) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(name);
    },
    kill: async () => {
      killGroup(pid);
      await exit;
    },
  };
}

function killGroup(pid: number): void {
  try {
    // The negative pid is the process group: the process and anything it started.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

function withDeadline<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still running after ${ms} ms: ${describe()}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
