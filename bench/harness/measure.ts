import { median } from './stats.js';

/** How many times a measured function runs: discarded warm-up runs, then measured runs. */
export interface RunPlan {
  readonly warmup: number;
  readonly runs: number;
}

/** Median wall times (ms) of two functions measured in the same process and run. */
export interface PairTimes {
  readonly ours: number;
  readonly baseline: number;
}

// Collects garbage between runs so one run does not pay for the previous run's garbage. `npm run bench` starts
// node with --expose-gc; without it the runs are still valid, only noisier.
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timeOnce(fn: () => unknown): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Times `ours` and `baseline` on the same data, alternating them run by run so that noise from other processes
 * on the machine falls on both sides alike, and returns the median of each after the warm-up runs.
 *
 * @example
 * ```ts
 * const times = await timePair({ warmup: 1, runs: 5 }, () => ours(data), () => baseline(data));
 * const throughputRatio = times.baseline / times.ours;
 * ```
 */
export async function timePair(
  plan: RunPlan,
  ours: () => unknown,
  baseline: () => unknown,
): Promise<PairTimes> {
  for (let i = 0; i < plan.warmup; i++) {
    await timeOnce(ours);
    await timeOnce(baseline);
  }
  const oursTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < plan.runs; i++) {
    // Alternate which side goes first so neither always runs on a warmer (or colder) machine.
    if (i % 2 === 0) {
      oursTimes.push(await timeOnce(ours));
      baselineTimes.push(await timeOnce(baseline));
    } else {
      baselineTimes.push(await timeOnce(baseline));
      oursTimes.push(await timeOnce(ours));
    }
  }
  return { ours: median(oursTimes), baseline: median(baselineTimes) };
}

/**
 * Median wall time (ms) of one function after the warm-up runs.
 *
 * @example
 * ```ts
 * const ms = await timeMedian({ warmup: 1, runs: 5 }, () => work());
 * ```
 */
export async function timeMedian(plan: RunPlan, fn: () => unknown): Promise<number> {
  for (let i = 0; i < plan.warmup; i++) await timeOnce(fn);
  const times: number[] = [];
  for (let i = 0; i < plan.runs; i++) times.push(await timeOnce(fn));
  return median(times);
}
