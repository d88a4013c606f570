import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MissedQuestionOccurrence } from '../model/missed-question.js';
import { groupMissedQuestions } from './group.js';
import { missedQuestionKey } from './key.js';

const occurrence = (
  question: string,
  sessionId: string,
  messageId: string,
  occurredAt: string,
  agentId = 'faq-bot',
): MissedQuestionOccurrence => ({ agentId, question, sessionId, messageId, occurredAt });

const november = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('groupMissedQuestions', () => {
  it('keeps differently worded questions apart by default and merges them with normalize: true', () => {
    const input = [
      occurrence('Do you ship to Cyprus?', 's1', 'm1', '2026-11-02T10:00:00.000Z'),
      occurrence('  do you SHIP to cyprus ', 's2', 'm1', '2026-11-03T10:00:00.000Z'),
    ];
    const exact = groupMissedQuestions(input);
    expect(exact.map((row) => row.question).sort()).toEqual([
      '  do you SHIP to cyprus ',
      'Do you ship to Cyprus?',
    ]);
    expect(exact.every((row) => row.occurrencesInRange === 1)).toBe(true);

    const merged = groupMissedQuestions(input, { normalize: true });
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({
      key: 'faq-bot\u0000do you ship to cyprus',
      question: 'Do you ship to Cyprus?', // the earliest wording
      occurrencesInRange: 2,
      distinctSessions: 2,
    });
  });

  it('shows the wording of the earliest occurrence, whatever the input order', () => {
    const input = [
      occurrence('do you ship to cyprus', 's2', 'm1', '2026-11-05T10:00:00.000Z'),
      occurrence('Do you ship to Cyprus?', 's1', 'm1', '2026-11-02T10:00:00.000Z'),
    ];
    expect(groupMissedQuestions(input, { normalize: true })[0]?.question).toBe('Do you ship to Cyprus?');
  });

  it('uses a custom normaliser as the wording key', () => {
    const input = [
      occurrence('Refund?', 's1', 'm1', '2026-11-02T10:00:00.000Z'),
      occurrence('REFUND', 's2', 'm1', '2026-11-03T10:00:00.000Z'),
    ];
    const rows = groupMissedQuestions(input, { normalize: (q) => q.slice(0, 3).toLowerCase() });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.key).toBe('faq-bot\u0000ref');
  });

  it('counts a (sessionId, messageId) pair once, the first report winning', () => {
    const rows = groupMissedQuestions([
      occurrence('Where is my order?', 's1', 'm1', '2026-11-02T10:00:00.000Z'),
      occurrence('Where is my order?', 's1', 'm1', '2026-11-02T10:00:05.000Z'), // a retry
      occurrence('Order status', 's1', 'm1', '2026-11-02T10:00:06.000Z'), // a second node, other wording
      occurrence('Where is my order?', 's1', 'm2', '2026-11-02T10:05:00.000Z'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      occurrencesInRange: 2,
      totalOccurrences: 2,
      distinctSessions: 1,
      lastSeen: '2026-11-02T10:05:00.000Z',
    });
  });

  it('counts in range against the half-open range and totals over everything given', () => {
    const rows = groupMissedQuestions(
      [
        occurrence('Hours?', 's1', 'm1', '2026-10-31T23:59:59.999Z'), // before
        occurrence('Hours?', 's2', 'm1', '2026-11-01T00:00:00.000Z'), // first instant: in
        occurrence('Hours?', 's3', 'm1', '2026-11-15T12:00:00.000Z'),
        occurrence('Hours?', 's3', 'm2', '2026-11-15T12:01:00.000Z'),
        occurrence('Hours?', 's4', 'm1', '2026-12-01T00:00:00.000Z'), // `to` is excluded
        occurrence('Only in October', 's5', 'm1', '2026-10-10T00:00:00.000Z'),
      ],
      { range: november },
    );
    expect(rows).toEqual([
      {
        key: 'faq-bot\u0000Hours?',
        agentId: 'faq-bot',
        question: 'Hours?',
        occurrencesInRange: 3,
        totalOccurrences: 5,
        distinctSessions: 2,
        firstSeen: '2026-11-01T00:00:00.000Z',
        lastSeen: '2026-11-15T12:01:00.000Z',
        status: 'UNRESOLVED',
      },
    ]);
  });

  it('accepts instants with offsets and compares them as instants', () => {
    const rows = groupMissedQuestions(
      [
        occurrence('Hours?', 's1', 'm1', '2026-11-01T01:30:00+02:00'), // 2026-10-31T23:30Z: before the range
        occurrence('Hours?', 's2', 'm1', '2026-11-01T00:30:00Z'),
      ],
      { range: november },
    );
    expect(rows[0]).toMatchObject({ occurrencesInRange: 1, totalOccurrences: 2 });
    expect(rows[0]?.firstSeen).toBe('2026-11-01T00:30:00.000Z');
  });

  it('groups per agent', () => {
    const rows = groupMissedQuestions([
      occurrence('Hours?', 's1', 'm1', '2026-11-02T10:00:00.000Z', 'bot-a'),
      occurrence('Hours?', 's2', 'm1', '2026-11-02T10:00:00.000Z', 'bot-b'),
    ]);
    expect(rows.map((row) => row.key).sort()).toEqual([
      missedQuestionKey('bot-a', 'Hours?'),
      missedQuestionKey('bot-b', 'Hours?'),
    ]);
  });

  it('sorts by occurrences in range, then newest last seen, then question', () => {
    const rows = groupMissedQuestions([
      occurrence('one, old', 's1', 'm1', '2026-11-01T10:00:00.000Z'),
      occurrence('three', 's2', 'm1', '2026-11-01T10:00:00.000Z'),
      occurrence('three', 's3', 'm1', '2026-11-01T11:00:00.000Z'),
      occurrence('three', 's4', 'm1', '2026-11-01T12:00:00.000Z'),
      occurrence('one, new', 's5', 'm1', '2026-11-09T10:00:00.000Z'),
      occurrence('b same time', 's6', 'm1', '2026-11-05T10:00:00.000Z'),
      occurrence('a same time', 's7', 'm1', '2026-11-05T10:00:00.000Z'),
    ]);
    expect(rows.map((row) => row.question)).toEqual([
      'three',
      'one, new',
      'a same time',
      'b same time',
      'one, old',
    ]);
  });

  it('takes the status from statusOf by key, UNRESOLVED otherwise', () => {
    const resolvedKey = missedQuestionKey('faq-bot', 'Hours?');
    const rows = groupMissedQuestions(
      [
        occurrence('Hours?', 's1', 'm1', '2026-11-02T10:00:00.000Z'),
        occurrence('Refund?', 's1', 'm2', '2026-11-02T10:01:00.000Z'),
      ],
      { statusOf: (key) => (key === resolvedKey ? 'RESOLVED' : undefined) },
    );
    expect(Object.fromEntries(rows.map((row) => [row.question, row.status]))).toEqual({
      'Hours?': 'RESOLVED',
      'Refund?': 'UNRESOLVED',
    });
  });

  it('rejects a reversed range and an invalid instant with typed errors naming the field', () => {
    expect(() => groupMissedQuestions([], { range: { from: november.to, to: november.from } })).toThrow(
      expect.objectContaining({ name: 'InvalidDateRangeError', field: 'range.from' }),
    );
    expect(() =>
      groupMissedQuestions([
        occurrence('x', 's', 'm', '2026-11-01T00:00:00.000Z'),
        occurrence('x', 's', 'n', 'soon'),
      ]),
    ).toThrow(expect.objectContaining({ field: 'occurrences[1].occurredAt' }));
  });
});

