import {
  type MissedQuestionOccurrence,
  missedQuestionTrend,
  type QuestionRef,
  resolveDateRange,
  type Session,
  type TrendBucketSize,
} from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissedQuestionReport, ObservatoryStore } from '../store/store.js';
import { ODD_ZONES, sampleSessions } from './fixtures.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const now = new Date('2026-04-20T00:00:00.000Z');

// Zones 30 and 45 minutes off UTC, with DST (Chatham, St John's, Athens: late March 2026), and one whose historic
// offset had seconds (Monrovia, -0:44:30 until 1972), so its local midnights fall inside a 15-minute slot.
const ZONES = ODD_ZONES;
const LOCAL_RANGES: [string, string, TrendBucketSize][] = [
  ['2026-03-24', '2026-03-30', 'day'],
  ['2026-03-20', '2026-04-12', 'week'],
  ['2026-03-01', '2026-04-30', 'month'],
];
const AGENT_SETS: (readonly string[] | undefined)[] = [
  undefined,
  ['faq-bot'],
  ['sales-bot', 'support-bot', 'other-bot'],
];

/**
 * The contract of `missedQuestionTrend` on every engine: the answer is core's `missedQuestionTrend` over the
 * organization's user messages (as the store streams its sessions) and the occurrences reported, for every zone,
 * bucket size, agent set and instant bound, after each kind of write that moves a question or a miss.
 *
 * @example
 * ```ts
 * describeTrendContract('memory', () => openStore('memory://'));
 * ```
 */
