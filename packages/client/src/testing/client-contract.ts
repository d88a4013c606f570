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

    it('gets a session with its transcript intact', async () => {
      const expected = fixture.sessions[0];
      const session = await makeClient({}).sessions.get(expected?.id ?? '', { include: ['messages'] });
      expect(session.messages.map(({ id, role, text }) => ({ id, role, text }))).toEqual(
        expected?.messages.map(({ id, role, text }) => ({ id, role, text })),
      );
      expect(session.deployment).toEqual(expected?.deployment);
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

    it('streams a missed-questions export with the asked separator', async () => {
      const file = await makeClient({}).missedQuestions.export({ separator: ',' });
      const text = await new Response(file.body).text();
      expect(text).toContain('Do you ship to Cyprus?,');
    });
  });
}
