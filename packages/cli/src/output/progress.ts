import cliProgress from 'cli-progress';

/**
 * Progress of one long task: a bar on a terminal, a line per 10 % elsewhere (CI logs, pipes), nothing with
 * `quiet`.
 *
 * @example
 * ```ts
 * const progress = startProgress('Exporting sessions', 1000, { stream: process.stderr });
 * progress.increment(10);
 * progress.stop();
 * ```
 */
export interface Progress {
  increment(by?: number): void;
  /** Changes the expected total (e.g. once a server reports it). */
  setTotal(total: number): void;
  stop(): void;
}

/** Where and whether to show progress. */
export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream;
  readonly quiet?: boolean;
}

/**
 * Starts a progress display for `total` units of work labelled `label`; with `total` undefined (a stream of
 * unknown length) it shows a running count instead of a bar.
 *
 * @example
 * ```ts
 * const progress = startProgress('Driving conversations', scripts.length, { stream: process.stderr });
 * for (const script of scripts) { await run(script); progress.increment(); }
 * progress.stop();
 * ```
 */
export function startProgress(label: string, total: number | undefined, options: ProgressOptions): Progress {
  if (options.quiet) return { increment() {}, setTotal() {}, stop() {} };
  if (options.stream.isTTY) {
    const format =
      total === undefined
        ? `${label} {value} | {duration_formatted}`
        : `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`;
    const bar = new cliProgress.SingleBar(
      { format, stream: options.stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0);
    return {
      increment: (by = 1) => bar.increment(by),
      setTotal: (next) => bar.setTotal(next),
      stop: () => bar.stop(),
    };
  }
  // Not a terminal: a bar would print escape codes into logs, so report every tenth of the work instead.
  let done = 0;
  let expected = total;
  let reported = -1;
  const report = () => {
    if (expected === undefined) return;
    const tenth = expected > 0 ? Math.floor((done / expected) * 10) : 0;
    if (tenth === reported) return;
    reported = tenth;
    options.stream.write(`${label}: ${done}/${expected}\n`);
  };
  report();
  return {
    increment(by = 1) {
      done += by;
      report();
    },
    setTotal(next) {
      expected = next;
    },
    stop() {
      if (expected === undefined) options.stream.write(`${label}: ${done} done\n`);
      else if (done !== expected || reported !== 10)
        options.stream.write(`${label}: ${done}/${expected} done\n`);
    },
  };
}
