import { InvalidTimeZoneError } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { ObservatoryClient } from '../client.js';
import { isObservatoryApiError } from '../errors/errors.js';
import type { ObservatoryClientOptions } from '../transport/options.js';
import { contractFixture } from './contract-fixture.js';

/** Builds a client for the server under test; `overrides` are options the suite needs (e.g. a small page size). */
export type MakeContractClient = (overrides: Partial<ObservatoryClientOptions>) => ObservatoryClient;

/**
 * The client ↔ server contract: the same test body runs against the msw fake platform and, with another
 * `makeClient` (baseUrl / fetch), against the local server holding {@link contractFixture}. Tests that change data
 * (tags, status, report) touch only what the read tests do not assert on.
 */
export function describeClientContract(name: string, makeClient: MakeContractClient): void {
  const fixture = contractFixture();
  const faq = fixture.sessions.filter((s) => s.agentId === 'faq-bot');

  describe(`client contract: ${name}`, () => {
    it('lists one page of an agent with the total, newest first', async () => {
      const page = await makeClient({}).sessions.list({ agents: ['faq-bot'], pageSize: 2 });
      expect(page).toMatchObject({ page: 0, pageSize: 2, total: faq.length });
      const newestFirst = [...faq].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((s) => s.id);
      expect(page.items.map((s) => s.id)).toEqual(newestFirst.slice(0, 2));
    });

    it('iterates every matching session across pages, each once', async () => {
      const client = makeClient({ iteratePageSize: 2 });
      const ids: string[] = [];
      for await (const session of client.sessions.iterate({ agents: ['faq-bot'], sort: { order: 'asc' } }))
        ids.push(session.id);
      expect(ids).toEqual([...faq].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((s) => s.id));
    });

    it('filters by a half-open date range', async () => {
      const range = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-04T00:00:00.000Z' };
      const page = await makeClient({}).sessions.list({ range });
      expect(page.items.map((s) => s.id).sort()).toEqual(['s2', 's3']);
    });

    it('sends every filter of a rich query and gets back exactly the sessions it matches', async () => {
      const page = await makeClient({}).sessions.list({
        agents: ['faq-bot'],
        tags: ['billing'],
        contact: 'user 3',
        search: { term: 'cyprus', mode: 'fullWord' },
        include: ['messages', 'liveChats'],
      });
      expect(page.items.map((s) => s.id)).toEqual(['s3']);
      expect(page.items[0]?.messages.map((m) => m.id)).toEqual(['s3-m1', 's3-m2']);
      const none = await makeClient({}).sessions.list({
        search: { term: 'ship to (cyprus|malta)', mode: 'regex' },
        containsCSATSurvey: true,
        csatStatuses: ['ANSWERED'],
      });
      // The regex alone matches every session: only an applied CSAT filter empties the page.
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it('gets a session with its transcript intact', async () => {
      const expected = fixture.sessions[0];
      const session = await makeClient({}).sessions.get(expected?.id ?? '', { include: ['messages'] });
      expect(session.messages.map(({ id, role, text }) => ({ id, role, text }))).toEqual(
        expected?.messages.map(({ id, role, text }) => ({ id, role, text })),
      );
      expect(session.deployment).toEqual(expected?.deployment);
    });

    it('gets the interaction log and a variable snapshot per user message from hbf-data-manager', async () => {
      const expected = fixture.sessions[1];
      const userMessages = expected?.messages.filter((m) => m.role === 'user').map((m) => m.id) ?? [];
      const session = await makeClient({}).sessions.get(expected?.id ?? '', {
        include: ['messages', 'interactions', 'variableSnapshots'],
      });
      expect(session.messages.map((m) => m.id)).toEqual(expected?.messages.map((m) => m.id));
      expect(session.variableSnapshots.map((snapshot) => snapshot.messageId)).toEqual(userMessages);
      for (const step of session.interactions) expect(userMessages).toContain(step.messageId);
    });

    it('sets the tags of a session', async () => {
      const client = makeClient({});
      await client.sessions.setTags('s7', ['vip', 'escalated']);
      expect((await client.sessions.get('s7')).tags.sort()).toEqual(['escalated', 'vip']);
    });

    it('answers 404 for an unknown session as an ObservatoryApiError', async () => {
      const error = await makeClient({})
        .sessions.get('no-such-session')
        .catch((caught: unknown) => caught);
      expect(isObservatoryApiError(error) && error.status).toBe(404);
    });

    it('reports the same user message twice as one occurrence', async () => {
      const client = makeClient({});
      const report = {
        tenantId: 'sales-bot',
        question: 'Can I pay in crypto?',
        sessionId: 's6',
        messageId: 's6-m1',
      };
      const first = await client.missedQuestions.report(report);
      const second = await client.missedQuestions.report(report);
      expect(second.id).toBe(first.id);
      const occurrences = await client.missedQuestions.occurrences(first.id);
      expect(occurrences.filter((o) => o.sessionId === 's6' && o.messageId === 's6-m1')).toHaveLength(1);
    });

    it('reads every occurrence of a question, however the server pages them', async () => {
      const client = makeClient({});
      const reports = Array.from({ length: 25 }, (_, index) => ({
        tenantId: 'sales-bot',
        question: 'Do you deliver to the islands?',
        sessionId: index % 2 === 0 ? 's6' : 's7',
        messageId: `islands-m${index}`,
        // Every optional field of the platform's MissedQuestionCreateDto, so the spec check sees them too.
        language: 'en',
        nlpPipelineId: 'pipeline-1',
        examinedCorpus: [{ id: 'faq-42', confidence: 0.31 }],
      }));
      let id = '';
      for (const report of reports) id = (await client.missedQuestions.report(report)).id;
      const occurrences = await client.missedQuestions.occurrences(id);
      expect(occurrences.map((o) => o.messageId).sort()).toEqual(reports.map((r) => r.messageId).sort());
      const details = await client.missedQuestions.details(id);
      expect(details).toMatchObject({ occurrencesInRange: 25, totalOccurrences: 25, distinctSessions: 2 });
    });

    it('iterates every missed question across pages, each once', async () => {
      const client = makeClient({ iteratePageSize: 1 });
      const ids: string[] = [];
      for await (const question of client.missedQuestions.iterate()) ids.push(question.id);
      const all = await client.missedQuestions.list({ pageSize: 1000 });
      expect(ids.length).toBeGreaterThan(1);
      expect(ids.sort()).toEqual(all.items.map((q) => q.id).sort());
    });

    it('details count occurrences in range and distinct sessions', async () => {
      const range = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };
      const details = await makeClient({}).missedQuestions.details('q1', range);
      const expected = fixture.occurrences.filter((o) => o.missedQuestionId === 'q1');
      expect(details.occurrencesInRange).toBe(expected.length);
      expect(details.distinctSessions).toBe(new Set(expected.map((o) => o.sessionId)).size);
      expect(details.occurrences[0]?.occurredAt).toBe(
        expected
          .map((o) => o.occurredAt)
          .sort()
          .at(-1),
      );
    });

    it('updates the status of a missed question', async () => {
      const client = makeClient({});
      const [question] = (await client.missedQuestions.list({ agents: ['sales-bot'] })).items;
      const target = question ?? (await client.missedQuestions.list()).items.at(-1);
      if (!target) throw new Error('the fixture has missed questions');
      await client.missedQuestions.update(target.id, { status: 'IGNORED' });
      expect((await client.missedQuestions.get(target.id)).status).toBe('IGNORED');
    });

    it('returns consistent missed-question analytics', async () => {
      const stats = await makeClient({}).analytics.missedQuestions({
        startDate: '2026-11-01T00:00:00Z',
        endDate: '2026-12-01T00:00:00Z',
        timeZone: 'Europe/Athens',
      });
      expect(stats.totalMissedQuestions).toBeLessThanOrEqual(stats.totalQuestions);
      expect(stats.totalMissedQuestions).toBeGreaterThanOrEqual(3);
      expect(stats.histogram.reduce((sum, bucket) => sum + bucket.missed, 0)).toBe(
        stats.totalMissedQuestions,
      );
    });

    it('streams a sessions export', async () => {
      const file = await makeClient({}).sessions.export({ agents: ['faq-bot'] }, { fileType: 'csv' });
      const text = await new Response(file.body).text();
      for (const session of faq) expect(text).toContain(session.id);
    });

    it('streams the export of one session', async () => {
      const file = await makeClient({}).sessions.export({}, { fileType: 'csv', sessionId: 's4' });
      const text = await new Response(file.body).text();
      expect(text).toContain('s4');
      for (const other of fixture.sessions.filter((s) => s.id !== 's4')) expect(text).not.toContain(other.id);
    });

    it('writes local times of an export in the asked timeZone (a local-server extension)', async () => {
      const client = makeClient({});
      const readRows = async (file: { body: ReadableStream<Uint8Array> }) =>
        parse(await new Response(file.body).text(), { columns: true, bom: true }) as Record<string, string>[];
      // s4 starts at 2026-11-04T10:00:00Z: 12:00 in Athens (EET, UTC+2), 05:00 in New York (EST, UTC-5).
      expect(fixture.sessions.find((s) => s.id === 's4')?.createdAt).toBe('2026-11-04T10:00:00.000Z');
      const range = { from: '2026-11-04T00:00:00.000Z', to: '2026-11-05T00:00:00.000Z' };
      const athens = await client.sessions.export(
        { range },
        { fileType: 'csv', separator: ',', timeZone: 'Europe/Athens' },
      );
      expect((await readRows(athens)).map(({ id, createdAtLocal }) => ({ id, createdAtLocal }))).toEqual([
        { id: 's4', createdAtLocal: '2026-11-04 12:00:00' },
      ]);
      const newYork = await client.sessions.export(
        {},
        { fileType: 'csv', separator: ',', sessionId: 's4', timeZone: 'America/New_York' },
      );
      expect((await readRows(newYork))[0]?.createdAtLocal).toBe('2026-11-04 05:00:00');
      const utc = await client.sessions.export({ range }, { fileType: 'csv', separator: ',' });
      expect((await readRows(utc))[0]?.createdAtLocal).toBe('2026-11-04 10:00:00');
    });

    it('refuses an unknown export timeZone before sending any request', async () => {
      const sent: Request[] = [];
      const client = makeClient({
        fetch: (input, init) => {
          sent.push(input);
          return globalThis.fetch(input, init);
        },
      });
      const error = await client.sessions
        .export({}, { fileType: 'csv', timeZone: 'Mars/Olympus' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidTimeZoneError);
      expect(error).toMatchObject({ field: 'exportOptions.timeZone', received: 'Mars/Olympus' });
      expect(sent).toHaveLength(0);
    });

    it('sends extra headers through the given fetch, never letting them replace the token', async () => {
      const seen: Request[] = [];
      const client = makeClient({
        headers: { Authorization: 'Bearer not-the-token', 'x-observatory-test': 'contract' },
        fetch: (input, init) => {
          seen.push(input.clone());
          return globalThis.fetch(input, init);
        },
      });
      const page = await client.sessions.list({ agents: ['sales-bot'] });
      expect(page.total).toBe(fixture.sessions.length - faq.length);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.headers.get('x-observatory-test')).toBe('contract');
      expect(seen[0]?.headers.get('authorization')).not.toContain('not-the-token');
    });

    it('streams a missed-questions export with the asked separator', async () => {
      const file = await makeClient({}).missedQuestions.export({ separator: ',' });
      const text = await new Response(file.body).text();
      expect(text).toContain('Do you ship to Cyprus?,');
    });
  });
}
