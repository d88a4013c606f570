import {
  compileSearch,
  groupMissedQuestions,
  type MissedQuestionOccurrence,
  type MissedQuestionStatus,
  resolveDateRange,
} from '@observatory/core';
import { expect, it } from 'vitest';
import type { MissedQuestionFilter, ObservatoryStore } from '../store/store.js';
import { groupCounts, listedCounts, sampleSessions, seededRandom } from './fixtures.js';

/**
 * The store contract's cases on the most-missed list of a range (sorted by in-range count, most first), which
 * the SQL stores read from the questions that can reach a page (by their all-time count) rather than from every
 * question: each page, every filter, against core's grouping. Registered inside `describeStoreContract`.
 *
 * @example
 * ```ts
 * describeMissedTopCases(() => store, freshOrg);
 * ```
 */
export function describeMissedTopCases(store: () => ObservatoryStore, freshOrg: () => string): void {
  it("lists a range's most-missed questions page by page as core's grouping does, whatever their all-time counts", async () => {
    const org = freshOrg();
    const random = seededRandom(29);
    const range = resolveDateRange(
      { from: '2026-03-10', to: '2026-03-19' },
      { timeZone: 'Asia/Kathmandu', now: new Date('2026-04-01T00:00:00.000Z') },
    );
    const inside = (i: number) =>
      Date.parse(range.from) + ((i * 7_919_000) % (Date.parse(range.to) - Date.parse(range.from)));
    const reported: MissedQuestionOccurrence[] = [];
    let n = 0;
    const report = (agentId: string, question: string, at: number, sessionId = `s-${n}`) =>
      reported.push({
        agentId,
        question,
        sessionId,
        messageId: `m-${n++}`,
        occurredAt: new Date(at).toISOString(),
      });
    for (let q = 0; q < 40; q++) {
      const agentId = q % 3 === 0 ? 'sales-bot' : 'faq-bot';
      const question = q % 4 === 0 ? `Do you ship to zone ${q}?` : `Question ${q}?`;
      // All-time counts against in-range counts: the questions most missed before the range are missed little
      // in it, and many share an in-range count (ties ordered by their last occurrence, then wording).
      for (let i = 0; i < 40 - q; i++)
        report(agentId, question, Date.parse('2026-03-01T00:00:00.000Z') + i * 3_600_000);
      const within = q % 5 === 0 ? 12 : (q % 4) + 1;
      for (let i = 0; i < within; i++) {
        // Some sessions miss the question again on another day of the range.
        const session = i % 3 === 2 ? `s-repeat-${q}` : undefined;
        report(agentId, question, inside(q * 31 + i * 17 + Math.floor(random() * 5)), session);
      }
      // Exactly on the range's bounds: the first instant counts, the end does not.
      if (q % 7 === 0) report(agentId, question, Date.parse(range.from));
      if (q % 7 === 1) report(agentId, question, Date.parse(range.to));
    }
    for (let i = 0; i < reported.length; i += 16) {
      await Promise.all(reported.slice(i, i + 16).map((o) => store().reportMissedQuestion(org, o)));
    }
    const statuses = new Map<string, MissedQuestionStatus>();
    const all = await store().listMissedQuestions(org, {}, { page: 0, pageSize: 100 });
    for (const item of all.items.filter((_, i) => i % 3 === 1)) {
      await store().setMissedQuestionStatus(org, item.id, 'RESOLVED');
      statuses.set(`${item.agentId}|${item.question}`, 'RESOLVED');
    }
    const shipping = compileSearch({ term: 'SHIP', mode: 'plain' });
    const filters: Array<[MissedQuestionFilter, (agentId: string, question: string) => boolean]> = [
      [{}, () => true],
      [{ agents: ['sales-bot'] }, (agentId) => agentId === 'sales-bot'],
      [
        { statuses: ['RESOLVED'] },
        (agentId, question) => statuses.get(`${agentId}|${question}`) === 'RESOLVED',
      ],
      [{ search: 'SHIP' }, (_, question) => shipping(question)],
    ];
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    for (const [filter, keeps] of filters) {
      const groups = groupMissedQuestions(reported, { range }).filter((g) => keeps(g.agentId, g.question));
      const expected = groups.map(groupCounts);
      // The first questions alone (the analytics' top), without the total.
      for (const limit of [1, 10, 60]) {
        const top = await store().topMissedQuestions(org, { ...filter, range, sort }, limit);
        expect({
          filter,
          limit,
          top: top.map(listedCounts),
        }).toEqual({ filter, limit, top: expected.slice(0, limit) });
      }
      for (const pageSize of [1, 3, 7, 20]) {
        for (let page = 0; page * pageSize <= groups.length; page++) {
          const listed = await store().listMissedQuestions(
            org,
            { ...filter, range, sort },
            { page, pageSize },
          );
          expect({ filter, page, pageSize, total: listed.total }).toEqual({
            filter,
            page,
            pageSize,
            total: groups.length,
          });
          expect(listed.items.map(listedCounts)).toEqual(
            expected.slice(page * pageSize, (page + 1) * pageSize),
          );
        }
      }
    }
  });

  it('lists first a question whose all-time count only equals the count it must beat, when it was missed later', async () => {
    const org = freshOrg();
    const range = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' };
    const reported: MissedQuestionOccurrence[] = [];
    const report = (question: string, count: number, at: string) => {
      for (let i = 0; i < count; i++) {
        const n = reported.length;
        reported.push({
          agentId: 'faq-bot',
          question,
          sessionId: `s-${n}`,
          messageId: `m-${n}`,
          occurredAt: new Date(Date.parse(at) + i * 60_000).toISOString(),
        });
      }
    };
    // Missed 3 times in the range (13 in all), then 15 questions missed often before it only; the tie: a
    // question missed 3 times in all, all in the range and later, which outranks the first (core's tie rule).
    report('Often before, 3 times in the range?', 10, '2026-03-01T00:00:00.000Z');
    report('Often before, 3 times in the range?', 3, '2026-03-12T00:00:00.000Z');
    for (let q = 0; q < 15; q++) report(`Only before ${q}?`, 4, '2026-03-02T00:00:00.000Z');
    report('Three times, all in the range, later?', 3, '2026-03-15T00:00:00.000Z');
    for (const o of reported) await store().reportMissedQuestion(org, o);
    const groups = groupMissedQuestions(reported, { range });
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const top = await store().topMissedQuestions(org, { range, sort }, 1);
    expect(top.map((q) => [q.question, q.filteredOccurrences])).toEqual([
      [groups[0]?.question, groups[0]?.occurrencesInRange],
    ]);
    for (let page = 0; page < groups.length; page++) {
      const listed = await store().listMissedQuestions(org, { range, sort }, { page, pageSize: 1 });
      expect(listed.total).toBe(2);
      expect(listed.items.map((q) => [q.question, q.filteredOccurrences])).toEqual([
        [groups[page]?.question, groups[page]?.occurrencesInRange],
      ]);
    }
  });

  it("counts a range's questions as core's grouping does across gaps, late reports, deletions and filters", async () => {
    const org = freshOrg();
    const [kept, other] = sampleSessions(2, 41);
    if (kept === undefined || other === undefined) throw new Error('two sample sessions');
    // The deleted session is of the kept one's agent, so its questions stay, with fewer days.
    const gone = { ...other, agentId: kept.agentId };
    for (const session of [kept, other, gone]) await store().upsertSession(org, session);
    let reported: MissedQuestionOccurrence[] = [];
    const report = async (session: typeof kept, question: string, at: string) => {
      const occurrence = {
        agentId: session.agentId,
        question,
        sessionId: session.id,
        messageId: `m-${reported.length}`,
        occurredAt: at,
      };
      await store().reportMissedQuestion(org, occurrence);
      reported.push(occurrence);
    };
    // Seen before and after the ranges only (their first and last days hold every range).
    await report(kept, 'Around the range?', '2026-03-01T12:00:00.000Z');
    await report(kept, 'Around the range?', '2026-03-30T12:00:00.000Z');
    // Seen after the ranges, then reported late, inside them.
    await report(kept, 'Reported late?', '2026-03-25T12:00:00.000Z');
    await report(kept, 'Reported late?', '2026-03-12T12:00:00.000Z');
    // On a range's edge day, before or after its first instant (Kathmandu's 10 March begins 18:15 UTC on the 9th).
    await report(kept, 'Early on the edge day?', '2026-03-09T10:00:00.000Z');
    await report(kept, 'Late on the edge day?', '2026-03-09T23:30:00.000Z');
    await report(kept, 'Just after the end?', '2026-03-20T00:30:00.000Z');
    // In the ranges only through a session deleted below, and again in the ranges after it is.
    await report(gone, 'Gone from the range?', '2026-03-15T12:00:00.000Z');
    await report(kept, 'Gone from the range?', '2026-03-28T12:00:00.000Z');
    await report(gone, 'Back in the range?', '2026-03-16T12:00:00.000Z');
    await report(kept, 'Back in the range?', '2026-03-02T12:00:00.000Z');
    await report(other, 'Another agent?', '2026-03-14T12:00:00.000Z');
    const now = new Date('2026-04-01T00:00:00.000Z');
    const ranges = [
      { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' },
      { from: '2026-03-09T20:00:00.000Z', to: '2026-03-20T01:00:00.000Z' },
      ...['Asia/Kathmandu', 'Pacific/Honolulu'].map((timeZone) =>
        resolveDateRange({ from: '2026-03-10', to: '2026-03-19' }, { timeZone, now }),
      ),
    ];
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const check = async () => {
      const [late] = (await store().listMissedQuestions(org, { search: 'late' }, { page: 0, pageSize: 1 }))
        .items;
      if (late !== undefined) await store().setMissedQuestionStatus(org, late.id, 'RESOLVED');
      const resolved = late?.question;
      const filters: Array<[MissedQuestionFilter, (o: MissedQuestionOccurrence) => boolean]> = [
        [{}, () => true],
        [{ agents: [other.agentId] }, (o) => o.agentId === other.agentId],
        [{ statuses: ['RESOLVED'] }, (o) => o.question === resolved],
        [
          { statuses: ['UNRESOLVED'], search: 'RANGE' },
          (o) => o.question !== resolved && /range/i.test(o.question),
        ],
      ];
      for (const range of ranges) {
        for (const [filter, keeps] of filters) {
          const expected = groupMissedQuestions(reported.filter(keeps), { range }).length;
          const listed = await store().listMissedQuestions(
            org,
            { ...filter, range, sort },
            { page: 0, pageSize: 1 },
          );
          expect({ range, filter, total: listed.total }).toEqual({ range, filter, total: expected });
        }
      }
    };
    await check();
    expect(await store().deleteSession(org, gone.id, [gone.agentId])).toBe(true);
    reported = reported.filter((o) => o.sessionId !== gone.id || o.agentId !== gone.agentId);
    await check();
    await report(kept, 'Back in the range?', '2026-03-16T08:00:00.000Z');
    await check();
  });

  it('lists and counts questions whose days one batch of reports added together, and a range none was seen in', async () => {
    const org = freshOrg();
    const reported: MissedQuestionOccurrence[] = [];
    // Reported at once, so the SQL stores write them in batches: a batch adds several days to one question.
    for (let day = 1; day <= 29; day++) {
      for (const [q, every] of [
        [0, 2],
        [1, 3],
        [2, 7],
      ] as const) {
        if (day % every !== q % every) continue;
        reported.push({
          agentId: 'faq-bot',
          question: `Every ${every} days?`,
          sessionId: `s-${q}-${day}`,
          messageId: `m-${q}-${day}`,
          occurredAt: `2026-03-${String(day).padStart(2, '0')}T${String(day % 24).padStart(2, '0')}:30:00.000Z`,
        });
      }
    }
    await Promise.all(reported.map((o) => store().reportMissedQuestion(org, o)));
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const now = new Date('2026-06-01T00:00:00.000Z');
    for (const range of [
      { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' },
      { from: '2026-03-22T00:00:00.000Z', to: '2026-03-29T00:00:00.000Z' },
      resolveDateRange({ from: '2026-03-15', to: '2026-03-21' }, { timeZone: 'Asia/Kathmandu', now }),
      // After every occurrence: no question is listed, none counted.
      resolveDateRange({ from: '2026-05-01', to: '2026-05-10' }, { timeZone: 'Asia/Kathmandu', now }),
    ]) {
      const expected = groupMissedQuestions(reported, { range }).map(groupCounts);
      const listed = await store().listMissedQuestions(org, { range, sort }, { page: 0, pageSize: 2 });
      expect({ range, total: listed.total, items: listed.items.map(listedCounts) }).toEqual({
        range,
        total: expected.length,
        items: expected.slice(0, 2),
      });
    }
  });

  it('lists ranges cut inside a UTC day (zones 45 and 30 minutes off, instants mid-hour) as core groups them, after a deletion and under filters', async () => {
    const org = freshOrg();
    const sessions = sampleSessions(5, 47);
    for (const session of sessions) await store().upsertSession(org, session);
    let reported: MissedQuestionOccurrence[] = [];
    // Each edge day of the ranges below, every 100 minutes from 00:07 UTC (so every part of a cut day has some),
    // under 4 wordings per agent; a session repeats a question within a day, across hours and across the cut.
    for (const day of ['2026-03-09', '2026-03-10', '2026-03-19', '2026-03-20']) {
      for (let slot = 0; slot < 15; slot++) {
        for (const [k, session] of sessions.entries()) {
          if ((slot + k) % 3 === 0) continue;
          const at = Date.parse(`${day}T00:07:00.000Z`) + slot * 100 * 60_000 + k * 60_000;
          reported.push({
            agentId: session.agentId,
            question: `Edge ${(slot * 7 + k) % 4}?`,
            sessionId: (slot + k) % 5 === 1 ? `elsewhere-${slot}` : session.id,
            messageId: `m-${day}-${slot}-${k}`,
            occurredAt: new Date(at).toISOString(),
          });
        }
      }
    }
    for (let i = 0; i < reported.length; i += 16) {
      await Promise.all(reported.slice(i, i + 16).map((o) => store().reportMissedQuestion(org, o)));
    }
    const now = new Date('2026-04-01T00:00:00.000Z');
    const ranges = [
      ...['Asia/Kathmandu', 'America/St_Johns'].map((timeZone) =>
        resolveDateRange({ from: '2026-03-10', to: '2026-03-19' }, { timeZone, now }),
      ),
      { from: '2026-03-09T20:40:00.000Z', to: '2026-03-19T03:20:00.000Z' },
      // Across one UTC midnight only, and within one UTC day.
      { from: '2026-03-09T20:40:00.000Z', to: '2026-03-10T03:20:00.000Z' },
      { from: '2026-03-19T01:10:00.000Z', to: '2026-03-19T22:50:00.000Z' },
    ];
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    const check = async () => {
      const [first] = (await store().listMissedQuestions(org, {}, { page: 0, pageSize: 1 })).items;
      if (first === undefined) throw new Error('a question');
      await store().setMissedQuestionStatus(org, first.id, 'RESOLVED');
      const agent = sessions[0]?.agentId as string;
      const filters: Array<[MissedQuestionFilter, (o: MissedQuestionOccurrence) => boolean]> = [
        [{}, () => true],
        [{ agents: [agent] }, (o) => o.agentId === agent],
        [{ statuses: ['RESOLVED'] }, (o) => o.agentId === first.agentId && o.question === first.question],
        [{ search: 'EDGE 2' }, (o) => o.question === 'Edge 2?'],
      ];
      for (const range of ranges) {
        for (const [filter, keeps] of filters) {
          const expected = groupMissedQuestions(reported.filter(keeps), { range }).map(groupCounts);
          const listed = await store().listMissedQuestions(
            org,
            { ...filter, range, sort },
            { page: 0, pageSize: 50 },
          );
          expect({ range, filter, total: listed.total, items: listed.items.map(listedCounts) }).toEqual({
            range,
            filter,
            total: expected.length,
            items: expected,
          });
        }
      }
    };
    await check();
    const gone = sessions[1] as (typeof sessions)[number];
    expect(await store().deleteSession(org, gone.id, [gone.agentId])).toBe(true);
    reported = reported.filter((o) => o.sessionId !== gone.id || o.agentId !== gone.agentId);
    await check();
  });

  it('reads the whole aggregate when too many questions could reach the page, with the same page and total', async () => {
    const org = freshOrg();
    const range = { from: '2026-03-10T00:00:00.000Z', to: '2026-03-20T00:00:00.000Z' };
    const reported: MissedQuestionOccurrence[] = [];
    // 60 questions missed 10 times before the range and once in it: no round of candidates can prove a page,
    // since every unread question's all-time count is above the page's in-range counts.
    for (let q = 0; q < 60; q++) {
      for (let i = 0; i <= 10; i++) {
        const at = i < 10 ? Date.parse('2026-03-01T00:00:00.000Z') : Date.parse('2026-03-11T00:00:00.000Z');
        reported.push({
          agentId: 'faq-bot',
          question: `Question ${q}?`,
          sessionId: `s-${q}-${i}`,
          messageId: `m-${q}-${i}`,
          occurredAt: new Date(at + q * 60_000 + i * 1_000).toISOString(),
        });
      }
    }
    for (let i = 0; i < reported.length; i += 16) {
      await Promise.all(reported.slice(i, i + 16).map((o) => store().reportMissedQuestion(org, o)));
    }
    const expected = groupMissedQuestions(reported, { range }).map(groupCounts);
    const sort = { by: 'filteredOccurrences', order: 'desc' } as const;
    for (const [page, pageSize] of [
      [0, 1],
      [3, 5],
      [2, 20],
    ] as const) {
      const listed = await store().listMissedQuestions(org, { range, sort }, { page, pageSize });
      expect({ page, total: listed.total, items: listed.items.map(listedCounts) }).toEqual({
        page,
        total: 60,
        items: expected.slice(page * pageSize, (page + 1) * pageSize),
      });
    }
    const top = await store().topMissedQuestions(org, { range, sort }, 3);
    expect(top.map(listedCounts)).toEqual(expected.slice(0, 3));
  });
}
