import { randomUUID } from 'node:crypto';
import {
  ChatSessionDto,
  ChatSessionMessageDto,
  type Message,
  messageFromWire,
  VariableSnapshot,
} from '@observatory/core';
import { z } from 'zod';
import { Key, StorableDateTime } from '../input.js';

// Request bodies of the session write paths (the published `/chat-sessions` ones and the local ingest ones),
// narrowed to what the store can keep: ids and tags are index keys, instants four-digit years.

/** Most items one batch request may carry: bounds the work of one transaction. */
export const MAX_BATCH = 1000;

/**
 * A message as a write path accepts it.
 *
 * @example
 * ```ts
 * const dto = MessageBody.parse(await readJson(c));
 * ```
 */
export const MessageBody = ChatSessionMessageDto.extend({ date: StorableDateTime.optional() });

/**
 * A session as a write path accepts it.
 *
 * @example
 * ```ts
 * const dto = SessionBody.parse(await readJson(c));
 * ```
 */
export const SessionBody = ChatSessionDto.extend({
  id: Key.optional(),
  tenantId: Key.optional(),
  tenant: z.looseObject({ id: Key.optional(), displayName: z.string().optional() }).optional(),
  tags: z.array(Key).max(1000).optional(),
  createdAt: StorableDateTime.optional(),
  lastInteraction: StorableDateTime.optional(),
  messages: z.array(MessageBody).optional(),
});

/**
 * A batch of messages: 1 to {@link MAX_BATCH}.
 *
 * @example
 * ```ts
 * const dtos = MessageBatch.parse(await readJson(c));
 * ```
 */
export const MessageBatch = z.array(MessageBody).min(1).max(MAX_BATCH);

/**
 * The platform's variables body, `[{ name, value }]`.
 *
 * @example
 * ```ts
 * const mappings = VariableMappings.parse(await readJson(c));
 * ```
 */
export const VariableMappings = z
  .array(z.looseObject({ name: z.string().min(1), value: z.unknown() }))
  .max(MAX_BATCH);

/**
 * Messages of a request as core messages. A message sent without an id gets a fresh one: an id derived from the
 * transcript's length would collide with a concurrent append and be skipped as a duplicate, losing an
 * acknowledged message. Send ids to make retries idempotent.
 *
 * @example
 * ```ts
 * await store.appendMessages(orgId, session.id, messagesFromWire(dtos, session.id));
 * ```
 */
export function messagesFromWire(dtos: readonly ChatSessionMessageDto[], sessionId: string): Message[] {
  return dtos.map((dto, index) => messageFromWire({ ...dto, id: dto.id ?? randomUUID() }, sessionId, index));
}

/**
 * The snapshot a variables body records: taken now, tied to the user message `hbfEventId` (else the final one).
 *
 * @example
 * ```ts
 * const snapshot = snapshotFromMappings(mappings, params.get('hbfEventId'));
 * ```
 */
export function snapshotFromMappings(
  mappings: z.infer<typeof VariableMappings>,
  hbfEventId: string | null,
): VariableSnapshot {
  return VariableSnapshot.parse({
    messageId: hbfEventId || null,
    takenAt: new Date().toISOString(),
    variables: Object.fromEntries(mappings.map((m) => [m.name, m.value])),
  });
}