export function describeTrendContract(name: string, open: () => Promise<ObservatoryStore>): void {
  describe(`trend contract: ${name}`, () => {
    let store: ObservatoryStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("answers the trend as core's missedQuestionTrend does in every zone, bucket and agent set, through writes, reports and deletions", async () => {
      const org = `trend-${process.pid}-${Date.now()}`;
      const sessions = sampleSessions(40, 23);
      let reported: MissedQuestionOccurrence[] = [];
      const report = async (r: MissedQuestionReport) => {
        const { occurrence, created } = await store.reportMissedQuestion(org, r);
        if (created) reported.push(occurrence);
      };
      const check = async (label: string) => {
        const questionsOf = async (agents: readonly string[] | undefined) => {
          const refs: QuestionRef[] = [];
          for await (const session of store.streamSessions(
            org,
            agents === undefined ? {} : { agents: [...agents] },
          )) {
            for (const m of session.messages) {
              if (m.role === 'user')
                refs.push({
                  agentId: session.agentId,
                  sessionId: session.id,
                  messageId: m.id,
                  createdAt: m.createdAt,
                });
            }
          }
          return refs;
        };
        const cases = [
          ...ZONES.flatMap((timeZone) =>
            LOCAL_RANGES.map(([from, to, bucket]) => ({
              range: resolveDateRange({ from, to }, { timeZone, now }),
              timeZone,
              bucket,
            })),
          ),
          // Instant bounds: on slots, and off them (a millisecond, and seconds, inside a slot).
          {
            range: { from: '2026-03-25T13:15:00.000Z', to: '2026-03-29T00:45:00.000Z' },
            timeZone: 'UTC',
            bucket: 'day',
          },
          {
            range: { from: '2026-03-25T13:07:42.123Z', to: '2026-03-29T01:00:00.001Z' },
            timeZone: 'Asia/Kathmandu',
            bucket: 'day',
          },
          {
            range: { from: '2026-03-26T15:15:00.000Z', to: '2026-03-26T15:15:00.000Z' },
            timeZone: 'UTC',
            bucket: 'day',
          },
          {
            range: resolveDateRange(
              { from: '1972-01-01', to: '1972-01-14' },
              { timeZone: 'Africa/Monrovia', now },
            ),
            timeZone: 'Africa/Monrovia',
            bucket: 'day',
          },
        ] as const;
        for (const agents of AGENT_SETS) {
          const questions = await questionsOf(agents);
          const occurrences = reported.filter((o) => agents === undefined || agents.includes(o.agentId));
          for (const { range, timeZone, bucket } of cases) {
            const expected = missedQuestionTrend({ questions, occurrences, range, timeZone, bucket });
            const actual = await store.missedQuestionTrend(org, { agents, range, timeZone, bucket });
            expect({ label, agents, range, timeZone, bucket, trend: actual }).toEqual({
              label,
              agents,
              range,
              timeZone,
              bucket,
              trend: expected,
            });
          }
        }
      };

      // Sessions, and a 1972 one in Monrovia whose local days end at xx:44:30 UTC.
      const monrovia: Session = {
        ...(sessions[0] as Session),
        id: 'lmt-session',
        createdAt: '1972-01-03T23:40:00.000Z',
        messages: [0, 1, 2, 3].map((i) => ({
          id: `lmt-u${i}`,
          role: 'user' as const,
          kind: 'text' as const,
          text: 'Hello?',
          createdAt: new Date(Date.parse('1972-01-03T23:44:00.000Z') + i * 20_000).toISOString(),
          tags: [],
        })),
      };
      for (const session of [...sessions, monrovia]) await store.upsertSession(org, session);
      // Misses of user messages: at the message (same slot), 14 minutes later (often the next slot), a day later
      // (another bucket), without a time (the store takes the message's), and of messages no session holds.
      let n = 0;
      for (const session of [...sessions, monrovia]) {
        for (const message of session.messages.filter((m) => m.role === 'user')) {
          const kind = n++ % 5;
          if (kind === 4) continue;
          const at = Date.parse(message.createdAt);
          const occurredAt = [at, at + 14 * MINUTE + 59_999, at + DAY][kind];
          await report({
            agentId: session.agentId,
            question: message.text ?? '?',
            sessionId: session.id,
            messageId: message.id,
            ...(occurredAt === undefined ? {} : { occurredAt: new Date(occurredAt).toISOString() }),
          });
        }
        await report({
          agentId: session.agentId,
          question: 'Unasked?',
          sessionId: session.id,
          messageId: `${session.id}-nowhere`,
          occurredAt: new Date(Date.parse(session.createdAt) + 7 * MINUTE).toISOString(),
        });
      }
      await report({
        agentId: 'faq-bot',
        question: 'No session?',
        sessionId: 'never-stored',
        messageId: 'm1',
        occurredAt: '2026-03-26T10:00:00.000Z',
      });
      await check('reported');

      // A miss reported before its message is recorded: appended to a session, and in a session created later.
      const [first] = sessions as [Session];
      // Occurrences a deletion of `session` takes: its agent's (another agent's report of the id stays).
      const dropSession = (session: Session) => {
        reported = reported.filter((o) => o.agentId !== session.agentId || o.sessionId !== session.id);
      };
      await report({
        agentId: first.agentId,
        question: 'Late?',
        sessionId: first.id,
        messageId: 'late-1',
        occurredAt: '2026-03-27T09:14:59.000Z',
      });
      await report({
        agentId: 'faq-bot',
        question: 'Early?',
        sessionId: 'later-session',
        messageId: 'later-u1',
        occurredAt: '2026-03-28T08:00:01.000Z',
      });
      await check('reported before recorded');
      await store.appendMessages(org, first.id, [
        {
          id: 'late-1',
          role: 'user',
          kind: 'text',
          text: 'Late?',
          createdAt: '2026-03-27T09:15:00.000Z',
          tags: [],
        },
      ]);
      await store.upsertSession(org, {
        ...first,
        id: 'later-session',
        agentId: 'faq-bot',
        createdAt: '2026-03-28T07:59:00.000Z',
        messages: [
          {
            id: 'later-u1',
            role: 'user',
            kind: 'text',
            text: 'Early?',
            createdAt: '2026-03-28T07:59:59.000Z',
            tags: [],
          },
          {
            id: 'later-u2',
            role: 'user',
            kind: 'text',
            text: 'More?',
            createdAt: '2026-03-28T08:00:00.000Z',
            tags: [],
          },
        ],
      });
      await check('recorded after reported');

      // Deleting sessions takes their questions and every occurrence reported from them out of the trend.
      for (const session of [...sessions.slice(0, 10), monrovia]) {
        expect(await store.deleteSession(org, session.id, [session.agentId])).toBe(true);
        dropSession(session);
      }
      expect(await store.deleteSession(org, 'later-session', ['faq-bot'])).toBe(true);
      dropSession({ ...first, id: 'later-session', agentId: 'faq-bot' });
      await check('after deletions');

      // Two agents' sessions of one id with the same message ids, each agent reporting its own miss: the trend
      // counts both (a session is (agent, id); core pairs by agent, session and message).
      const twin = (agentId: string, day: string): Session => ({
        ...first,
        id: 'twin-session',
        agentId,
        createdAt: `${day}T10:00:00.000Z`,
        messages: [0, 1].map((i) => ({
          id: `twin-u${i}`,
          role: 'user' as const,
          kind: 'text' as const,
          text: 'Twin?',
          createdAt: `${day}T10:0${i}:00.000Z`,
          tags: [],
        })),
      });
      const twins = [twin('faq-bot', '2026-01-14'), twin('sales-bot', '2026-01-15')];
      for (const session of twins) await store.upsertSession(org, session);
      for (const session of twins)
        await report({
          agentId: session.agentId,
          question: 'Twin?',
          sessionId: 'twin-session',
          messageId: 'twin-u1',
          occurredAt: (session.messages[1] as { createdAt: string }).createdAt,
        });
      await check('two agents, one session id');
      const january = { from: '2026-01-14T00:00:00.000Z', to: '2026-01-16T00:00:00.000Z' };
      const twinTrend = await store.missedQuestionTrend(org, { range: january, timeZone: 'UTC' });
      expect(twinTrend.buckets.map((b) => [b.label, b.questions, b.missed])).toEqual([
        ['2026-01-14', 2, 1],
        ['2026-01-15', 2, 1],
      ]);
      for (const session of twins) {
        expect(await store.deleteSession(org, 'twin-session', [session.agentId])).toBe(true);
        dropSession(session);
        await check(`after ${session.agentId}'s twin session is deleted`);
      }

      // Another agent reporting the id of a session that is not its own: its own (absent) session's message,
      // never the other agent's, so it counts as a question of its own, and stays when that session goes.
      const foreign = sessions[12] as Session;
      const asked = foreign.messages.find(
        (m) => m.role === 'user' && !reported.some((o) => o.messageId === m.id),
      );
      await report({
        agentId: 'other-bot',
        question: 'Foreign?',
        sessionId: foreign.id,
        messageId: asked?.id ?? `${foreign.id}-u0`,
        occurredAt: '2026-03-26T11:00:00.000Z',
      });
      await check('reported by another agent');
      expect(await store.deleteSession(org, foreign.id, [foreign.agentId])).toBe(true);
      dropSession(foreign);
      await check("after the other agent's session is deleted");
    });

    it('keeps the trend exact when reports race the writes that record their messages', async () => {
      const org = `trend-race-${process.pid}-${Date.now()}`;
      const sessions = sampleSessions(16, 31).map((s) => ({ ...s, agentId: 'faq-bot' }));
      const user = (s: Session) => s.messages.filter((m) => m.role === 'user');
      // Half the sessions exist before with their first message only; the rest are created during the race.
      for (const s of sessions.slice(0, 8))
        await store.upsertSession(org, { ...s, messages: user(s).slice(0, 1) });
      const reported: MissedQuestionOccurrence[] = [];
      await Promise.all(
        sessions.flatMap((s, i) => [
          i < 8 ? store.appendMessages(org, s.id, s.messages) : store.upsertSession(org, s),
          ...user(s).map(async (m, j) => {
            const at = Date.parse(m.createdAt) + (j % 2) * 15 * 60_000;
            const r = { agentId: s.agentId, question: 'Race?', sessionId: s.id, messageId: m.id };
            const { occurrence } = await store.reportMissedQuestion(org, {
              ...r,
              occurredAt: new Date(at).toISOString(),
            });
            reported.push(occurrence);
          }),
        ]),
      );
      const questions: QuestionRef[] = sessions.flatMap((s) =>
        user(s).map((m) => ({
          agentId: s.agentId,
          sessionId: s.id,
          messageId: m.id,
          createdAt: m.createdAt,
        })),
      );
      for (const timeZone of ['UTC', 'Asia/Kathmandu']) {
        const range = resolveDateRange({ from: '2026-03-19', to: '2026-04-12' }, { timeZone, now });
        expect(await store.missedQuestionTrend(org, { range, timeZone })).toEqual(
          missedQuestionTrend({ questions, occurrences: reported, range, timeZone }),
        );
      }
    });
  });
}
