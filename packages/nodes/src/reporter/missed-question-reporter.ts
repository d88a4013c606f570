import {
  InvalidReportError,
  NodeConfigError,
  OutboxFullError,
  ReporterClosedError,
} from '../errors/errors.js';
import { MAX_QUESTION_LENGTH } from '../internal/truncate-question.js';
import { createMemoryOutbox } from '../outbox/memory-outbox.js';
import type { DeadLetter, OutboxEntry, OutboxStorage } from '../outbox/outbox-storage.js';
import { classifyReportError, statusOf } from './classify-error.js';
import {
  type MissedQuestionReport,
  type MissedQuestionReporterLike,
  type MissedQuestionReportSink,
  reportKey,
} from './report-types.js';

/**
 * Backoff between delivery attempts while the API is failing.
 *
 * @example
 * ```ts
 * import { createMissedQuestionReporter, type ReporterBackoffOptions } from '@observatory/nodes';
 * const backoff: ReporterBackoffOptions = { initialMs: 500, maxMs: 30_000 };
 * const reporter = createMissedQuestionReporter({ client, backoff });
 * ```
 */
export interface ReporterBackoffOptions {
  /** First wait. @default 1_000 */
  readonly initialMs?: number;
  /** Longest wait. @default 60_000 */
  readonly maxMs?: number;
}

/**
 * Options of {@link createMissedQuestionReporter}.
 *
 * @example
 * ```ts
 * import {
 *   createFileOutbox,
 *   createMissedQuestionReporter,
 *   type MissedQuestionReporterOptions,
 * } from '@observatory/nodes';
 * const options: MissedQuestionReporterOptions = {
 *   client,
 *   outbox: createFileOutbox({ path: './data/missed-questions.outbox.jsonl' }),
 *   capacity: 50_000,
 *   timeout: 5_000,
 *   onError: (letter, error) => console.error('report refused for good', letter, error),
 * };
 * const reporter = createMissedQuestionReporter(options);
 * ```
 */
export interface MissedQuestionReporterOptions {
  /** Sends reports: an `ObservatoryClient` or anything with `missedQuestions.report`. */
  readonly client: MissedQuestionReportSink;
  /** Where reports wait until delivered. @default createMemoryOutbox() */
  readonly outbox?: OutboxStorage;
  /** Most reports pending at once; one more is refused with `OutboxFullError`. @default 10_000 */
  readonly capacity?: number;
  /**
   * Called with a report the full outbox refused; with it, `report()` resolves `{ status: 'refused' }` instead
   * of rejecting. @default none (report() rejects)
   */
  readonly onFull?: (report: MissedQuestionReport, error: OutboxFullError) => void;
  /**
   * Called when the API refuses a report for good; the report is kept in `deadLetters()`. With it (or with an
   * `'error'` listener, see `on`), nothing is printed. @default none: a one-line warning on stderr per refusal
   */
  readonly onError?: ReporterErrorListener;
  /** Called after each delivery. */
  readonly onDelivered?: (entry: OutboxEntry) => void;
  /** Per-attempt timeout handed to the client, in ms. @default 10_000 */
  readonly timeout?: number;
  /** @default { initialMs: 1_000, maxMs: 60_000 } */
  readonly backoff?: ReporterBackoffOptions;
  /**
   * Most reports in flight at once. Above 1, reports of different sessions go out side by side, while those of one
   * session still go one at a time in the order they were queued; once one meets a failing API, no new one starts
   * and the rest wait for the retry, in order. @default 1 (one report at a time, in the order queued)
   */
  readonly concurrency?: number;
}

/**
 * Receives a report the API refused for good (401, 403, 400, …: a 4xx other than 408/409/429), already kept in
 * `deadLetters()`, and the error of the refusal.
 *
 * @example
 * ```ts
 * import type { ReporterErrorListener } from '@observatory/nodes';
 * const listener: ReporterErrorListener = (letter, error) => console.error('refused for good', letter.key, error);
 * reporter.on('error', listener);
 * ```
 */
export type ReporterErrorListener = (letter: DeadLetter, error: unknown) => void;

