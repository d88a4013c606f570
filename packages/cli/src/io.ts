/**
 * The process's streams and environment, passed in so commands can run in tests and from other programs.
 * `columns` and `color` describe the terminal when `stdout` is not the process's own (a test, another program):
 * without them the CLI asks `stdout` (`columns`, `isTTY`) and `NO_COLOR`.
 *
 * @example
 * ```ts
 * const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
 * const narrow: CliIo = { ...io, columns: 60, color: false };
 * ```
 */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Width of the terminal tables fit in. @default `stdout.columns`, else 80 */
  readonly columns?: number;
  /** Whether highlights are coloured (ANSI) rather than marked with `>>`. @default `stdout.isTTY` and no `NO_COLOR` */
  readonly color?: boolean;
}
