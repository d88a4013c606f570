import type { BenchResult } from './result.js';

/**
 * A number for a table cell: three significant digits, thousands grouped, `—` for null.
 *
 * @example
 * ```ts
 * formatNumber(1234567); // '1,230,000'
 * formatNumber(0.8123); // '0.812'
 * ```
 */
export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(3));
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/**
 * The pass/fail cell of a result row.
 *
 * @example
 * ```ts
 * verdict({ pass: null, note: 'not measured: …' } as BenchResult); // 'not measured'
 * ```
 */
export function verdict(result: BenchResult): string {
  if (result.value === null) return 'not measured';
  if (result.pass === null) return 'info';
  return result.pass ? 'pass' : 'FAIL';
}

/** The cells of one row of the results table, in {@link resultColumns} order. */
export function resultCells(result: BenchResult): string[] {
  return [
    result.name,
    `${formatNumber(result.value)} ${result.value === null ? '' : result.unit}`.trim(),
    formatNumber(result.baseline),
    result.ratio === null ? '—' : `${formatNumber(result.ratio)}×`,
    result.target ?? '—',
    verdict(result),
    result.scale,
  ];
}

/** Column headers of the results table. */
export const resultColumns = ['figure', 'value', 'baseline', 'ratio', 'target', 'result', 'size'] as const;

/**
 * The results as a fixed-width text table for the terminal.
 *
 * @example
 * ```ts
 * process.stdout.write(textTable(results));
 * ```
 */
export function textTable(results: readonly BenchResult[]): string {
  const rows = [[...resultColumns], ...results.map(resultCells)];
  const widths = resultColumns.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const notes = results
    .filter((result) => result.note !== '')
    .map((result) => `  * ${result.name}: ${result.note}`);
  return [
    line(rows[0] ?? []),
    rule,
    ...rows.slice(1).map(line),
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
  ].join('\n');
}

/**
 * The results as a Markdown table (pipes in cells escaped).
 *
 * @example
 * ```ts
 * markdownTable(results).startsWith('| figure |'); // true
 * ```
 */
export function markdownTable(results: readonly BenchResult[]): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const row = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [
    row(resultColumns),
    row(resultColumns.map(() => '---')),
    ...results.map((result) => row(resultCells(result))),
  ].join('\n');
}
