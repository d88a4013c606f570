import {
  compareSessions,
  compileSearch,
  groupMissedQuestions,
  type MissedQuestionOccurrence,
  matchesSessionQuery,
  resolveDateRange,
  type Session,
  type SessionQuery,
} from '@observatory/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../errors.js';
import { STREAM_BATCH } from '../store/sql/sql-sessions.js';
import type { ObservatoryStore } from '../store/store.js';
import { groupCounts, listedCounts, ODD_ZONES, sampleSessions, seededRandom } from './fixtures.js';
import { describeMissedTopCases } from './missed-top-contract.js';
import { describeSessionIdentityCases } from './session-identity-contract.js';

let orgCounter = 0;
/** A fresh organization per test: tests share one store (start-up is the slow part) but never data. */
const freshOrg = () => `org-${process.pid}-${Date.now()}-${orgCounter++}`;

/** Queries covering every filter: some fully pushed down into SQL, some residual (core's predicate). */
const QUERIES: Array<[string, SessionQuery]> = [
  ['everything', {}],
  ['range', { range: { from: '2026-03-25T00:00:00.000Z', to: '2026-04-02T00:00:00.000Z' } }],
  ['agents', { agents: ['faq-bot', 'support-bot'] }],
  ['deployments', { deployments: ['web'] }],
  ['tags (any of)', { tags: ['vip', 'Ünïcode'] }],
  ['oldest first', { sort: { by: 'createdAt', order: 'asc' }, agents: ['sales-bot'] }],
  ['plain search', { search: { term: 'REFUND', mode: 'plain' } }],
  ['full-word search', { search: { term: 'refund', mode: 'fullWord' } }],
  ['regex search', { search: { term: '^do you', mode: 'regex' } }],
  ['variable search', { search: { term: 'ord-1', mode: 'plain', variable: 'orderId' } }],
  ['contact', { contact: 'χρήσ' }],
  ['contact id', { contactId: 'user-3' }],
  ['contact id, none has', { contactId: 'user-' }],
  ['containsFallback', { containsFallback: true, tags: ['billing', 'refund', 'new'] }],
  ['containsLiveChat', { containsLiveChat: true }],
  ['CSAT answered', { containsCSATSurvey: true, csatStatuses: ['ANSWERED'] }],
  ['any CSAT survey', { containsCSATSurvey: true }],
  ['containsFeedback', { containsFeedback: true }],
  ['quick filters false (no filter)', { containsFallback: false, containsLiveChat: false }],
  ['status', { status: 'COMPLETED', agents: ['faq-bot'] }],
  ['status none has', { status: 'ACTIVE' }],
  ['last activity before', { lastActivityBefore: '2026-03-28T12:00:00.000Z' }],
];

/**
 * The store contract: the same suite for every engine. Where the store pushes rules into SQL, the expected
 * answer is computed with core's functions over the same data, so the two cannot silently disagree.
 *
 * @example
 * ```ts
 * describeStoreContract('memory', () => openStore('memory://'));
 * ```
 */
