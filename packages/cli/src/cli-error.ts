/**
 * An error the CLI reports as one line and a non-zero exit: bad flags, a missing token, an unreachable server.
 *
 * @example
 * ```ts
 * throw new CliError('--format must be one of txt, csv, xlsx (got "pdf")');
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** Process exit code: 2 for usage errors, 1 otherwise. */
  readonly exitCode: number;

  constructor(message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? 2;
  }
}
