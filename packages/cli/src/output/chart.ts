/** One bar of the chart: a bucket's label, its questions and how many were missed. */
export interface ChartRow {
  readonly label: string;
  readonly questions: number;
  readonly missed: number;
}

/**
 * Draws the missed-vs-answered trend as one stacked bar per bucket: `█` missed, `░` answered, scaled to `width`.
 *
 * @example
 * ```ts
 * console.log(trendChart([{ label: '2026-11-24', questions: 80, missed: 12 }], { width: 40 }));
 * // 2026-11-24 ████░░░░░░░░░░░░░░░░   12 missed /   80 questions (15.0%)
 * ```
 */
export function trendChart(buckets: readonly ChartRow[], options: { width?: number } = {}): string {
  const width = options.width ?? 40;
  const largest = Math.max(1, ...buckets.map((bucket) => bucket.questions));
  const countWidth = String(largest).length;
  return buckets
    .map((bucket) => {
      const missed = Math.round((bucket.missed / largest) * width);
      const answered = Math.round((bucket.questions / largest) * width) - missed;
      const bar = '█'.repeat(missed) + '░'.repeat(Math.max(0, answered));
      return `${bucket.label} ${bar.padEnd(width)} ${String(bucket.missed).padStart(countWidth)} missed / ${String(bucket.questions).padStart(countWidth)} questions (${percentage(bucket).toFixed(1)}%)`;
    })
    .join('\n');
}

function percentage(row: ChartRow): number {
  return row.questions === 0 ? 0 : (row.missed / row.questions) * 100;
}