export function describeStoreContract(name: string, open: () => Promise<ObservatoryStore>): void {
  describe(`store contract: ${name}`, () => {
    let store: ObservatoryStore;
    const sessions = sampleSessions(120, 7);
    const seeded = freshOrg();

    beforeAll(async () => {
      store = await open();
      for (const session of sessions) await store.upsertSession(seeded, session);
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps organization tags once per scope and label, and lists them with the tags of the sessions', async () => {
      const org = freshOrg();
      const at = '2026-11-25T10:00:00.000Z';
      const first = await store.createTag(org, { scope: 'CHAT_SESSIONS', label: 'refund', createdAt: at });
      expect(first).toEqual({
        tag: { scope: 'CHAT_SESSIONS', label: 'refund', createdAt: at },
        created: true,
      });
      const repeat = await store.createTag(org, { scope: 'CHAT_SESSIONS', label: 'refund' });
      expect(repeat).toEqual({ tag: first.tag, created: false });
      await store.createTag(org, { scope: 'TENANTS', label: 'refund', createdAt: at });
      const [a, b] = sampleSessions(2, 5) as [Session, Session];
      await store.upsertSession(org, { ...a, agentId: 'faq-bot', tags: ['refund', 'vip'] });
      await store.upsertSession(org, { ...b, agentId: 'sales-bot', tags: ['Lead'] });
      const label = (tags: readonly { scope: string; label: string }[]) =>
        tags.map((t) => `${t.scope}:${t.label}`);
      expect(label(await store.listTags(org, {}))).toEqual([
        'CHAT_SESSIONS:Lead',
        'CHAT_SESSIONS:refund',
        'TENANTS:refund',
        'CHAT_SESSIONS:vip',
      ]);
      expect(label(await store.listTags(org, { scope: 'TENANTS' }))).toEqual(['TENANTS:refund']);
      expect(label(await store.listTags(org, { scope: 'CHAT_SESSIONS', agents: ['faq-bot'] }))).toEqual([
        'CHAT_SESSIONS:refund',
        'CHAT_SESSIONS:vip',
      ]);
      expect(await store.listTags(freshOrg(), {})).toEqual([]);
    });

    it('reads back a session exactly as written, with its interaction log', async () => {
      const org = freshOrg();
      const [session] = sampleSessions(1, 99) as [Session];
      const step = {
        id: 'i1',
        messageId: session.messages[0]?.id ?? 'm',
        type: 'llm',
        timestamp: session.createdAt,
        payload: { model: 'x' },
      };
      const { created } = await store.upsertSession(org, { ...session, interactions: [step] });
      expect(created).toBe(true);
      expect(await store.getSession(org, session.id)).toEqual({ ...session, interactions: [step] });
      expect(await store.getSession(freshOrg(), session.id)).toBeUndefined();
    });

    it('deletes the interaction logs of the sessions named, of the agents given only, and keeps the sessions', async () => {
      const org = freshOrg();
      const [first, second] = sampleSessions(2, 42) as [Session, Session];
      const step = (id: string, session: Session) => ({
        id,
        messageId: session.messages[0]?.id ?? 'm',
        type: 'llm',
        timestamp: session.createdAt,
        payload: {},
      });
      await store.upsertSession(org, { ...first, agentId: 'bot-a', interactions: [step('a1', first)] });
      await store.upsertSession(org, { ...second, agentId: 'bot-b', interactions: [step('b1', second)] });
      expect(await store.deleteInteractions(org, [first.id, second.id, 'missing'], ['bot-a'])).toBe(1);
      expect((await store.getSession(org, first.id))?.interactions).toEqual([]);
      expect((await store.getSession(org, second.id))?.interactions.map((s) => s.id)).toEqual(['b1']);
      expect(await store.deleteInteractions(freshOrg(), [second.id])).toBe(0);
      expect(await store.deleteInteractions(org, [second.id])).toBe(1);
      expect((await store.getSession(org, second.id))?.messages).toEqual(second.messages);
    });

    describeSessionIdentityCases(() => store, freshOrg);
    describeMissedTopCases(() => store, freshOrg);

    it('merges a repeated upsert by message id; another agent’s upsert of the id is another session', async () => {
      const org = freshOrg();
      const [session] = sampleSessions(1, 5) as [Session];
      await store.upsertSession(org, session);
      const extra = {
        id: 'late',
        role: 'user' as const,
        kind: 'text' as const,
        text: 'one more',
        createdAt: session.createdAt,
      };
      const again = await store.upsertSession(org, { ...session, messages: [extra, ...session.messages] });
      expect(again.created).toBe(false);
      expect(again.session.messages.map((m) => m.id)).toEqual([...session.messages.map((m) => m.id), 'late']);
      const other = await store.upsertSession(org, { ...session, agentId: 'other' });
      expect(other.created).toBe(true);
      expect((await store.getSession(org, session.id, [session.agentId]))?.messages).toHaveLength(
        session.messages.length + 1,
      );
    });

    it('appends messages idempotently and edits tags; unknown sessions are NotFoundError', async () => {
      const org = freshOrg();
      const [session] = sampleSessions(1, 3) as [Session];
      await store.upsertSession(org, { ...session, tags: ['a'] });
      const message = {
        id: 'new-1',
        role: 'user' as const,
        kind: 'text' as const,
        text: 'hi',
        createdAt: session.createdAt,
      };
      await store.appendMessages(org, session.id, [message]);
      const twice = await store.appendMessages(org, session.id, [message]);
      expect(twice.messages.filter((m) => m.id === 'new-1')).toHaveLength(1);
      expect((await store.setTags(org, session.id, ['x', 'y', 'x'])).tags).toEqual(['x', 'y']);
      expect(
        (await store.applyTagOperations(org, session.id, { add: ['z', 'x'], remove: ['y'] })).tags,
      ).toEqual(['x', 'z']);
      await expect(store.appendMessages(org, 'missing', [message])).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.setTags(org, 'missing', [])).rejects.toBeInstanceOf(NotFoundError);
    });

    for (const [label, query] of QUERIES) {
      it(`lists and streams the same sessions as core's matchesSessionQuery: ${label}`, async () => {
        const expected = sessions
          .filter((s) => matchesSessionQuery(s, query))
          .sort(compareSessions(query.sort))
          .map((s) => s.id);
        const streamed: string[] = [];
        for await (const s of store.streamSessions(seeded, query)) streamed.push(s.id);
        expect(streamed).toEqual(expected);
        const paged: string[] = [];
        for (let page = 0; ; page++) {
          const result = await store.listSessions(seeded, query, { page, pageSize: 7 });
          expect(result.total).toBe(expected.length);
          paged.push(...result.items.map((s) => s.id));
          if (result.items.length < 7) break;
        }
        expect(paged).toEqual(expected);
      });
    }

    it('streams more sessions than one batch in order, without gaps', async () => {
      const org = freshOrg();
      const many = sampleSessions(STREAM_BATCH + 20, 11);
      for (const s of many) await store.upsertSession(org, s);
      let count = 0;
      let previous: Session | undefined;
      const compare = compareSessions();
      for await (const s of store.streamSessions(org, {})) {
        if (previous) expect(compare(previous, s)).toBeLessThan(0);
        previous = s;
        count++;
      }
      expect(count).toBe(many.length);
    });

    it("counts missed questions as core's groupMissedQuestions does", async () => {
      const org = freshOrg();
      const random = seededRandom(3);
      const reported: MissedQuestionOccurrence[] = [];
      const wordings = ['Do you ship to Cyprus?', 'do you ship to cyprus?', 'Where is my order?', 'Refund?'];
      for (const session of sessions.slice(0, 60)) {
        for (const message of session.messages.filter((m) => m.role === 'user')) {
          if (random() < 0.5) continue;
          const question = wordings[Math.floor(random() * wordings.length)] as string;
          const occurrence = {
            agentId: session.agentId,
            question,
            sessionId: session.id,
            messageId: message.id,
            occurredAt: message.createdAt,
          };
          await store.reportMissedQuestion(org, occurrence);
          reported.push(occurrence);
        }
      }
      const range = { from: '2026-03-24T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
      for (const options of [{}, { range }]) {
        const groups = groupMissedQuestions(reported, options);
        const listed = await store.listMissedQuestions(
          org,
          { ...options, sort: { by: 'filteredOccurrences', order: 'desc' } },
          { page: 0, pageSize: 1000 },
        );
        expect(listed.total).toBe(groups.length);
        const byKey = new Map(listed.items.map((q) => [`${q.agentId}|${q.question}`, q]));
        for (const group of groups) {
          const stored = byKey.get(`${group.agentId}|${group.question}`);
          expect(stored).toMatchObject({
            filteredOccurrences: group.occurrencesInRange,
            occurrences: group.totalOccurrences,
            distinctSessions: group.distinctSessions,
            // When it was last asked in the range, as core's grouping says.
            lastOccurredAt: group.lastSeen,
          });
        }
        // The same order as core's grouping, ties included (most recent in range first, then wording, agent).
        expect(listed.items.map((q) => `${q.agentId}|${q.question}`)).toEqual(
          groups.map((g) => `${g.agentId}|${g.question}`),
        );
      }
      const inRange = [];
      for await (const o of store.streamOccurrences(org, { range })) inRange.push(o);
      expect(inRange).toHaveLength(
        reported.filter((o) => o.occurredAt >= range.from && o.occurredAt < range.to).length,
      );
      // Paged, the same rows come back once each, every page carries the same total, and a page past the end is
      // empty with that total.
      const all = groupMissedQuestions(reported);
      const seen: string[] = [];
      for (let page = 0; page * 2 < all.length; page++) {
        const listed = await store.listMissedQuestions(
          org,
          { sort: { by: 'filteredOccurrences', order: 'desc' } },
          { page, pageSize: 2 },
        );
        expect(listed.total).toBe(all.length);
        seen.push(...listed.items.map((q) => `${q.agentId}|${q.question}`));
      }
      expect(seen.sort()).toEqual(all.map((g) => `${g.agentId}|${g.question}`).sort());
      const past = await store.listMissedQuestions(org, {}, { page: all.length, pageSize: 2 });
      expect(past).toMatchObject({ items: [], total: all.length });
    });

    it("counts missed questions in every zone's local days and between any instants as core's grouping does, also after deletions", async () => {
      const org = freshOrg();
      const random = seededRandom(11);
      const owned = sessions.slice(0, 24);
      for (const session of owned) await store.upsertSession(org, session);
      // Occurrences every few minutes to hours over two weeks, some exactly on a local midnight of a zone 30 or
      // 45 minutes off UTC (a range bound), some a millisecond before one.
      const start = Date.parse('2026-03-20T00:00:00.000Z');
      const edges = ['2026-03-24T18:15:00.000Z', '2026-03-25T18:30:00.000Z', '2026-03-26T15:15:00.000Z'];
      const wordings = ['Do you ship to Cyprus?', 'Where is my order?', 'Refund?', 'Καλημέρα;'];
      let reported: MissedQuestionOccurrence[] = [];
      let n = 0;
      for (const session of owned) {
        for (let i = 0; i < 12; i++) {
          const edge = edges[n % edges.length] as string;
          const at =
            n % 7 === 0
              ? Date.parse(edge) - (n % 2)
              : start + Math.floor(random() * 14 * 86_400_000 + (n % 3) * 60_000);
          const occurrence = {
            agentId: session.agentId,
            question: wordings[Math.floor(random() * wordings.length)] as string,
            sessionId: session.id,
            messageId: `missed-${n++}`,
            occurredAt: new Date(at).toISOString(),
          };
          await store.reportMissedQuestion(org, occurrence);
          reported.push(occurrence);
        }
      }
      const now = new Date('2026-04-10T00:00:00.000Z');
      const zones = ODD_ZONES;
      const ranges = [
        ...zones.flatMap((timeZone) => [
          resolveDateRange({ from: '2026-03-25', to: '2026-03-25' }, { timeZone, now }),
          resolveDateRange({ from: '2026-03-24', to: '2026-03-30' }, { timeZone, now }),
        ]),
        { from: '2026-03-25T13:07:42.123Z', to: '2026-03-29T01:00:00.001Z' },
        { from: '2026-03-26T15:15:00.000Z', to: '2026-03-26T15:15:00.000Z' },
        { from: '2026-03-21T00:00:00.000Z', to: '2026-03-22T00:00:00.000Z' },
      ];
      const check = async () => {
        for (const range of ranges) {
          const groups = groupMissedQuestions(reported, { range });
          const listed = await store.listMissedQuestions(
            org,
            { range, sort: { by: 'filteredOccurrences', order: 'desc' } },
            { page: 0, pageSize: 100 },
          );
          expect({ range, total: listed.total }).toEqual({ range, total: groups.length });
          expect(listed.items.map(listedCounts)).toEqual(groups.map(groupCounts));
          for (const item of listed.items.slice(0, 2)) {
            expect(await store.getMissedQuestion(org, item.id, range)).toEqual(item);
          }
        }
        const all = groupMissedQuestions(reported);
        const listed = await store.listMissedQuestions(org, {}, { page: 0, pageSize: 100 });
        const byKey = new Map(listed.items.map((q) => [`${q.agentId}|${q.question}`, q]));
        expect(listed.total).toBe(all.length);
        for (const group of all) {
          expect(byKey.get(`${group.agentId}|${group.question}`)).toMatchObject({
            occurrences: group.totalOccurrences,
            filteredOccurrences: group.totalOccurrences,
            distinctSessions: group.distinctSessions,
            lastOccurredAt: group.lastSeen,
          });
        }
      };
      await check();
      // Deleting sessions takes their occurrences out of every count, and a question left with none goes.
      for (const session of owned.slice(0, 8)) {
        expect(await store.deleteSession(org, session.id)).toBe(true);
        reported = reported.filter((o) => o.sessionId !== session.id);
      }
      await check();
    });

    it('makes one occurrence per (sessionId, messageId), also under 32 concurrent overlapping reports', async () => {
      const org = freshOrg();
      const report = { agentId: 'faq-bot', question: 'Do you ship?', sessionId: 's1', messageId: 'm1' };
      const first = await store.reportMissedQuestion(org, report);
      const repeat = await store.reportMissedQuestion(org, report);
      expect([first.created, repeat.created]).toEqual([true, false]);
      expect(repeat.occurrence.id).toBe(first.occurrence.id);
      expect(repeat.question.occurrences).toBe(1);

      const pairs = Array.from({ length: 8 }, (_, i) => ({ sessionId: `c-${i % 4}`, messageId: `m-${i}` }));
      const results = await Promise.all(
        Array.from({ length: 32 }, (_, reporter) =>
          Promise.all(
            pairs
              .filter((_, i) => (i + reporter) % 2 === 0)
              .map((pair) =>
                store.reportMissedQuestion(org, { agentId: 'faq-bot', question: 'Busy?', ...pair }),
              ),
          ),
        ),
      );
      expect(results.flat().filter((r) => r.created)).toHaveLength(pairs.length);
      const [question] = (await store.listMissedQuestions(org, { search: 'busy' })).items;
      expect(question).toMatchObject({ occurrences: pairs.length, distinctSessions: 4 });
    });

    it('answers 32 concurrent identical reports with one 201 and 31 repeats of the same occurrence', async () => {
      const org = freshOrg();
      const report = { agentId: 'faq-bot', question: 'Same?', sessionId: 's', messageId: 'm' };
      const results = await Promise.all(
        Array.from({ length: 32 }, () => store.reportMissedQuestion(org, report)),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.occurrence.id)).size).toBe(1);
      expect(new Set(results.map((r) => r.question.id)).size).toBe(1);
      const listed = await store.listMissedQuestions(org, {});
      expect(listed.items).toMatchObject([{ question: 'Same?', occurrences: 1, distinctSessions: 1 }]);
    });

    it('answers 32 concurrent different questions for one message with one 201 and 31 conflicts naming it', async () => {
      const org = freshOrg();
      const settled = await Promise.allSettled(
        Array.from({ length: 32 }, (_, i) =>
          store.reportMissedQuestion(org, {
            agentId: 'faq-bot',
            question: `Wording ${i}?`,
            sessionId: 's',
            messageId: 'm',
          }),
        ),
      );
      const stored = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      expect(stored.map((r) => r.created)).toEqual([true]);
      const winner = stored[0]?.question.question;
      const refused = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
      expect(refused).toHaveLength(31);
      for (const error of refused) {
        expect(error).toBeInstanceOf(ConflictError);
        expect(error).toMatchObject({ field: 'missedQuestion.question', stored: winner });
      }
      // A refused report leaves no question behind.
      const listed = await store.listMissedQuestions(org, {}, { page: 0, pageSize: 100 });
      expect(listed.items).toMatchObject([{ question: winner, occurrences: 1 }]);
    });

    it('stores every good report sent together with refused ones, and counts them once each', async () => {
      const org = freshOrg();
      const { question: taken } = await store.reportMissedQuestion(org, {
        agentId: 'a',
        question: 'Taken?',
        sessionId: 's0',
        messageId: 'm0',
      });
      const good = Array.from({ length: 30 }, (_, i) => ({
        agentId: 'a',
        question: i % 3 === 0 ? 'Taken?' : `Popular ${i % 2}?`,
        sessionId: `s${i % 5}`,
        messageId: `m${i + 1}`,
      }));
      const bad = [
        // Another wording for a stored message, and a new wording under an id another question has.
        { agentId: 'a', question: 'Reworded?', sessionId: 's0', messageId: 'm0' },
        { agentId: 'a', question: 'New?', questionId: taken.id, sessionId: 's9', messageId: 'm9' },
      ];
      const settled = await Promise.allSettled(
        [...bad.slice(0, 1), ...good, ...bad.slice(1)].map((r) => store.reportMissedQuestion(org, r)),
      );
      const [first, ...rest] = settled;
      const last = rest.pop();
      expect(first).toMatchObject({ status: 'rejected', reason: { field: 'missedQuestion.question' } });
      expect(last).toMatchObject({ status: 'rejected', reason: { field: 'missedQuestion.id' } });
      expect(rest.map((s) => s.status === 'fulfilled' && s.value.created)).toEqual(good.map(() => true));
      const all = [{ agentId: 'a', question: 'Taken?', sessionId: 's0', messageId: 'm0' }, ...good];
      const expected = groupMissedQuestions(
        all.map((r, i) => ({
          ...r,
          id: `o${i}`,
          missedQuestionId: r.question,
          occurredAt: '2026-11-25T10:00:00.000Z',
        })),
      );
      const listed = await store.listMissedQuestions(org, {}, { page: 0, pageSize: 100 });
      expect(listed.items.map((q) => [q.question, q.occurrences, q.distinctSessions]).sort()).toEqual(
        expected.map((g) => [g.question, g.totalOccurrences, g.distinctSessions]).sort(),
      );
    });

    it("searches missed questions as core's plain search does, with Unicode case folding", async () => {
      const org = freshOrg();
      const wordings = [
        'Καλημέρα, θέλω βοήθεια',
        'ΟΔΟΣ Αθηνάς',
        'Where is my ORDER?',
        'Ünïcode café',
        'order',
      ];
      for (const [i, question] of wordings.entries()) {
        await store.reportMissedQuestion(org, { agentId: 'a', question, sessionId: 's', messageId: `m${i}` });
      }
      for (const term of ['καλημέρα', 'οδοσ', 'Order', 'ÜNÏ', 'nowhere']) {
        const expected = wordings.filter(compileSearch({ term, mode: 'plain' })).sort();
        const listed = await store.listMissedQuestions(org, { search: term }, { page: 0, pageSize: 100 });
        expect(listed.items.map((q) => q.question).sort()).toEqual(expected);
        expect(listed.total).toBe(expected.length);
        const streamed: string[] = [];
        for await (const q of store.streamMissedQuestions(org, { search: term })) streamed.push(q.question);
        expect(streamed.sort()).toEqual(expected);
      }
    });

    it("keeps each agent's occurrence of a pair its own, refuses another wording and leaves no question behind", async () => {
      const org = freshOrg();
      const pair = { sessionId: 's', messageId: 'm' };
      await store.reportMissedQuestion(org, { agentId: 'a', question: 'First?', ...pair });
      // The same pair under another agent is that agent's occurrence: it neither collides with nor reveals a's.
      const other = await store.reportMissedQuestion(org, { agentId: 'b', question: 'First?', ...pair });
      expect(other).toMatchObject({ created: true, question: { agentId: 'b', occurrences: 1 } });
      const reworded = store.reportMissedQuestion(org, {
        agentId: 'a',
        question: 'Reworded?',
        questionId: 'would-be-orphan',
        ...pair,
      });
      await expect(reworded).rejects.toBeInstanceOf(ConflictError);
      await expect(reworded).rejects.toMatchObject({ field: 'missedQuestion.question', stored: 'First?' });
      expect(await store.getMissedQuestion(org, 'would-be-orphan')).toBeUndefined();
      expect((await store.listMissedQuestions(org, { agents: ['a'] })).total).toBe(1);
      const repeat = await store.reportMissedQuestion(org, { agentId: 'a', question: 'First?', ...pair });
      expect(repeat).toMatchObject({ created: false, question: { question: 'First?', occurrences: 1 } });
      await expect(
        store.reportMissedQuestion(org, {
          agentId: 'a',
          question: 'Other?',
          questionId: repeat.question.id,
          sessionId: 's',
          messageId: 'm2',
        }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('sets a missed question status and filters by it', async () => {
      const org = freshOrg();
      const { question } = await store.reportMissedQuestion(org, {
        agentId: 'a',
        question: 'Q?',
        sessionId: 's',
        messageId: 'm',
      });
      expect((await store.setMissedQuestionStatus(org, question.id, 'RESOLVED'))?.status).toBe('RESOLVED');
      expect((await store.listMissedQuestions(org, { statuses: ['UNRESOLVED'] })).total).toBe(0);
      expect(await store.setMissedQuestionStatus(org, 'missing', 'RESOLVED')).toBeUndefined();
      expect(await store.getMissedQuestion(freshOrg(), question.id)).toBeUndefined();
    });

    it('streams the user messages sent in a range, including those of sessions that began before it', async () => {
      const range = { from: '2026-03-25T00:30:00.000Z', to: '2026-03-30T00:00:00.000Z' };
      const expected = sessions
        .flatMap((s) => s.messages.filter((m) => m.role === 'user').map((m) => `${s.id}/${m.id}`))
        .filter((key) => {
          const [sid, mid] = key.split('/') as [string, string];
          const at = sessions.find((s) => s.id === sid)?.messages.find((m) => m.id === mid)?.createdAt ?? '';
          return at >= range.from && at < range.to;
        })
        .sort();
      const actual: string[] = [];
      for await (const ref of store.streamUserMessages(seeded, { range }))
        actual.push(`${ref.sessionId}/${ref.messageId}`);
      expect(actual.sort()).toEqual(expected);
    });
  });
}