/**
 * What `report()` did: queued it, found the same (sessionId, messageId) already queued, or (with `onFull`)
 * refused it because the outbox is full.
 *
 * @example
 * ```ts
 * const receipt: ReportReceipt = await reporter.report(report); // { key: '["s1","m1"]', status: 'queued' }
 * ```
 */
export interface ReportReceipt {
  readonly key: string;
  readonly status: 'queued' | 'duplicate' | 'refused';
}

/**
 * Where a flush or close left things: what this call delivered, and what the outbox still holds.
 *
 * @example
 * ```ts
 * const { delivered, pending, deadLettered } = await reporter.close();
 * if (pending > 0) console.warn(`${pending} reports not delivered yet: they stay in the outbox`);
 * if (deadLettered > 0) console.warn(`${deadLettered} reports refused for good: see reporter.deadLetters()`);
 * ```
 */
export interface FlushResult {
  /** Reports delivered during this call. */
  readonly delivered: number;
  /** Reports still waiting (the API is down or failing); a file outbox keeps them for the next start. */
  readonly pending: number;
  /**
   * Reports the API refused for good that the outbox holds: `(await reporter.deadLetters()).length`, whenever
   * they were refused (in the background, during this call, or, with a file outbox, before a restart).
   */
  readonly deadLettered: number;
}

/**
 * A missed-question reporter with a retrying outbox. See {@link createMissedQuestionReporter}.
 *
 * @example
 * ```ts
 * const reporter: MissedQuestionReporter = createMissedQuestionReporter({ client });
 * await reporter.report({ tenantId: 'faq-bot', question: 'Crypto?', sessionId: 's1', messageId: 'm1' });
 * ```
 */
export interface MissedQuestionReporter extends MissedQuestionReporterLike {
  /** Queues a report (durably, with a durable outbox) and resolves; delivery happens in the background. */
  report(report: MissedQuestionReport): Promise<ReportReceipt>;
  /** Tries to deliver everything pending now, ignoring the backoff wait. */
  flush(): Promise<FlushResult>;
  /**
   * Stops background delivery, flushes once (unless `flush: false`), closes the outbox, and says what is left:
   * check `pending` and `deadLettered` before a script exits.
   */
  close(options?: { readonly flush?: boolean }): Promise<FlushResult>;
  /** How many reports wait. */
  pending(): Promise<number>;
  /** Reports the API refused for good. */
  deadLetters(): Promise<readonly DeadLetter[]>;
  /**
   * Listens for reports refused for good (the `'error'` event), like `onError`; returns a function that removes
   * the listener. While no `onError` and no listener is set, each refusal prints a one-line warning on stderr.
   */
  on(event: 'error', listener: ReporterErrorListener): () => void;
}

/**
 * Creates the reporter the Missed Question node hands its reports to. Each report is keyed by its
 * (sessionId, messageId) pair, queued in the outbox and delivered through `client.missedQuestions.report` in
 * the background. When the API is down or slow, reports wait and are retried with exponential backoff (capped);
 * a 4xx other than 408/429 and a bare 409 (see `classifyReportError`) is permanent — so is a 409 naming the
 * question this message was first reported with — and goes to `deadLetters()`, `onError` and the `'error'`
 * listeners (a one-line warning on stderr when there are none); a full outbox refuses new reports loudly. Nothing
 * is dropped silently. Delivery starts as soon as the reporter is created when the outbox already holds reports
 * (a file outbox after a restart). With a durable outbox and the platform's idempotency on the pair, every
 * report is delivered exactly once after an outage, restarts included. Call `close()` on shutdown and check
 * what it returns: background timers do not keep the process alive, and `pending` says what still waits.
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * import { createFileOutbox, createMissedQuestionReporter } from '@observatory/nodes';
 * const client = createObservatoryClient({ baseUrl, token, organizationId });
 * const reporter = createMissedQuestionReporter({
 *   client,
 *   outbox: createFileOutbox({ path: './data/outbox.jsonl' }),
 *   onError: (letter, error) => console.error('refused for good', letter.key, error),
 * });
 * process.on('SIGTERM', () => void reporter.close());
 * ```
 */
export function createMissedQuestionReporter(options: MissedQuestionReporterOptions): MissedQuestionReporter {
  return new Reporter(options);
}

