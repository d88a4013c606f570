import type { MiddlewareHandler } from 'hono';
import { StoreUnavailableError } from '../errors.js';
import type { StoreEngine } from '../store/store.js';

/**
 * How much work the server lets reach the store at once, and how much it lets wait: past these bounds a request
 * is answered 503 with `Retry-After` at once, instead of queueing without end.
 *
 * @example
 * ```ts
 * const limits: AdmissionLimits = { maxInFlight: 4, maxQueued: 64, maxQueueWaitMs: 5_000 };
 * ```
 */
export interface AdmissionLimits {
  /**
   * Requests working on the store at the same time, each until its answer starts (a streamed export then reads
   * its further batches as the client takes them, so a slow reader holds no place).
   */
  readonly maxInFlight: number;
  /** Requests waiting, first come first served, for one of those places; one more is answered 503. */
  readonly maxQueued: number;
  /** Longest wait in the queue, in milliseconds; a request still waiting then is answered 503. */
  readonly maxQueueWaitMs: number;
}

/**
 * The bounds {@link createObservatoryServer} applies unless given others, by engine: PostgreSQL works on as
 * many requests as its connection pool holds (10); PGlite runs one statement at a time on the server's own
 * thread, so 2 at work keep each fast and the rest wait their turn. Either way 64 may wait, for at most 5 s.
 *
 * @example
 * ```ts
 * import { defaultAdmissionLimits } from '@observatory/server';
 * console.log(defaultAdmissionLimits('pglite')); // { maxInFlight: 2, maxQueued: 64, maxQueueWaitMs: 5000 }
 * ```
 */
export function defaultAdmissionLimits(engine: StoreEngine): AdmissionLimits {
  return { maxInFlight: engine === 'postgres' ? 10 : 2, maxQueued: 64, maxQueueWaitMs: 5_000 };
}

/** Seconds a shed request is told to wait (`Retry-After`). */
const SHED_RETRY_AFTER_SECONDS = 1;

const shed = () =>
  new StoreUnavailableError('The server is at capacity: retry later', SHED_RETRY_AFTER_SECONDS);

/**
 * Middleware putting a bounded first-in, first-out queue in front of the store: at most `maxInFlight` requests
 * run at once, every kind of request waits in the same line (so none starves another), and a request past
 * `maxQueued` waiting or `maxQueueWaitMs` of waiting is refused with {@link StoreUnavailableError} (503 with
 * `Retry-After`) before it touches anything. A request holds its place until its answer starts.
 *
 * @example
 * ```ts
 * app.use('/organizations/:orgId/*', admission(defaultAdmissionLimits(store.engine)));
 * ```
 */
export function admission(limits: AdmissionLimits): MiddlewareHandler {
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next)
      next(); // the place passes on to the longest-waiting request
    else inFlight -= 1;
  };
  const acquire = (): Promise<void> => {
    if (inFlight < limits.maxInFlight) {
      inFlight += 1;
      return Promise.resolve();
    }
    if (waiting.length >= limits.maxQueued) return Promise.reject(shed());
    return new Promise((resolve, reject) => {
      const admit = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(admit), 1);
        reject(shed());
      }, limits.maxQueueWaitMs);
      waiting.push(admit);
    });
  };
  return async (_c, next) => {
    await acquire();
    try {
      await next();
    } finally {
      release();
    }
  };
}
