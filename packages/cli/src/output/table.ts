/** Spaces between two columns. */
const GAP = '  ';

/**
 * One column of a {@link renderTable} table.
 *
 * @example
 * ```ts
 * const preview: TableColumn = { header: 'preview', min: 12, drop: 1 };
 * const id: TableColumn = { header: 'id' }; // never cut, never dropped
 * ```
 */
export interface TableColumn {
  readonly header: string;
  /** @default 'left' */
  readonly align?: 'left' | 'right';
  /**
   * Narrowest the column may be cut to (its cells then end in `…`). Without it the column is never cut (an id the
   * user copies into the next command).
   */
  readonly min?: number;
  /**
   * When the terminal is too narrow even with every column cut to its `min`, columns are dropped, the highest
   * `drop` first. Without it the column is never dropped.
   */
  readonly drop?: number;
}

/**
 * Lays rows out as a plain table that fits `width` characters: a header, a rule under it, one line per row and no
 * rule between rows. Too wide, it cuts the cuttable columns (`…`), then drops columns (highest `drop` first); it
 * never wraps a cell onto a second line, so a row stays one line. Line breaks and tabs in a cell become spaces.
 *
 * @example
 * ```ts
 * renderTable(
 *   [{ header: 'id' }, { header: 'question', min: 10 }, { header: 'n', align: 'right', drop: 1 }],
 *   [['q1', 'Do you ship to Cyprus?', '4']],
 *   30,
 * );
 * // id  question               n
 * // ─────────────────────────────
 * // q1  Do you ship to Cyprus?  4
 * ```
 */
export function renderTable(
  columns: readonly TableColumn[],
  rows: ReadonlyArray<readonly string[]>,
  width: number,
): string {
  const cells = rows.map((row) => columns.map((_, index) => oneLine(row[index] ?? '')));
  let shown = columns.map((_, index) => index);
  let widths = fit(columns, cells, shown, width);
  while (widths === undefined) {
    const droppable = shown.filter((index) => columns[index]?.drop !== undefined);
    if (droppable.length === 0) break;
    const first = droppable.reduce((a, b) => ((columns[b]?.drop ?? 0) > (columns[a]?.drop ?? 0) ? b : a));
    shown = shown.filter((index) => index !== first);
    widths = fit(columns, cells, shown, width);
  }
  // Nothing left to drop and still too wide: every column at its narrowest, each line cut at the edge.
  const finalWidths = widths ?? shown.map((index) => narrowest(columns, cells, index));
  const line = (texts: readonly string[]) =>
    cut(
      shown
        .map((index, position) => pad(texts[index] ?? '', finalWidths[position] ?? 0, columns[index]?.align))
        .join(GAP)
        .trimEnd(),
      width,
    );
  const header = line(columns.map((column) => column.header));
  const total = Math.min(width, finalWidths.reduce((sum, w) => sum + w, 0) + GAP.length * (shown.length - 1));
  return [header, '─'.repeat(total), ...cells.map(line)].join('\n');
}

/** Widths of the `shown` columns that fit `width` (cutting the widest cuttable first), or undefined. */
function fit(
  columns: readonly TableColumn[],
  cells: ReadonlyArray<readonly string[]>,
  shown: readonly number[],
  width: number,
): number[] | undefined {
  const widths = shown.map((index) =>
    Math.max(length(columns[index]?.header ?? ''), ...cells.map((row) => length(row[index] ?? ''))),
  );
  const floor = shown.map((index, position) =>
    Math.min(widths[position] ?? 0, narrowest(columns, cells, index)),
  );
  let excess = widths.reduce((sum, w) => sum + w, 0) + GAP.length * (shown.length - 1) - width;
  while (excess > 0) {
    let widest = -1;
    widths.forEach((w, position) => {
      if (w > (floor[position] ?? w) && (widest < 0 || w > (widths[widest] ?? 0))) widest = position;
    });
    if (widest < 0) return undefined;
    widths[widest] = (widths[widest] ?? 0) - 1;
    excess--;
  }
  return widths;
}

/** The narrowest a column may get: its `min` (at least its header's first letter and `…`), else its widest cell. */
function narrowest(
  columns: readonly TableColumn[],
  cells: ReadonlyArray<readonly string[]>,
  index: number,
): number {
  const column = columns[index];
  if (column?.min !== undefined) return Math.max(2, column.min);
  return Math.max(length(column?.header ?? ''), ...cells.map((row) => length(row[index] ?? '')));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function length(text: string): number {
  return [...text].length;
}

/** `text` cut to `width` characters, ending in `…` when cut: `cut('Do you ship to Cyprus?', 10)` is `'Do you sh…'`. */
function cut(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 0 ? '' : `${chars.slice(0, width - 1).join('')}…`;
}

function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const shown = cut(text, width);
  const space = ' '.repeat(Math.max(0, width - length(shown)));
  return align === 'right' ? `${space}${shown}` : `${shown}${space}`;
}
