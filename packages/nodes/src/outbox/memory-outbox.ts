import type { DeadLetter, OutboxEntry, OutboxStorage } from './outbox-storage.js';

/**
 * An outbox in memory: survives an API outage, not a process restart (use {@link createFileOutbox} for that).
 *
 * @example
 * ```ts
 * import { createMemoryOutbox, createMissedQuestionReporter } from '@observatory/nodes';
 * const reporter = createMissedQuestionReporter({ client, outbox: createMemoryOutbox() });
 * ```
 */
export function createMemoryOutbox(): OutboxStorage {
  const pending = new Map<string, OutboxEntry>();
  const dead: DeadLetter[] = [];
  return {
    async add(entry) {
      if (pending.has(entry.key)) return false;
      pending.set(entry.key, entry);
      return true;
    },
    async pending() {
      return [...pending.values()];
    },
    async size() {
      return pending.size;
    },
    async remove(key) {
      pending.delete(key);
    },
    async deadLetter(letter) {
      pending.delete(letter.key);
      dead.push(letter);
    },
    async deadLetters() {
      return [...dead];
    },
  };
}
