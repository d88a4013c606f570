import { ObservatoryInputError } from '@observatory/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

// The Missed Questions table's status filter, asked of the real local server: the server filters and pages, so
// page 2 of the resolved questions is the second resolved one, and `total` counts only those.
describe('client.missedQuestions.list({ statuses }) against the local server', () => {
  const local = useLocalServer({ token: 'status-token', organizationId: 'org-1' });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const questions = ['Do you ship to Cyprus?', 'Can I pay with crypto?', 'Is there a student discount?'];
    for (const [index, question] of questions.entries()) {
      const created = await local.client.missedQuestions.report({
        tenantId: 'faq-bot',
        question,
        sessionId: `session-${index}`,
        messageId: 'message-1',
      });
      ids[question] = created.id;
    }
    await local.client.missedQuestions.update(ids['Do you ship to Cyprus?'] ?? '', { status: 'RESOLVED' });
    await local.client.missedQuestions.update(ids['Can I pay with crypto?'] ?? '', { status: 'RESOLVED' });
    await local.client.missedQuestions.update(ids['Is there a student discount?'] ?? '', {
      status: 'IGNORED',
    });
  });

  it('lists only the questions of the statuses asked for, paged by the server', async () => {
    const query = { statuses: ['RESOLVED' as const], sort: { by: 'question', order: 'asc' as const } };
    const first = await local.client.missedQuestions.list({ ...query, pageSize: 1 });
    const second = await local.client.missedQuestions.list({ ...query, pageSize: 1, page: 1 });
    expect(first.total).toBe(2);
    expect(first.items.map((question) => question.question)).toEqual(['Can I pay with crypto?']);
    expect(second.items.map((question) => question.question)).toEqual(['Do you ship to Cyprus?']);
    const either = await local.client.missedQuestions.list({ statuses: ['IGNORED', 'UNRESOLVED'] });
    expect(either.items.map((question) => question.status)).toEqual(['IGNORED']);
    const unresolved = await local.client.missedQuestions.list({ statuses: ['UNRESOLVED'] });
    expect(unresolved).toMatchObject({ items: [], total: 0 });
  });

  it('iterates over the questions of one status', async () => {
    const seen: string[] = [];
    for await (const question of local.client.missedQuestions.iterate({ statuses: ['IGNORED'] }))
      seen.push(question.question);
    expect(seen).toEqual(['Is there a student discount?']);
  });

  it('refuses an unknown status before any request, naming the field', async () => {
    const error = await local.client.missedQuestions
      .list({ statuses: ['SOLVED' as 'RESOLVED'] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect((error as Error).message).toContain('query.statuses.0');
  });
});
