import type { RunPlan } from './measure.js';
import type { BenchResult, Target } from './result.js';

/** What a figure is told about the run it is part of. */
export interface FigureContext {
  /** True for `--quick`: data sizes are multiplied by `scale`, targets stay the same. */
  readonly quick: boolean;
  /** 1 for the full run, 0.1 for `--quick`. */
  readonly scale: number;
  /** How the size is shown in the table and results, e.g. `full` or `quick (1/10)`. */
  readonly scaleLabel: string;
  /** Warm-up and measured runs for in-process timings. */
  readonly plan: RunPlan;
  /** Progress line on stderr (the table goes to stdout). */
  readonly log: (message: string) => void;
}

/** A row a figure reports, declared up front so a figure that cannot run still reports every row it owns. */
export interface FigureRow {
  readonly name: string;
  readonly unit: string;
  readonly target?: Target;
}

/**
 * One numbered figure of the benchmark issue: the rows it reports and how to measure them.
 *
 * @example
 * ```ts
 * const figure: Figure = {
 *   id: 'reduce-counters', title: '2. reduceMissCounters', rows: [{ name: 'reduceMissCounters throughput', unit: 'events/s' }],
 *   run: async (context) => [],
 * };
 * ```
 */
export interface Figure {
  /** Used by `--only <id>`. */
  readonly id: string;
  readonly title: string;
  readonly rows: readonly FigureRow[];
  readonly run: (context: FigureContext) => Promise<BenchResult[]>;
}

/**
 * Scales a full-run size for the current run, never below `min`.
 *
 * @example
 * ```ts
 * scaled(context, 1_000_000); // 100_000 under --quick
 * ```
 */
export function scaled(context: FigureContext, full: number, min = 1): number {
  return Math.max(min, Math.round(full * context.scale));
}
