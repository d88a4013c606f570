import { type MissedQuestion, type MissedQuestionGroup, Session, type SessionInput } from '@observatory/core';

/**
 * A small deterministic pseudo-random generator, so fixtures are the same on every run.
 *
 * @example
 * ```ts
 * const next = seededRandom(42); next(); // 0..1
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const AGENTS = ['faq-bot', 'sales-bot', 'support-bot'];
const DEPLOYMENTS = [
  { id: 'web', name: 'Webchat Production' },
  { id: 'test', name: 'Automated Agent Testing' },
];
const TAGS = ['billing', 'vip', 'refund', 'new', 'Ünïcode'];
const TEXTS = [
  'Where is my order?',
  'I want a refund please',
  'Do you ship to Cyprus?',
  'Καλημέρα, θέλω βοήθεια',
  'refunding is slow',
  'Can I talk to a human?',
  'price of the premium plan',
];

/**
 * Builds `count` varied sessions (agents, deployments, tags, categories, CSAT, LiveChat, times across DST) for
 * comparing the store's answers with core's rules.
 *
 * @example
 * ```ts
 * const sessions = sampleSessions(50, 7);
 * ```
 */
export function sampleSessions(count: number, seed = 1): Session[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const start = Date.parse('2026-03-20T00:00:00.000Z');
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    // Some sessions share a createdAt so that the id tie-break is exercised.
    const createdAt = new Date(start + Math.floor(random() * 20) * 86_400_000 + (i % 3) * 3_600_000);
    const id = `s-${String(Math.floor(random() * 1e6)).padStart(6, '0')}-${i}`;
    const messages: SessionInput['messages'] = [];
    const turns = 1 + Math.floor(random() * 4);
    for (let t = 0; t < turns; t++) {
      const at = new Date(createdAt.getTime() + t * 60_000).toISOString();
      messages.push({ id: `${id}-u${t}`, role: 'user', text: pick(TEXTS), createdAt: at });
      const category = random() < 0.2 ? 'FALLBACK' : random() < 0.1 ? 'FEEDBACK' : 'COMMON';
      messages.push({
        id: `${id}-a${t}`,
        role: 'agent',
        text: 'Answer',
        createdAt: at,
        category,
        responseToId: `${id}-u${t}`,
      });
    }
    if (random() < 0.2) {
      messages.push({
        id: `${id}-lc`,
        role: 'system',
        kind: 'event',
        createdAt: new Date(createdAt.getTime() + 600_000).toISOString(),
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      });
    }
    const tags = TAGS.filter(() => random() < 0.25);
    sessions.push(
      Session.parse({
        id,
        agentId: pick(AGENTS),
        deployment: random() < 0.1 ? null : pick(DEPLOYMENTS),
        contact: { id: `user-${Math.floor(random() * 10)}`, name: pick(['Ann', 'Bob', 'Χρήστος']) },
        channel: 'webchat',
        status: 'COMPLETED',
        createdAt: createdAt.toISOString(),
        durationMs: Math.floor(random() * 600_000),
        tags,
        messages,
        csatSurveys:
          random() < 0.2 ? [{ id: `${id}-csat`, status: random() < 0.5 ? 'ANSWERED' : 'PRESENTED' }] : [],
        variableSnapshots: [
          { messageId: null, takenAt: createdAt.toISOString(), variables: { orderId: `ORD-${i}` } },
        ],
      }),
    );
  }
  return sessions;
}

/**
 * The zones the store contracts read local days in: UTC, offsets 30 and 45 minutes off the hour (Kathmandu,
 * Kolkata, Eucla, Chatham, St John's) and DST changes in late March 2026 (Chatham, St John's, Athens).
 *
 * @example
 * ```ts
 * for (const timeZone of ODD_ZONES) resolveDateRange({ preset: 'today' }, { timeZone, now });
 * ```
 */
export const ODD_ZONES = [
  'UTC',
  'Asia/Kathmandu',
  'Asia/Kolkata',
  'Australia/Eucla',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/Athens',
] as const;

/**
 * A listed missed question's counts, in the order {@link groupCounts} gives core's group: what the store
 * contracts compare a list with core's grouping by.
 *
 * @example
 * ```ts
 * expect(listed.items.map(listedCounts)).toEqual(groupMissedQuestions(reported, { range }).map(groupCounts));
 * ```
 */
export const listedCounts = (q: MissedQuestion) =>
  [
    q.agentId,
    q.question,
    q.filteredOccurrences,
    q.occurrences,
    q.distinctSessions,
    q.lastOccurredAt,
  ] as const;

/**
 * A group of core's `groupMissedQuestions`, as {@link listedCounts} gives a listed question.
 *
 * @example
 * ```ts
 * const expected = groupMissedQuestions(reported, { range }).map(groupCounts);
 * ```
 */
export const groupCounts = (g: MissedQuestionGroup) =>
  [g.agentId, g.question, g.occurrencesInRange, g.totalOccurrences, g.distinctSessions, g.lastSeen] as const;