class Reporter implements MissedQuestionReporter {
  readonly #client: MissedQuestionReportSink;
  readonly #outbox: OutboxStorage;
  readonly #capacity: number;
  readonly #timeout: number;
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #concurrency: number;
  readonly #options: MissedQuestionReporterOptions;
  #closed = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #draining: Promise<FlushResult> | undefined;
  // Set when a report arrives while a pass is finishing: that pass may already have read an empty outbox.
  #again = false;
  // report() checks capacity and adds in one step, so concurrent reports cannot overfill the outbox.
  #enqueueing: Promise<unknown> = Promise.resolve();
  readonly #errorListeners = new Set<ReporterErrorListener>();

  constructor(options: MissedQuestionReporterOptions) {
    this.#options = options;
    this.#client = options.client;
    this.#outbox = options.outbox ?? createMemoryOutbox();
    this.#capacity = options.capacity ?? 10_000;
    this.#timeout = options.timeout ?? 10_000;
    this.#initialMs = options.backoff?.initialMs ?? 1_000;
    this.#maxMs = options.backoff?.maxMs ?? 60_000;
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new NodeConfigError('concurrency', 'a whole number of at least 1', concurrency);
    }
    this.#concurrency = concurrency;
    // Reports a previous process left in a durable outbox go out now, not only once a new report arrives.
    this.#kick();
  }

  async report(report: MissedQuestionReport): Promise<ReportReceipt> {
    if (this.#closed) throw new ReporterClosedError();
    validate(report);
    const key = reportKey(report);
    const entry: OutboxEntry = { key, report: { ...report }, enqueuedAt: new Date().toISOString() };
    const run = this.#enqueueing.then(async (): Promise<ReportReceipt> => {
      if ((await this.#outbox.size()) >= this.#capacity) {
        const pending = await this.#outbox.pending();
        if (pending.some((item) => item.key === key)) return { key, status: 'duplicate' };
        const error = new OutboxFullError(this.#capacity, key);
        if (!this.#options.onFull) throw error;
        this.#options.onFull(report, error);
        return { key, status: 'refused' };
      }
      return { key, status: (await this.#outbox.add(entry)) ? 'queued' : 'duplicate' };
    });
    this.#enqueueing = run.catch(() => undefined);
    const receipt = await run;
    if (receipt.status === 'queued') this.#kick();
    return receipt;
  }

  async flush(): Promise<FlushResult> {
    this.#clearTimer();
    // No await between the check and #drain: two passes never run at once, so no entry is sent twice.
    while (this.#draining) await this.#draining;
    return this.#drain(true);
  }

  async close(options: { readonly flush?: boolean } = {}): Promise<FlushResult> {
    this.#closed = true;
    this.#clearTimer();
    await this.#enqueueing;
    while (this.#draining) await this.#draining;
    const result =
      options.flush === false
        ? { delivered: 0, pending: await this.#outbox.size(), deadLettered: await this.#deadCount() }
        : await this.#drain(false);
    this.#clearTimer();
    await this.#outbox.close?.();
    return result;
  }

  pending(): Promise<number> {
    return this.#outbox.size();
  }

  deadLetters(): Promise<readonly DeadLetter[]> {
    return this.#outbox.deadLetters();
  }

  on(event: 'error', listener: ReporterErrorListener): () => void {
    if (event !== 'error')
      throw new TypeError(`unknown reporter event ${JSON.stringify(event)}: expected 'error'`);
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }

  /** Starts a background pass unless one runs or a backoff wait is scheduled. */
  #kick(): void {
    if (this.#draining) this.#again = true;
    if (this.#draining || this.#timer || this.#closed) return;
    void this.#drain(false);
  }

  #drain(compact: boolean): Promise<FlushResult> {
    this.#again = false;
    const run = this.#pass(compact).finally(() => {
      this.#draining = undefined;
      if (this.#again) this.#kick();
    });
    this.#draining = run;
    return run;
  }

  async #pass(compact: boolean): Promise<FlushResult> {
    let delivered = 0;
    let blocked = false;
    try {
      // Loop until empty: reports queued during the pass are picked up by the next round.
      while (!blocked) {
        const entries = await this.#outbox.pending();
        if (entries.length === 0) break;
        // Lanes deliver in order, one report at a time each: one lane for everything by default, else one per
        // session, up to `concurrency` lanes at once.
        const lanes = laneEntries(entries, this.#concurrency > 1);
        let next = 0;
        const runLanes = async () => {
          for (let lane = lanes[next++]; lane !== undefined && !blocked; lane = lanes[next++]) {
            for (const entry of lane) {
              if (blocked) return;
              const outcome = await this.#deliver(entry);
              if (outcome === 'delivered') delivered++;
              else if (outcome === 'retry') {
                // The API is down or slow: stop hammering it and wait, with every later report behind this one.
                blocked = true;
                return;
              }
            }
          }
        };
        await Promise.all(Array.from({ length: Math.min(this.#concurrency, lanes.length) }, runLanes));
      }
      if (compact) await this.#outbox.compact?.();
    } catch {
      // The storage itself failed; reports stay where they are and the next attempt is scheduled below.
      blocked = true;
    }
    if (blocked) this.#scheduleRetry();
    else this.#failures = 0;
    return {
      delivered,
      pending: await this.#outbox.size().catch(() => Number.NaN),
      deadLettered: await this.#deadCount(),
    };
  }

  #deadCount(): Promise<number> {
    return this.#outbox.deadLetters().then(
      (letters) => letters.length,
      () => Number.NaN,
    );
  }

  async #deliver(entry: OutboxEntry): Promise<'delivered' | 'dead' | 'retry'> {
    try {
      await this.#client.missedQuestions.report(entry.report, { timeout: this.#timeout });
    } catch (error) {
      const kind = classifyReportError(error);
      if (kind === 'transient') return 'retry';
      if (kind === 'permanent') {
        const status = statusOf(error);
        const letter: DeadLetter = {
          ...entry,
          failedAt: new Date().toISOString(),
          reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          ...(status === undefined ? {} : { status }),
        };
        await this.#outbox.deadLetter(letter);
        this.#refused(letter, error);
        return 'dead';
      }
    }
    await this.#outbox.remove(entry.key);
    this.#options.onDelivered?.(entry);
    return 'delivered';
  }

  /** Tells `onError` and the `'error'` listeners, or, when there are none, stderr. */
  #refused(letter: DeadLetter, error: unknown): void {
    this.#options.onError?.(letter, error);
    for (const listener of this.#errorListeners) listener(letter, error);
    if (this.#options.onError || this.#errorListeners.size > 0) return;
    const reason = letter.reason.replace(/\s+/g, ' ');
    console.warn(
      `observatory reporter: report ${letter.key} refused for good (${reason}); kept in deadLetters(). Pass onError or listen to 'error' to handle refusals.`,
    );
  }

  #scheduleRetry(): void {
    if (this.#closed) return;
    this.#failures++;
    const wait = Math.min(this.#maxMs, this.#initialMs * 2 ** (this.#failures - 1));
    // Up to 20% jitter so many runtimes coming back together do not retry in lockstep.
    const delay = Math.round(wait * (0.8 + Math.random() * 0.2));
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#kick();
    }, delay);
    this.#timer.unref?.();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** The entries in queue order, as one lane, or as one lane per session (sessions in order of first report). */
function laneEntries(entries: readonly OutboxEntry[], perSession: boolean): OutboxEntry[][] {
  if (!perSession) return [[...entries]];
  const lanes = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    const lane = lanes.get(entry.report.sessionId);
    if (lane === undefined) lanes.set(entry.report.sessionId, [entry]);
    else lane.push(entry);
  }
  return [...lanes.values()];
}

function validate(report: MissedQuestionReport): void {
  for (const field of ['tenantId', 'sessionId', 'messageId'] as const) {
    if (typeof report[field] !== 'string' || report[field] === '') {
      throw new InvalidReportError(field, 'a non-empty string');
    }
  }
  if (typeof report.question !== 'string' || report.question.trim() === '') {
    throw new InvalidReportError('question', 'a non-empty string');
  }
  if (report.question.length > MAX_QUESTION_LENGTH) {
    throw new InvalidReportError('question', `at most ${MAX_QUESTION_LENGTH} characters`);
  }
}
