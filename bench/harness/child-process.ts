import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Plain JavaScript, so a built (.js) script runs without tsx in the process being measured.
const preload = fileURLToPath(new URL('../child/report-peak-rss.mjs', import.meta.url));

/** What a measured child process did. */
export interface ChildRun {
  /** Wall time from spawn to exit, ms (includes Node and tsx start-up). */
  readonly wallMs: number;
  /** Peak resident set size of the child, bytes. */
  readonly peakRssBytes: number;
  /** The child's stdout. */
  readonly stdout: string;
}

/** A child process that exited with a non-zero code. */
export class ChildProcessError extends Error {
  override readonly name = 'ChildProcessError';
  constructor(
    readonly script: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(
      `${path.basename(script)} exited with ${exitCode}: ${stderr.trim().split('\n').slice(-3).join(' / ')}`,
    );
  }
}

/**
 * Runs a script (TypeScript through `--import tsx`, or built JavaScript as is) in a fresh process and reports its wall time, peak RSS and
 * stdout. A fresh process per measurement is the only honest way to see peak memory: the parent's heap
 * (datasets, earlier figures) would otherwise be counted.
 *
 * @example
 * ```ts
 * const run = await runChild('bench/child/xlsx-writer.ts', ['--impl', 'ours', '--rows', '100000']);
 * run.peakRssBytes / 2 ** 20; // MiB
 * ```
 */
export async function runChild(
  script: string,
  args: readonly string[],
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<ChildRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-'));
  const rssFile = path.join(dir, 'peak-rss');
  try {
    const start = performance.now();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
      const child = spawn(process.execPath, [...loader, '--import', preload, script, ...args], {
        cwd: options.cwd ?? process.cwd(),
        env: { ...process.env, ...options.env, BENCH_PEAK_RSS_FILE: rssFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        // Keep the tail only: a child's progress output must not grow the parent's memory.
        err = (err + chunk).slice(-4000);
      });
      child.on('error', reject);
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
    });
    const wallMs = performance.now() - start;
    if (code !== 0) throw new ChildProcessError(script, code, stderr);
    return { wallMs, peakRssBytes: Number(readFileSync(rssFile, 'utf8')), stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The last line of a child's stdout parsed as JSON: how a measuring child hands its own numbers back.
 *
 * @example
 * ```ts
 * const { ms } = lastJsonLine(run.stdout) as { ms: number };
 * ```
 */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null');
}