// An independent, obviously-correct model: string pair keys, filters and per-group arrays.
function naiveGroups(input: MissedQuestionOccurrence[], range: { from: string; to: string }) {
  const seen = new Set<string>();
  const distinct = input.filter((o) => {
    const pair = JSON.stringify([o.sessionId, o.messageId]);
    if (seen.has(pair)) return false;
    seen.add(pair);
    return true;
  });
  const time = (iso: string) => new Date(iso).getTime();
  const byKey = new Map<string, MissedQuestionOccurrence[]>();
  for (const o of distinct) {
    const key = missedQuestionKey(o.agentId, o.question, true);
    byKey.set(key, [...(byKey.get(key) ?? []), o]);
  }
  const result = new Map<
    string,
    {
      inRange: number;
      total: number;
      sessions: number;
      question: string;
      firstSeen: string;
      lastSeen: string;
    }
  >();
  for (const [key, all] of byKey) {
    const inRange = all.filter(
      (o) => time(o.occurredAt) >= time(range.from) && time(o.occurredAt) < time(range.to),
    );
    if (inRange.length === 0) continue;
    const earliest = [...all].sort(
      (a, b) => time(a.occurredAt) - time(b.occurredAt),
    )[0] as MissedQuestionOccurrence;
    result.set(key, {
      inRange: inRange.length,
      total: all.length,
      sessions: new Set(inRange.map((o) => o.sessionId)).size,
      question: earliest.question,
      firstSeen: new Date(Math.min(...inRange.map((o) => time(o.occurredAt)))).toISOString(),
      lastSeen: new Date(Math.max(...inRange.map((o) => time(o.occurredAt)))).toISOString(),
    });
  }
  return {
    result,
    pairsInRange: distinct.filter(
      (o) => time(o.occurredAt) >= time(range.from) && time(o.occurredAt) < time(range.to),
    ).length,
  };
}

