import type { CliIo } from '../io.js';

/** Width assumed when the output is not a terminal and none is given: a file or a pipe. */
const DEFAULT_COLUMNS = 80;
/** Narrower than this, no table fits its id column and one other: tables are laid out as if this wide. */
const MIN_COLUMNS = 40;

/**
 * The width tables must fit in: `io.columns`, else the terminal's (`stdout.columns`), else 80.
 *
 * @example
 * ```ts
 * terminalWidth({ ...io, columns: 60 }); // 60
 * ```
 */
export function terminalWidth(io: Pick<CliIo, 'stdout' | 'columns'>): number {
  const columns = io.columns ?? (io.stdout as Partial<NodeJS.WriteStream>).columns ?? DEFAULT_COLUMNS;
  return Math.max(MIN_COLUMNS, Math.floor(columns));
}

/**
 * Whether to colour the output: `io.color` when given, else when `stdout` is a terminal and `NO_COLOR` is unset
 * (https://no-color.org).
 *
 * @example
 * ```ts
 * useColor({ ...io, color: false }); // false
 * ```
 */
export function useColor(io: Pick<CliIo, 'stdout' | 'color' | 'env'>): boolean {
  if (io.color !== undefined) return io.color;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return stdoutIsTerminal(io);
}

/**
 * Whether `stdout` is a terminal (`isTTY`), rather than a file or a pipe.
 *
 * @example
 * ```ts
 * if (stdoutIsTerminal(io)) throw new CliError('binary output: give --out');
 * ```
 */
export function stdoutIsTerminal(io: Pick<CliIo, 'stdout'>): boolean {
  return (io.stdout as Partial<NodeJS.WriteStream>).isTTY === true;
}
