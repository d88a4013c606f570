import fc from 'fast-check';
import { Session } from '../model/session.js';
import type { SessionQueryInput } from './session-query.js';

// Small vocabularies so that random queries and random sessions actually meet.
const words = ['refund', 'ship', 'shipping', 'Γεια', 'σας', 'order-42', 'ΛΟΓΟΣ', 'hello', 'help?'];
const agents = ['faq-bot', 'sales-bot', 'support'];
const deployments = ['web', 'whatsapp', 'test'];
const tags = ['billing', 'vip', 'complaint'];
const instants = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-03-01T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const text = fc.array(fc.constantFrom(...words), { maxLength: 4 }).map((parts) => parts.join(' '));

const message = fc.record(
  {
    id: fc.uuid(),
    role: fc.constantFrom('user', 'agent', 'system'),
    text,
    createdAt: instants,
    category: fc.constantFrom('FALLBACK', 'FEEDBACK', 'LIVE_CHAT', 'COMMON'),
    event: fc.oneof(
      fc.record({
        type: fc.constant('csat'),
        surveyId: fc.constant('c1'),
        status: fc.constantFrom('PRESENTED', 'ANSWERED'),
      }),
      fc.record({ type: fc.constant('livechat'), liveChatEventType: fc.constant('LIVECHAT_REQUESTED') }),
    ),
  },
  { requiredKeys: ['id', 'role', 'text', 'createdAt'] },
);

/** A random, valid {@link Session} drawn from small vocabularies. */
export const sessionArbitrary: fc.Arbitrary<Session> = fc
  .record({
    id: fc.uuid(),
    agentId: fc.constantFrom(...agents),
    deployment: fc.option(
      fc.constantFrom(...deployments).map((id) => ({ id, name: id })),
      { nil: null },
    ),
    contact: fc.record(
      {
        id: fc.constantFrom('user-1', 'user-2', 'Maria'),
        name: fc.constantFrom('Maria P', 'Nikos'),
        email: fc.constantFrom('maria@example.com', 'n@example.org'),
      },
      { requiredKeys: ['id'] },
    ),
    createdAt: instants,
    tags: fc.subarray(tags),
    messages: fc.array(message, { maxLength: 4 }),
    variableSnapshots: fc.array(
      fc.record({
        messageId: fc.option(fc.constant('m1'), { nil: null }),
        takenAt: instants,
        variables: fc.record(
          { orderId: fc.oneof(fc.constantFrom('ORD-1', 'ord-2'), fc.integer({ min: 0, max: 50 })) },
          { requiredKeys: [] },
        ),
      }),
      { maxLength: 3 },
    ),
    csatSurveys: fc.array(
      fc.record({ id: fc.constant('c1'), status: fc.constantFrom('PRESENTED', 'ANSWERED') }),
      { maxLength: 2 },
    ),
    liveChats: fc.array(fc.constant({ agents: [] }), { maxLength: 1 }),
  })
  .map((input) => Session.parse(input));

const search = fc.record(
  {
    term: fc.oneof(fc.constantFrom(...words), fc.constantFrom('ord(er)?-\\d+', '^h', 'ΣΑΣ$')),
    mode: fc.constantFrom('plain', 'fullWord', 'regex'),
    variable: fc.constant('orderId'),
  },
  { requiredKeys: ['term'] },
);

const filterKeys = [
  'range',
  'agents',
  'deployments',
  'contact',
  'tags',
  'search',
  'containsFallback',
  'containsFeedback',
  'containsCSATSurvey',
  'csatStatuses',
  'containsLiveChat',
] as const;

const filters = fc.record({
  range: fc.tuple(instants, instants).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
  agents: fc.subarray(agents, { minLength: 1 }),
  deployments: fc.subarray(deployments, { minLength: 1 }),
  contact: fc.constantFrom('maria', 'USER', 'example.org', 'nobody'),
  tags: fc.subarray(tags, { minLength: 1 }),
  search,
  containsFallback: fc.boolean(),
  containsFeedback: fc.boolean(),
  containsCSATSurvey: fc.boolean(),
  csatStatuses: fc.subarray(['PRESENTED', 'ANSWERED'] as const),
  containsLiveChat: fc.boolean(),
});

/**
 * A random query with up to `maxFilters` of the filters set: few enough that random sessions still match, so
 * properties about the matched set are not vacuous.
 */
export function queryArbitrary(maxFilters = 3): fc.Arbitrary<SessionQueryInput> {
  return fc
    .tuple(filters, fc.shuffledSubarray([...filterKeys], { maxLength: maxFilters }))
    .map(([all, keys]) => Object.fromEntries(keys.map((key) => [key, all[key]])) as SessionQueryInput);
}
