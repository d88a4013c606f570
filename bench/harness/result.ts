/** A target a figure is held to: `value op limit`, e.g. a throughput ratio `>= 0.5`. */
export interface Target {
  readonly op: '>=' | '<=' | '<';
  readonly limit: number;
}

/**
 * One row of `bench/results.json`. `value` and `baseline` are in `unit`; `ratio` is ours / baseline (for a
 * throughput, ours' throughput over the baseline's; for a time or memory, ours' over the baseline's).
 * A figure that could not be measured has `value: null`, `pass: null` and the reason in `note`.
 *
 * @example
 * ```ts
 * const row: BenchResult = {
 *   name: 'groupMissedQuestions throughput', value: 2.1e6, baseline: 3.0e6, ratio: 0.7, target: '>= 0.5',
 *   pass: true, unit: 'occurrences/s', scale: 'quick (1/10)', note: '',
 * };
 * ```
 */
export interface BenchResult {
  readonly name: string;
  readonly value: number | null;
  readonly baseline: number | null;
  readonly ratio: number | null;
  /** The target as text (`>= 0.5`), or null for a figure reported without a target. */
  readonly target: string | null;
  /** Whether the target is met; null when there is no target or the figure was not measured. */
  readonly pass: boolean | null;
  readonly unit: string;
  /** The data size the figure ran at, e.g. `full` or `quick (1/10)`. */
  readonly scale: string;
  readonly note: string;
}

/** What a figure measured, before the target is applied. */
export interface Measurement {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline?: number | null;
  /** Defaults to value / baseline when both are known. */
  readonly ratio?: number | null;
  readonly target?: Target;
  /**
   * What the target is checked against: the ratio (a relative target) or the value itself (an absolute one,
   * e.g. peak memory in MB, where the baseline is shown for comparison only).
   * @default 'ratio' when a ratio is known, otherwise 'value'
   */
  readonly targetOn?: 'ratio' | 'value';
  readonly note?: string;
}

/**
 * Turns a measurement into a result row, checking the target against the ratio or the value (see
 * {@link Measurement.targetOn}).
 *
 * @example
 * ```ts
 * const row = toResult({ name: 'x', unit: 'ops/s', value: 8, baseline: 10, target: { op: '>=', limit: 0.5 } }, 'full');
 * row.ratio; // 0.8
 * row.pass; // true
 * ```
 */
export function toResult(measurement: Measurement, scale: string): BenchResult {
  const baseline = measurement.baseline ?? null;
  const ratio =
    measurement.ratio !== undefined
      ? measurement.ratio
      : baseline !== null && baseline !== 0
        ? measurement.value / baseline
        : null;
  const target = measurement.target;
  const targetOn = measurement.targetOn ?? (ratio === null ? 'value' : 'ratio');
  const checked = targetOn === 'ratio' && ratio !== null ? ratio : measurement.value;
  return {
    name: measurement.name,
    value: measurement.value,
    baseline,
    ratio,
    target: target === undefined ? null : `${target.op} ${target.limit}`,
    pass: target === undefined ? null : meets(checked, target),
    unit: measurement.unit,
    scale,
    note: measurement.note ?? '',
  };
}

/**
 * A result row for a figure that was not measured, with the reason; never a made-up number.
 *
 * @example
 * ```ts
 * notMeasured('sessionsToCsv throughput', 'rows/s', { op: '>=', limit: 0.8 }, 'quick (1/10)', 'sessionsToCsv is not implemented yet');
 * ```
 */
export function notMeasured(
  name: string,
  unit: string,
  target: Target | undefined,
  scale: string,
  reason: string,
): BenchResult {
  return {
    name,
    value: null,
    baseline: null,
    ratio: null,
    target: target === undefined ? null : `${target.op} ${target.limit}`,
    pass: null,
    unit,
    scale,
    note: `not measured: ${reason}`,
  };
}

function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '>=':
      return value >= target.limit;
    case '<=':
      return value <= target.limit;
    case '<':
      return value < target.limit;
  }
}
