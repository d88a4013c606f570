import { createObservatoryClient } from '@observatory/client';
import { ObservatoryInputError } from '@observatory/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useLocalServer } from './support/local-server.js';

// What a newcomer meets first with the client, against the real local server: the three variables the server
// prints, a preset instead of hand-made instants, and a misspelled filter key.
const local = useLocalServer({ token: 'newcomer-token', organizationId: 'newcomer' });
// 2026-11-25 12:00 in Athens (UTC+2): "yesterday" there is 2026-11-23T22:00Z .. 2026-11-24T22:00Z.
const now = new Date('2026-11-25T10:00:00Z');

beforeAll(async () => {
  const sessions = [
    ['before-yesterday', 'faq-bot', '2026-11-23T21:30:00Z'],
    ['yesterday-early', 'faq-bot', '2026-11-23T22:30:00Z'],
    ['yesterday-late', 'sales-bot', '2026-11-24T21:30:00Z'],
    ['today', 'faq-bot', '2026-11-24T22:30:00Z'],
  ] as const;
  for (const [id, agentId, createdAt] of sessions) {
    await local.client.ingest.upsertSession({ id, agentId, contact: { id: `u-${id}` }, createdAt });
  }
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const ids = (items: readonly { id: string }[]) => items.map((session) => session.id).sort();

describe('a client from the environment (OBSERVATORY_URL, OBSERVATORY_TOKEN, OBSERVATORY_ORG)', () => {
  it('reads the three variables the server prints when the options leave them out', async () => {
    vi.stubEnv('OBSERVATORY_URL', local.url);
    vi.stubEnv('OBSERVATORY_TOKEN', local.token);
    vi.stubEnv('OBSERVATORY_ORG', local.organizationId);
    const client = createObservatoryClient({ retry: 0 });
    const page = await client.sessions.list({ agents: ['sales-bot'] });
    expect(ids(page.items)).toEqual(['yesterday-late']);
  });

  it('lets an option win over its variable', async () => {
    vi.stubEnv('OBSERVATORY_URL', local.url);
    vi.stubEnv('OBSERVATORY_TOKEN', 'not-the-token');
    vi.stubEnv('OBSERVATORY_ORG', 'not-the-org');
    const client = createObservatoryClient({
      token: local.token,
      organizationId: local.organizationId,
      retry: 0,
    });
    expect((await client.sessions.list({})).total).toBe(4);
  });

  it.each([
    ['OBSERVATORY_URL', 'baseUrl'],
    ['OBSERVATORY_TOKEN', 'token'],
    ['OBSERVATORY_ORG', 'organizationId'],
  ])('names %s when neither it nor the %s option is given', (variable, option) => {
    vi.stubEnv('OBSERVATORY_URL', local.url);
    vi.stubEnv('OBSERVATORY_TOKEN', local.token);
    vi.stubEnv('OBSERVATORY_ORG', local.organizationId);
    vi.stubEnv(variable, '');
    const create = () => createObservatoryClient();
    expect(create).toThrow(ObservatoryInputError);
    expect(create).toThrow(`Invalid ${option}: expected`);
    expect(create).toThrow(`\`${option}\` option or the ${variable} environment variable`);
  });
});

describe('a query with { preset, timeZone }', () => {
  const client = () =>
    createObservatoryClient({
      baseUrl: local.url,
      token: local.token,
      organizationId: local.organizationId,
      retry: 0,
      now: () => now,
    });

  it('lists yesterday in the given zone, by the injected clock', async () => {
    const page = await client().sessions.list({ preset: 'yesterday', timeZone: 'Europe/Athens' });
    expect(ids(page.items)).toEqual(['yesterday-early', 'yesterday-late']);
  });

  it('takes calendar dates as whole local days, and iterates and exports with the same range', async () => {
    const query = { from: '2026-11-24', to: '2026-11-24', timeZone: 'Europe/Athens', agents: ['faq-bot'] };
    const iterated: string[] = [];
    for await (const session of client().sessions.iterate(query)) iterated.push(session.id);
    expect(iterated).toEqual(['yesterday-early']);
    const file = await client().sessions.export(query, { fileType: 'csv', separator: ',' });
    const csv = await new Response(file.body).text();
    expect(csv).toContain('yesterday-early');
    expect(csv).not.toContain('before-yesterday');
    expect(csv).not.toContain('yesterday-late');
  });

  it('refuses a preset without a zone, and a preset with from/to, before any request', async () => {
    await expect(client().sessions.list({ preset: 'yesterday' })).rejects.toThrow(
      'Invalid query.timeZone: expected an IANA time zone such as Europe/Athens to resolve preset in',
    );
    await expect(
      client().sessions.list({ preset: 'yesterday', from: '2026-11-01', timeZone: 'UTC' }),
    ).rejects.toThrow('Invalid query.preset: expected either preset or from/to, not both');
  });
});

describe('a misspelled query key', () => {
  it('is an error naming the key and the expected ones, not an unfiltered list', async () => {
    const list = local.client.sessions.list({ agent: ['faq-bot'] } as never);
    await expect(list).rejects.toThrow(ObservatoryInputError);
    await expect(list).rejects.toThrow(
      /^Invalid query\.agent: expected one of the keys .*\bagents\b.*\bdeployments\b/,
    );
    await expect(list).rejects.toThrow('(did you mean "agents"?)');
  });

  it('is caught inside a nested filter and in the missed-question list', async () => {
    await expect(
      local.client.sessions.list({ search: { term: 'refund', mod: 'regex' } } as never),
    ).rejects.toThrow(
      'Invalid query.search.mod: expected one of the keys term, mode, variable (did you mean "mode"?)',
    );
    await expect(local.client.missedQuestions.list({ agent: ['faq-bot'] } as never)).rejects.toThrow(
      'Invalid query.agent: expected one of the keys',
    );
    await expect(
      local.client.sessions.export({ tag: ['billing'] } as never, { fileType: 'csv' }),
    ).rejects.toThrow('Invalid query.tag: expected one of the keys');
    await expect(local.client.sessions.export({}, { filetype: 'csv' } as never)).rejects.toThrow(
      'Invalid exportOptions.filetype: expected one of the keys',
    );
    await expect(
      local.client.analytics.missedQuestions({
        startDate: '2026-11-01T00:00:00Z',
        endDate: '2026-12-01T00:00:00Z',
        timeZone: 'UTC',
        tenant: ['faq-bot'],
      } as never),
    ).rejects.toThrow('Invalid query.tenant: expected one of the keys startDate, endDate, timeZone, tenants');
    await expect(local.client.chatSessions.list({ agent: 'faq-bot' } as never)).rejects.toThrow(
      '(did you mean "agentId"?)',
    );
    await expect(local.client.tags.list({ scopes: 'CHAT_SESSIONS' } as never)).rejects.toThrow(
      'Invalid query.scopes: expected one of the keys scope, search (did you mean "scope"?)',
    );
  });
});
