/**
 * When a session was last active: the latest of its creation and its messages' times (messages may be recorded
 * out of order). The wire's `lastInteraction`, the `lastActivityBefore` filter and the stores' index all use it.
 *
 * @example
 * ```ts
 * import { sessionLastActivity } from '@observatory/core';
 * sessionLastActivity({ createdAt: '2026-11-25T10:00:00.000Z', messages: [{ createdAt: '2026-11-25T10:05:00.000Z' }] });
 * // '2026-11-25T10:05:00.000Z'
 * ```
 */
export function sessionLastActivity(session: {
  readonly createdAt: string;
  readonly messages: readonly { readonly createdAt: string }[];
}): string {
  let latest = Date.parse(session.createdAt);
  for (const message of session.messages) latest = Math.max(latest, Date.parse(message.createdAt));
  return new Date(latest).toISOString();
}
