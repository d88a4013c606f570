import { ObservatoryInputError } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { createObservatoryClient } from './client.js';

// Bad input is refused before any request: this fetch fails the test if it is ever called.
const client = createObservatoryClient({
  baseUrl: 'http://127.0.0.1:9',
  token: 'secret-token',
  organizationId: 'org-1',
  fetch: () => {
    throw new Error('no request may be sent for bad input');
  },
});

const messageOf = async (call: Promise<unknown>): Promise<string> => {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ObservatoryInputError);
  return (error as Error).message;
};

describe('validation messages read as sentences: the field, what was expected, what was given', () => {
  it.each([
    [
      { range: { from: 'yesterday', to: '2026-11-30T00:00:00Z' } },
      'Invalid query.range.from: expected an ISO 8601 date-time with Z or an offset, such as 2026-11-01T09:30:00Z, received "yesterday"',
    ],
    [{ agents: 'faq-bot' }, 'Invalid query.agents: expected an array, received "faq-bot"'],
    [
      { tags: ['billing', ''] },
      'Invalid query.tags.1: expected a string of at least 1 character, received ""',
    ],
    [
      { search: { term: 'refund', mode: 'exact' } },
      'Invalid query.search.mode: expected one of "plain", "fullWord", "regex", received "exact"',
    ],
    [{ containsLiveChat: 'yes' }, 'Invalid query.containsLiveChat: expected a boolean, received "yes"'],
    [{ sort: { order: 'up' } }, 'Invalid query.sort.order: expected one of "asc", "desc", received "up"'],
  ])('sessions.list(%j)', async (query, message) => {
    expect(await messageOf(client.sessions.list(query as never))).toBe(message);
  });

  it('names the export option and the missed-question query the same way', async () => {
    expect(await messageOf(client.sessions.export({}, { fileType: 'pdf' } as never))).toBe(
      'Invalid exportOptions.fileType: expected one of "txt", "csv", "xlsx", received "pdf"',
    );
    expect(await messageOf(client.missedQuestions.list({ pageSize: 0 }))).toBe(
      'Invalid query.pageSize: expected a number of at least 1, received 0',
    );
  });

  it('names an unknown preset and an unknown zone', async () => {
    expect(await messageOf(client.sessions.list({ preset: 'lastDecade', timeZone: 'UTC' } as never))).toMatch(
      /^Invalid query\.preset: expected one of today, yesterday, last7Days/,
    );
    expect(await messageOf(client.sessions.list({ preset: 'today', timeZone: 'Europe/Atlantis' }))).toMatch(
      /^Invalid query\.timeZone: expected .*received "Europe\/Atlantis"/,
    );
  });
});
