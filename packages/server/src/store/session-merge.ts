import type { Message, Session, VariableSnapshot } from '@observatory/core';
import { ConflictError } from '../errors.js';
import type { TagOperations } from './store.js';

/**
 * A session as stored in one row: `interactions` is always empty there, as the interaction log has its own table.
 * (`Omit` would lose the fields of a loose zod object, hence the same type.)
 */
export type SessionDoc = Session;

/**
 * Merges an upserted session into the stored one: metadata from the new one, transcript and snapshots as the union
 * by id (stored order first), so a retried or partial upsert never loses or duplicates a message.
 *
 * @example
 * ```ts
 * const doc = mergeSession(stored, incoming);
 * ```
 */
export function mergeSession(stored: SessionDoc | undefined, incoming: Session): SessionDoc {
  const doc: SessionDoc = { ...incoming, interactions: [] };
  if (stored === undefined) return { ...doc, tags: uniqueTags(doc.tags) };
  if (stored.agentId !== incoming.agentId) {
    throw new ConflictError(
      'agentId',
      `the agent the session was created with (${JSON.stringify(stored.agentId)})`,
    );
  }
  return {
    ...doc,
    tags: uniqueTags(doc.tags),
    messages: appendMessages(stored.messages, doc.messages),
    variableSnapshots: doc.variableSnapshots.reduce(appendSnapshot, stored.variableSnapshots),
  };
}

/**
 * Adds messages whose id is not stored yet, each in its place by `createdAt`: a message written late (a retry,
 * or concurrent writes of one conversation through several servers) goes before the later ones already stored.
 * Messages of the same time keep the order they were stored and sent in.
 *
 * @example
 * ```ts
 * appendMessages([m1, m3], [m1, m2]); // [m1, m2, m3] when m2 was created between m1 and m3
 * ```
 */
export function appendMessages(stored: readonly Message[], incoming: readonly Message[]): Message[] {
  const seen = new Set(stored.map((m) => m.id));
  const result = [...stored];
  for (const message of incoming) {
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    result.push(message);
  }
  // Array.prototype.sort is stable: equal times keep their order.
  return result.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/**
 * Adds a snapshot, replacing the one taken for the same message (or the final one, `messageId: null`).
 *
 * @example
 * ```ts
 * appendSnapshot([], { messageId: 'm1', takenAt: '2026-11-25T10:00:00.000Z', variables: {} });
 * ```
 */
export function appendSnapshot(
  stored: readonly VariableSnapshot[],
  snapshot: VariableSnapshot,
): VariableSnapshot[] {
  return [...stored.filter((s) => s.messageId !== snapshot.messageId), snapshot];
}

/**
 * Adds `tags` to the message `messageId` (after its own, without duplicates); the other messages are unchanged.
 *
 * @example
 * ```ts
 * tagMessage([m1], 'm1', ['refund']); // [{ ...m1, tags: ['refund'] }]
 * ```
 */
export function tagMessage(
  messages: readonly Message[],
  messageId: string,
  tags: readonly string[],
): Message[] {
  return messages.map((message) =>
    message.id === messageId ? { ...message, tags: uniqueTags([...(message.tags ?? []), ...tags]) } : message,
  );
}

/**
 * Applies tag additions then removals, without duplicates.
 *
 * @example
 * ```ts
 * applyTags(['a'], { add: ['b'], remove: ['a'] }); // ['b']
 * ```
 */
export function applyTags(tags: readonly string[], operations: TagOperations): string[] {
  const removed = new Set(operations.remove ?? []);
  return uniqueTags([...tags, ...(operations.add ?? [])]).filter((t) => !removed.has(t));
}

/**
 * Drops repeated tags, keeping the first of each.
 *
 * @example
 * ```ts
 * uniqueTags(['a', 'b', 'a']); // ['a', 'b']
 * ```
 */
export function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
