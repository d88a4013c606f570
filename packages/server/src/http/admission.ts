import type { Context, MiddlewareHandler } from 'hono';
import { StoreUnavailableError } from '../errors.js';
import type { StoreEngine } from '../store/store.js';

/**
 * How much work the server lets reach the store at once, and how much it lets wait: past these bounds a request
 * is answered 503 with `Retry-After` at once, instead of queueing without end.
 *
 * @example
 * ```ts
 * const limits: AdmissionLimits = { maxInFlight: 4, maxQueued: 64, maxQueueWaitMs: 5_000, reportsPerPlace: 8 };
 * ```
 */
export interface AdmissionLimits {
  /**
   * Places at work on the store at the same time, each held by a request until its answer starts (a streamed
   * export then reads its further batches as the client takes them, so a slow reader holds no place).
   */
  readonly maxInFlight: number;
  /** Requests waiting, first come first served, for one of those places; one more is answered 503. */
  readonly maxQueued: number;
  /** Longest wait in the queue, in milliseconds; a request still waiting then is answered 503. */
  readonly maxQueueWaitMs: number;
  /**
   * Missed-question reports that may share one place: the store runs concurrent reports as one batch (one
   * statement, one commit), so one place holds up to this many reports at work, and a report joins a place with
   * room before it waits for a free one.
   * @default 1 (each report its own place) when absent; see {@link defaultAdmissionLimits}
   */
  readonly reportsPerPlace?: number;
}

/**
 * The bounds {@link createObservatoryServer} applies unless given others, by engine: PostgreSQL works on as
 * many requests as its connection pool holds (10); PGlite runs one statement at a time on the server's own
 * thread, so 2 at work keep each fast and the rest wait their turn. Reports share places, as the store batches
 * them: 4 per place on PostgreSQL (40 at work), 32 on PGlite (64). Either way 64 may wait, for at most 5 s.
 *
 * @example
 * ```ts
 * import { defaultAdmissionLimits } from '@observatory/server';
 * console.log(defaultAdmissionLimits('pglite')); // { maxInFlight: 2, maxQueued: 64, maxQueueWaitMs: 5000, reportsPerPlace: 32 }
 * ```
 */
export function defaultAdmissionLimits(engine: StoreEngine): AdmissionLimits {
  const postgres = engine === 'postgres';
  return {
    maxInFlight: postgres ? 10 : 2,
    maxQueued: 64,
    maxQueueWaitMs: 5_000,
    reportsPerPlace: postgres ? 4 : 32,
  };
}

/** Seconds a shed request is told to wait (`Retry-After`). */
const SHED_RETRY_AFTER_SECONDS = 1;

const shed = () =>
  new StoreUnavailableError('The server is at capacity: retry later', SHED_RETRY_AFTER_SECONDS);

/** A place at work; `members` counts the requests in it (more than one only for reports). */
interface Place {
  members: number;
  readonly shared: boolean;
}

interface Waiting {
  readonly shared: boolean;
  readonly admit: (place: Place) => void;
}

/**
 * Middleware putting a bounded first-in, first-out queue in front of the store: at most `maxInFlight` places
 * are at work at once, every kind of request waits in the same line (so none starves another), and a request
 * past `maxQueued` waiting or `maxQueueWaitMs` of waiting is refused with {@link StoreUnavailableError} (503
 * with `Retry-After`) before it touches anything. A request holds its place until its answer starts; a request
 * `isReport` tells apart joins a report place with room (up to `reportsPerPlace` reports) before it takes a free
 * place or waits.
 *
 * @example
 * ```ts
 * app.use('/organizations/:orgId/*', admission(defaultAdmissionLimits(store.engine), () => false));
 * ```
 */
export function admission(limits: AdmissionLimits, isReport: (c: Context) => boolean): MiddlewareHandler {
  const perPlace = limits.reportsPerPlace ?? 1;
  let inFlight = 0;
  const reportPlaces: Place[] = [];
  const waiting: Waiting[] = [];
  // A report place with room, else a free place, else none.
  const placeFor = (shared: boolean): Place | undefined => {
    const room = shared ? reportPlaces.find((place) => place.members < perPlace) : undefined;
    if (room !== undefined) {
      room.members += 1;
      return room;
    }
    if (inFlight >= limits.maxInFlight) return undefined;
    inFlight += 1;
    const place = { members: 1, shared };
    if (shared) reportPlaces.push(place);
    return place;
  };
  // Admits the waiting in order: the first one a place cannot be found for keeps its turn for a free place;
  // reports behind it may still join report places with room.
  const pump = () => {
    for (let k = 0; k < waiting.length; ) {
      const entry = waiting[k] as Waiting;
      const blocked = k > 0 && !entry.shared;
      const place = blocked ? undefined : placeFor(entry.shared);
      if (place === undefined) {
        k += 1;
        continue;
      }
      waiting.splice(k, 1);
      entry.admit(place);
    }
  };
  const release = (place: Place) => {
    place.members -= 1;
    if (place.members === 0) {
      inFlight -= 1;
      if (place.shared) reportPlaces.splice(reportPlaces.indexOf(place), 1);
    }
    pump();
  };
  const acquire = (shared: boolean): Promise<Place> => {
    const place = waiting.length === 0 || shared ? placeFor(shared) : undefined;
    if (place !== undefined) return Promise.resolve(place);
    if (waiting.length >= limits.maxQueued) return Promise.reject(shed());
    return new Promise((resolve, reject) => {
      const entry: Waiting = {
        shared,
        admit: (admitted) => {
          clearTimeout(timer);
          resolve(admitted);
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(entry), 1);
        reject(shed());
      }, limits.maxQueueWaitMs);
      waiting.push(entry);
    });
  };
  return async (c, next) => {
    const place = await acquire(isReport(c));
    try {
      await next();
    } finally {
      release(place);
    }
  };
}
