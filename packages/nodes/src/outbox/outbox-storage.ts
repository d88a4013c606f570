import type { MissedQuestionReport } from '../reporter/report-types.js';

/**
 * A report waiting in the outbox, under its idempotency key (`reportKey(report)`).
 *
 * @example
 * ```ts
 * const entry: OutboxEntry = { key: '["s1","m1"]', report, enqueuedAt: '2026-11-25T10:00:00.000Z' };
 * ```
 */
export interface OutboxEntry {
  readonly key: string;
  readonly report: MissedQuestionReport;
  readonly enqueuedAt: string;
}

/**
 * A report the API refused for good (a 4xx other than 408/409/429). Kept, never dropped: inspect, fix, re-report.
 *
 * @example
 * ```ts
 * for (const letter of await reporter.deadLetters()) console.warn(letter.key, letter.status, letter.reason);
 * ```
 */
export interface DeadLetter extends OutboxEntry {
  readonly failedAt: string;
  readonly reason: string;
  readonly status?: number;
}

/**
 * Where the reporter keeps reports until they are delivered. `add` must be durable when it resolves for a
 * storage that claims durability; the reporter calls the methods one at a time. Implement it over your own
 * database, or use {@link createMemoryOutbox} / {@link createFileOutbox}.
 *
 * @example
 * ```ts
 * const storage: OutboxStorage = createMemoryOutbox();
 * await storage.add({ key: '["s1","m1"]', report, enqueuedAt: new Date().toISOString() }); // true
 * ```
 */
export interface OutboxStorage {
  /** Queues an entry; resolves `false` (and changes nothing) when an entry with that key is already pending. */
  add(entry: OutboxEntry): Promise<boolean>;
  /** Pending entries, oldest first. */
  pending(): Promise<readonly OutboxEntry[]>;
  /** How many entries are pending. */
  size(): Promise<number>;
  /** Forgets a delivered entry. */
  remove(key: string): Promise<void>;
  /** Moves a pending entry to the dead letters. */
  deadLetter(letter: DeadLetter): Promise<void>;
  /** Reports refused for good, oldest first. */
  deadLetters(): Promise<readonly DeadLetter[]>;
  /** Shrinks what the storage keeps to the live entries (e.g. rewrites a journal). */
  compact?(): Promise<void>;
  /** Releases files or connections. */
  close?(): Promise<void>;
}
