import { Session } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { generateMissEvents } from './miss-events.js';
import { generateOccurrences } from './occurrences.js';
import { SeededRandom } from './random.js';
import { generateSessions, MESSAGES_PER_SESSION, occurrencesOf } from './sessions.js';
import { WORDING_CAPACITY, wordingAt } from './text.js';
import { ZipfSampler } from './zipf.js';

describe('datasets', () => {
  it('are the same for the same seed and differ for another seed', () => {
    const a = [...generateSessions({ seed: 1, count: 20 })];
    expect([...generateSessions({ seed: 1, count: 20 })]).toEqual(a);
    expect([...generateSessions({ seed: 2, count: 20 })]).not.toEqual(a);
  });

  it('generates valid 20-message sessions', () => {
    for (const session of generateSessions({ seed: 5, count: 50 })) {
      expect(() => Session.parse(session)).not.toThrow();
      expect(session.messages).toHaveLength(MESSAGES_PER_SESSION);
    }
  });

  it('gives every wording index a distinct text, across several scripts', () => {
    const texts = new Set(Array.from({ length: 20_000 }, (_, i) => wordingAt(i)));
    expect(texts.size).toBe(20_000);
    expect(WORDING_CAPACITY).toBeGreaterThanOrEqual(20_000);
    const all = [...texts].join('');
    for (const script of [
      /\p{Script=Greek}/u,
      /\p{Script=Arabic}/u,
      /\p{Script=Han}/u,
      /\p{Script=Devanagari}/u,
    ]) {
      expect(all).toMatch(script);
    }
  });

  it('draws long-tailed frequencies: the top rank far more often than a rank in the tail', () => {
    const zipf = new ZipfSampler(1000);
    const random = new SeededRandom(9);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const rank = zipf.sample(random);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    expect(counts[0] ?? 0).toBeGreaterThan(20 * (counts[500] ?? 0));
  });

  it('generates occurrences with unique (session, message) pairs using every wording', () => {
    const occurrences = generateOccurrences({ seed: 1, count: 5_000, distinctWordings: 500 });
    const pairs = new Set(occurrences.map((o) => `${o.sessionId}/${o.messageId}`));
    expect(pairs.size).toBe(5_000);
    expect(new Set(occurrences.map((o) => o.question)).size).toBe(500);
  });

  it('derives one occurrence per missed turn from sessions', () => {
    const sessions = [...generateSessions({ seed: 3, count: 200 })];
    const missedTurns = sessions.flatMap((s) => s.messages.filter((m) => m.category === 'FALLBACK'));
    expect([...occurrencesOf(sessions)]).toHaveLength(missedTurns.length);
    expect(missedTurns.length).toBeGreaterThan(0);
  });

  it('generates exactly the requested number of counter events', () => {
    expect(generateMissEvents({ seed: 1, count: 1234 })).toHaveLength(1234);
  });
});
