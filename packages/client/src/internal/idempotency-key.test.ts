import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportIdempotencyKey } from './idempotency-key.js';

// The key every released client sent for a pair: `mq-` and the hex SHA-256 of the JSON array [sessionId,
// messageId] in UTF-8. Computed here by node:crypto, independently of the client's hash: a report retried by a
// newer client (or sent by an older one from an outbox) must carry the same key as before.
const expectedKey = (sessionId: string, messageId: string) =>
  `mq-${createHash('sha256')
    .update(JSON.stringify([sessionId, messageId]), 'utf8')
    .digest('hex')}`;

describe('reportIdempotencyKey', () => {
  it('is mq- and the SHA-256 of the JSON pair, as node:crypto computes it', async () => {
    const pairs: [string, string][] = [
      ['s1', 'm1'],
      ['', ''],
      ['a:b', 'c'],
      ['a', 'b:c'],
      ['sess "quoted" \\ back', 'msg\nline\ttab'],
      ['Ελληνικά 😀', 'עברית ‎مرحبا'],
      ['\u0000', '\ud800'],
      // The JSON is 7 characters longer than the session id: 55, 56, 63, 64, 65, 119 and 120 bytes cross the
      // padding and block edges of SHA-256 (64-byte blocks, 9 bytes of length and marker).
      ...[48, 49, 56, 57, 58, 112, 113].map((n): [string, string] => ['x'.repeat(n), '']),
      ['s'.repeat(10_000), 'm'.repeat(333)],
    ];
    for (const [sessionId, messageId] of pairs) {
      expect(await reportIdempotencyKey(sessionId, messageId)).toBe(expectedKey(sessionId, messageId));
    }
  });

  it('keeps the pair unambiguous: moving a character across the pair changes the key', async () => {
    expect(await reportIdempotencyKey('a:b', 'c')).not.toBe(await reportIdempotencyKey('a', 'b:c'));
  });
});
