/**
 * What a batch answers for each of its items, in order: the item's result, or the error that item alone failed
 * with (the others' results stand).
 *
 * @example
 * ```ts
 * const outcomes: BatchOutcome<number>[] = [{ ok: true, value: 2 }, { ok: false, error: new Error('refused') }];
 * ```
 */
export type BatchOutcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: unknown };

/**
 * Bounds of a {@link GroupCommit}.
 *
 * @example
 * ```ts
 * const options: GroupCommitOptions = { maxBatch: 128, maxInFlight: 1 };
 * ```
 */
export interface GroupCommitOptions {
  /** Most items in one batch. */
  readonly maxBatch: number;
  /** Most batches running at once; the next batch starts on the event loop's turn after one ends. */
  readonly maxInFlight: number;
}

interface Waiter<I, R> {
  readonly item: I;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent callers' items run together as one batch. A call made while fewer than
 * `maxInFlight` batches run starts a batch on the event loop's next turn (no timer: an idle caller waits for
 * nothing more), with every call made until then; calls made while the batches are busy queue and go together,
 * at most `maxBatch` at a time, as the next batch on the turn after one ends (with the calls of that turn). Each caller
 * gets its own item's outcome; when the batch itself fails (`run` throws), every caller of that batch gets the
 * error, so nothing is acknowledged that was not done.
 *
 * @example
 * ```ts
 * const commits = new GroupCommit<number, number>(async (items) => items.map((n) => ({ ok: true, value: n * 2 })), { maxBatch: 64, maxInFlight: 1 });
 * await Promise.all([commits.submit(1), commits.submit(2)]); // [2, 4], the second in the batch after the first
 * ```
 */
export class GroupCommit<I, R> {
  readonly #run: (items: readonly I[]) => Promise<readonly BatchOutcome<R>[]>;
  readonly #options: GroupCommitOptions;
  readonly #queue: Waiter<I, R>[] = [];
  #inFlight = 0;

  constructor(
    run: (items: readonly I[]) => Promise<readonly BatchOutcome<R>[]>,
    options: GroupCommitOptions,
  ) {
    this.#run = run;
    this.#options = options;
  }

  /** Runs `item` in the next batch and resolves with its own result (or rejects with its own error). */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      // The first call of a quiet moment starts its batch on the event loop's next turn: callers whose requests
      // arrived together join it (an embedded engine runs a whole transaction within one turn, so without this
      // yield each of them would go alone), and a lone caller waits no longer than that turn.
      if (this.#queue.length === 1) setImmediate(() => this.#drain());
    });
  }

  #drain(): void {
    while (this.#inFlight < this.#options.maxInFlight && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.#options.maxBatch);
      this.#inFlight++;
      void this.#settle(batch).finally(() => {
        this.#inFlight--;
        // The next batch starts on the event loop's next turn, after the I/O due on it: an embedded engine held
        // the thread for the whole batch, so the requests that arrived meanwhile are read only then, and they
        // join this next batch instead of waiting for one of whatever was queued.
        setImmediate(() => this.#drain());
      });
    }
  }

  async #settle(batch: readonly Waiter<I, R>[]): Promise<void> {
    try {
      const outcomes = await this.#run(batch.map((waiter) => waiter.item));
      for (const [i, waiter] of batch.entries()) {
        const outcome = outcomes[i];
        if (outcome === undefined) waiter.reject(new Error('the batch returned no outcome for an item'));
        else if (outcome.ok) waiter.resolve(outcome.value);
        else waiter.reject(outcome.error);
      }
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
}
