import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidDateRangeError, UnsafePatternError } from '../errors/errors.js';
import { Session, type SessionInput } from '../model/session.js';
import { compileSessionQuery, matchesSessionQuery } from './match.js';
import { queryArbitrary, sessionArbitrary } from './session-arbitrary.test-helper.js';
import type { SessionQueryInput } from './session-query.js';

const at = '2026-11-25T10:00:00.000Z';

function session(overrides: Partial<SessionInput> = {}): Session {
  return Session.parse({
    id: 's1',
    agentId: 'faq-bot',
    deployment: { id: 'web', name: 'Webchat Production' },
    contact: { id: 'user-42', name: 'Maria Papadopoulou', email: 'Maria@Example.com' },
    createdAt: at,
    tags: ['billing'],
    messages: [
      { id: 'm1', role: 'user', text: 'When will you ship my order?', createdAt: at },
      { id: 'm2', role: 'agent', text: 'Γεια σας! Tomorrow.', createdAt: at },
    ],
    ...overrides,
  });
}

type MessageInput = NonNullable<SessionInput['messages']>[number];
const message = (extra: Partial<MessageInput>): MessageInput => ({
  id: 'mx',
  role: 'system',
  text: '',
  createdAt: at,
  ...extra,
});
const snapshot = (messageId: string | null, takenAt: string, variables: Record<string, unknown>) => ({
  messageId,
  takenAt,
  variables,
});

type Case = [name: string, query: SessionQueryInput, overrides: Partial<SessionInput>, matches: boolean];

