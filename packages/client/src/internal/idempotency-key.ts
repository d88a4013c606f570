/**
 * The Idempotency-Key of a missed-question report: a SHA-256 of (sessionId, messageId), so every retry and every
 * reporter of the same user message sends the same key.
 */
export async function reportIdempotencyKey(sessionId: string, messageId: string): Promise<string> {
  // JSON keeps the pair unambiguous ("a:b","c" never collides with "a","b:c").
  const bytes = new TextEncoder().encode(JSON.stringify([sessionId, messageId]));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `mq-${hex}`;
}