const arbitraryOccurrence = fc.record({
  agentId: fc.constantFrom('a', 'b'),
  question: fc.constantFrom('Hours?', 'hours', ' HOURS ', 'Refund?', 'refund!', 'Cyprus'),
  sessionId: fc.constantFrom('s1', 's2', 's3', 's4'),
  messageId: fc.constantFrom('m1', 'm2', 'm3'),
  // Distinct instants so "earliest wording" is well defined.
  occurredAt: fc
    .integer({ min: 0, max: 10_000 })
    .map((n) => new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString()),
});

describe('groupMissedQuestions properties', () => {
  const range = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-05T00:00:00.000Z' };

  it('occurrences of all groups add up to the distinct pairs in range, and agree with a naive model', () => {
    fc.assert(
      fc.property(fc.array(arbitraryOccurrence, { maxLength: 60 }), (raw) => {
        // Keep instants unique within the input, so the earliest wording is unambiguous.
        const input = raw.filter((o, i) => raw.findIndex((p) => p.occurredAt === o.occurredAt) === i);
        const rows = groupMissedQuestions(input, { range, normalize: true });
        const { result, pairsInRange } = naiveGroups(input, range);
        expect(rows.reduce((sum, row) => sum + row.occurrencesInRange, 0)).toBe(pairsInRange);
        expect(rows).toHaveLength(result.size);
        rows.slice(1).forEach((row, i) => {
          expect(row.occurrencesInRange).toBeLessThanOrEqual(
            (rows[i] as (typeof rows)[number]).occurrencesInRange,
          );
        });
        for (const row of rows) {
          const expected = result.get(row.key);
          expect(expected).toBeDefined();
          expect(row.occurrencesInRange).toBe(expected?.inRange);
          expect(row.totalOccurrences).toBe(expected?.total);
          expect(row.distinctSessions).toBe(expected?.sessions);
          expect(row.question).toBe(expected?.question);
          expect(row.firstSeen).toBe(expected?.firstSeen);
          expect(row.lastSeen).toBe(expected?.lastSeen);
          expect(row.distinctSessions).toBeLessThanOrEqual(row.occurrencesInRange);
        }
      }),
    );
  });

  it('does not depend on the input order (same rows, same order)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryOccurrence, {
          maxLength: 40,
          selector: (o) => `${o.sessionId}/${o.messageId}`,
        }),
        fc.func(fc.integer()),
        (input, rank) => {
          const shuffled = [...input].sort((a, b) => rank(a) - rank(b));
          expect(groupMissedQuestions(shuffled, { range })).toEqual(groupMissedQuestions(input, { range }));
        },
      ),
    );
  });
});