describe('matchesSessionQuery', () => {
  const cases: Case[] = [
    ['empty query', {}, {}, true],
    [
      'range contains createdAt',
      { range: { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' } },
      {},
      true,
    ],
    ['range includes its from', { range: { from: at, to: '2026-11-26T00:00:00Z' } }, {}, true],
    ['range excludes its to', { range: { from: '2026-11-25T00:00:00Z', to: at } }, {}, false],
    [
      'range with offsets',
      { range: { from: '2026-11-25T12:00:00+02:00', to: '2026-11-25T12:00:01+02:00' } },
      {},
      true,
    ],
    ['agent listed', { agents: ['other', 'faq-bot'] }, {}, true],
    ['status is the one asked for', { status: 'ACTIVE' }, {}, true],
    ['status is another', { status: 'COMPLETED' }, {}, false],
    ['last active before the bound', { lastActivityBefore: '2026-11-25T10:00:00.001Z' }, {}, true],
    ['last active at the bound is not before it', { lastActivityBefore: at }, {}, false],
    [
      'last activity is the latest message, even recorded out of order',
      { lastActivityBefore: '2026-11-25T10:30:00Z' },
      {
        messages: [
          { id: 'm1', role: 'user', text: 'late', createdAt: '2026-11-25T11:00:00Z' },
          { id: 'm2', role: 'agent', text: 'early', createdAt: '2026-11-25T10:10:00Z' },
        ],
      },
      false,
    ],
    ['agent not listed', { agents: ['other'] }, {}, false],
    ['empty agent list does not filter', { agents: [] }, {}, true],
    ['deployment listed', { deployments: ['web'] }, {}, true],
    ['deployment not listed', { deployments: ['whatsapp'] }, {}, false],
    ['no deployment', { deployments: ['web'] }, { deployment: null }, false],
    ['contact id substring', { contact: 'USER-4' }, {}, true],
    ['contact name substring', { contact: 'papadop' }, {}, true],
    ['contact email substring', { contact: 'maria@example' }, {}, true],
    ['contact not found', { contact: 'nikos' }, {}, false],
    ['contact without name or email', { contact: 'maria' }, { contact: { id: 'user-42' } }, false],
    ['one of the tags', { tags: ['vip', 'billing'] }, {}, true],
    ['none of the tags', { tags: ['vip'] }, {}, false],
    ['tags are exact', { tags: ['Billing'] }, {}, false],
    ['plain search in user text', { search: { term: 'MY ORDER' } }, {}, true],
    ['plain search in agent text', { search: { term: 'γεια' } }, {}, true],
    ['plain search misses', { search: { term: 'refund' } }, {}, false],
    ['full-word search', { search: { term: 'ship', mode: 'fullWord' } }, {}, true],
    ['full-word search rejects part of a word', { search: { term: 'orde', mode: 'fullWord' } }, {}, false],
    ['regex search', { search: { term: '^when .* order\\?$', mode: 'regex' } }, {}, true],
    ['regex search misses', { search: { term: '^order', mode: 'regex' } }, {}, false],
    [
      'variable search uses the final snapshot',
      { search: { term: 'ord-2', variable: 'orderId' } },
      {
        variableSnapshots: [
          snapshot(null, '2026-11-25T10:00:05Z', { orderId: 'ORD-2' }),
          snapshot('m1', '2026-11-25T10:00:09Z', { orderId: 'ORD-1' }),
        ],
      },
      true,
    ],
    [
      'variable search ignores older snapshots',
      { search: { term: 'ord-1', variable: 'orderId' } },
      {
        variableSnapshots: [
          snapshot('m1', '2026-11-25T10:00:01Z', { orderId: 'ORD-1' }),
          snapshot(null, '2026-11-25T10:00:05Z', { orderId: 'ORD-2' }),
        ],
      },
      false,
    ],
    [
      'variable search falls back to the latest snapshot',
      { search: { term: 'ORD-3', variable: 'orderId', mode: 'fullWord' } },
      {
        variableSnapshots: [
          snapshot('m2', '2026-11-25T10:00:09Z', { orderId: 'ord-3' }),
          snapshot('m1', '2026-11-25T10:00:01Z', { orderId: 'ord-1' }),
        ],
      },
      true,
    ],
    [
      'variable search stringifies numbers',
      { search: { term: '^42$', variable: 'count', mode: 'regex' } },
      { variableSnapshots: [snapshot(null, at, { count: 42 })] },
      true,
    ],
    [
      'variable search stringifies objects as JSON',
      { search: { term: '"city":"athens"', variable: 'address' } },
      { variableSnapshots: [snapshot(null, at, { address: { city: 'Athens' } })] },
      true,
    ],
    [
      'variable search does not read message text',
      { search: { term: 'order', variable: 'orderId' } },
      { variableSnapshots: [snapshot(null, at, { other: 'x' })] },
      false,
    ],
    ['variable search without snapshots', { search: { term: 'x', variable: 'orderId' } }, {}, false],
    ['containsFallback', { containsFallback: true }, { messages: [message({ category: 'FALLBACK' })] }, true],
    [
      'containsFallback misses',
      { containsFallback: true },
      { messages: [message({ category: 'FEEDBACK' })] },
      false,
    ],
    ['containsFallback false does not filter', { containsFallback: false }, {}, true],
    ['containsFeedback', { containsFeedback: true }, { messages: [message({ category: 'FEEDBACK' })] }, true],
    ['containsFeedback misses', { containsFeedback: true }, {}, false],
    [
      'containsCSATSurvey by survey',
      { containsCSATSurvey: true },
      { csatSurveys: [{ id: 'c', status: 'PRESENTED' }] },
      true,
    ],
    [
      'containsCSATSurvey by event',
      { containsCSATSurvey: true },
      { messages: [message({ event: { type: 'csat', surveyId: 'c', status: 'ANSWERED' } })] },
      true,
    ],
    ['containsCSATSurvey misses', { containsCSATSurvey: true }, {}, false],
    [
      'CSAT status listed',
      { containsCSATSurvey: true, csatStatuses: ['ANSWERED'] },
      {
        csatSurveys: [{ id: 'c', status: 'PRESENTED' }],
        messages: [message({ event: { type: 'csat', surveyId: 'd', status: 'ANSWERED' } })],
      },
      true,
    ],
    [
      'CSAT status not listed',
      { containsCSATSurvey: true, csatStatuses: ['ANSWERED'] },
      { csatSurveys: [{ id: 'c', status: 'PRESENTED' }] },
      false,
    ],
    ['CSAT statuses alone do not filter', { csatStatuses: ['ANSWERED'] }, {}, true],
    [
      'containsLiveChat by conversation',
      { containsLiveChat: true },
      { liveChats: [{ agents: ['Eleni'] }] },
      true,
    ],
    [
      'containsLiveChat by event',
      { containsLiveChat: true },
      { messages: [message({ event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' } })] },
      true,
    ],
    [
      'containsLiveChat by category',
      { containsLiveChat: true },
      { messages: [message({ category: 'LIVE_CHAT' })] },
      true,
    ],
    ['containsLiveChat misses', { containsLiveChat: true }, {}, false],
    ['all parts must hold', { agents: ['faq-bot'], tags: ['vip'] }, {}, false],
    ['sort does not filter', { sort: { order: 'asc' } }, {}, true],
  ];

  it.each(cases)('%s', (_name, query, overrides, expected) => {
    expect(matchesSessionQuery(session(overrides), query)).toBe(expected);
  });

  it('refuses a pattern RE2 cannot run when compiling, before any session is seen', () => {
    let error: unknown;
    try {
      compileSessionQuery({ search: { term: '(\\w+) \\1', mode: 'regex' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsafePatternError);
    expect(error).toMatchObject({ field: 'search.term' });
    expect((error as UnsafePatternError).expected).toContain('without backreferences or lookaround');
  });

  // V8's RegExp backtracks exponentially on `(a+)+$` and `(a|a)*b` against a run of a's ending in `!`
  // (seconds at 26 characters): this session's 50,000-character message can only be searched by a linear-time
  // engine.
  it('runs a nested-quantifier pattern over a long adversarial message and answers', () => {
    const long = session({
      messages: [{ id: 'm1', role: 'user', text: `${'a'.repeat(50_000)}!`, createdAt: at }],
    });
    const terms = ['(a+)+$', '(a|a)*b', '(a+)+!$'];
    const answers = terms.map((term) => compileSessionQuery({ search: { term, mode: 'regex' } })(long));
    expect(answers).toEqual([false, false, true]);
  });

  it('rejects an unparsable range bound naming it', () => {
    let error: unknown;
    try {
      compileSessionQuery({ range: { from: 'soon', to: at } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidDateRangeError);
    expect(error).toMatchObject({ field: 'range.from' });
  });

  it('compiles the search once, not per session', () => {
    const original = globalThis.RegExp;
    let compiled = 0;
    // Count constructions while one query is compiled and run over many sessions.
    globalThis.RegExp = new Proxy(original, {
      construct(target, args) {
        compiled += 1;
        return Reflect.construct(target, args);
      },
    });
    try {
      const predicate = compileSessionQuery({
        search: { term: 'order', mode: 'fullWord' },
        contact: 'maria',
      });
      const before = compiled;
      for (let i = 0; i < 50; i += 1) predicate(session());
      expect(compiled).toBe(before);
    } finally {
      globalThis.RegExp = original;
    }
  });
});

describe('matchesSessionQuery properties', () => {
  it('an empty query matches every session', () => {
    fc.assert(fc.property(sessionArbitrary, (s) => matchesSessionQuery(s, {})));
  });

  it('adding a filter never matches more sessions', () => {
    fc.assert(
      fc.property(
        queryArbitrary(),
        fc.nat(),
        fc.array(sessionArbitrary, { maxLength: 20 }),
        (query, pick, sessions) => {
          const keys = Object.keys(query) as Array<keyof SessionQueryInput>;
          fc.pre(keys.length > 0);
          // `wider` is `query` without one of its filters; `query` is `wider` with that filter added.
          const wider = { ...query };
          delete wider[keys[pick % keys.length] as keyof SessionQueryInput];
          const narrow = sessions.filter(compileSessionQuery(query));
          const broad = new Set(sessions.filter(compileSessionQuery(wider)));
          for (const s of narrow) expect(broad.has(s)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
