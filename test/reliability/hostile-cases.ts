// The hostile-request table: what a careless or malicious caller sends to every route. Each case names what it
// tries; `expect` pins the answer where one status is the only right one, otherwise any answer below 500 (or a
// deliberate 503 with Retry-After) will do.

/** Ids and tokens the cases aim at: agent-a's token against agent-b's data. */
export const FIXTURE = {
  admin: 'hostile-admin-token-5f1c',
  agentA: 'hostile-agent-a-token-9d2e',
  otherOrg: 'hostile-other-org-token-77aa',
  org: 'acme',
  aSession: 'a-session',
  bSession: 'b-session',
  bMessage: 'b-message-1',
  /** Text only agent-b's data holds: seeing it in an answer to agent-a's token is a cross-scope read. */
  bSecrets: ['agent-b private', 'agent-b-value', '2026-11-20T09:15:00.000Z'],
} as const;

/**
 * One hostile request.
 *
 * @example
 * ```ts
 * const probe: HostileCase = { name: 'no token', method: 'GET', path: '/organizations/acme/chat-sessions', token: null, expect: 401 };
 * ```
 */
export interface HostileCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** Bearer token; `null` sends no Authorization header; default: the organization's admin token. */
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  readonly expect?: number | readonly number[];
  /** Text the answer must not hold (data the token may not see). */
  readonly forbidden?: readonly string[];
}

const org = `/organizations/${FIXTURE.org}`;
const dm = `/orgs/${FIXTURE.org}`;
const pub = '/chat-sessions';
/** Text only acme's data holds (agent-a's session included): another organization's token must never see it. */
const ACME_ONLY = ['agent-a private', 'a-user', ...FIXTURE.bSecrets];
const json = (value: unknown) => JSON.stringify(value);
const report = (sessionId: string, messageId: string, tenantId = 'agent-a') =>
  json({ missedQuestion: { tenantId, question: 'Hostile?' }, sessionId, messageId });
const sessionBody = (extra: Record<string, unknown>) =>
  json({
    id: 'hostile-session',
    tenantId: 'agent-a',
    subscriberHandle: 'h',
    createdAt: '2026-11-20T10:00:00Z',
    ...extra,
  });

/** Every route with a body that it accepts, and the session id in its path. */
function routes(session: string, question: string, event: string): Array<[string, string, string?]> {
  return [
    ['GET', `${org}/chat-sessions`],
    ['POST', `${org}/chat-sessions`, sessionBody({})],
    ['GET', `${org}/chat-sessions/export`],
    ['GET', `${org}/chat-sessions/export/${session}`],
    ['GET', `${org}/chat-sessions/${session}`],
    ['GET', `${org}/chat-sessions/${session}/messages`],
    ['POST', `${org}/chat-sessions/${session}/messages`, json({ id: 'h1', message: 'hi' })],
    ['PATCH', `${org}/chat-sessions/${session}/tags`, json(['x'])],
    ['POST', `${org}/chat-sessions/${session}/tags`, json({ add: ['x'] })],
    ['POST', `${org}/chat-sessions/${session}/messages/batch`, json([{ id: 'h2', message: 'hi' }])],
    ['POST', `${org}/chat-sessions/${session}/variables`, json([{ name: 'v', value: 1 }])],
    [
      'POST',
      `${org}/chat-sessions/${session}/interactions`,
      json({
        id: 'i',
        sessionId: session,
        hbfEventId: 'e',
        timestamp: '2026-11-20T10:00:00Z',
        type: 'NLP',
        payload: {},
      }),
    ],
    ['GET', `${org}/missed-questions`],
    ['POST', `${org}/missed-questions`, report(session, 'hostile-m')],
    ['GET', `${org}/missed-questions/export`],
    ['GET', `${org}/missed-questions/${question}`],
    ['PATCH', `${org}/missed-questions/${question}`, json({ status: 'RESOLVED' })],
    ['GET', `${org}/missed-questions/${question}/occurrences`],
    ['GET', `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC`],
    ['GET', `${dm}/interactions`],
    ['GET', `${dm}/events/${event}/interactions`],
    ['GET', `${dm}/events/${event}/session-variables`],
    ['PATCH', `${org}/chat-sessions/${session}`, json({ tenantId: 'agent-a', subscriberHandle: 'changed' })],
    // The contact of the session in the path (`a-user` of a-session, `b-user` of b-session).
    ['GET', `${org}/chat-sessions/subscribers/handle/${session.slice(0, 1)}-user?includeMessages=true`],
    ['GET', `${org}/chat-sessions/transcript/${session}`],
    ['POST', `${org}/tags`, json({ scope: 'CHAT_SESSIONS', label: 'hostile' })],
    ['GET', `${org}/tags?scope=CHAT_SESSIONS&search=x`],
    ['POST', `/analytics/messages/${event}/tags`, json(['x'])],
    ...publishedRoutes(session),
  ];
}

/** The published `/chat-sessions` routes (the organization is the token's), acting on `session`. */
function publishedRoutes(session: string): Array<[string, string, string?]> {
  const message = { message: 'hi', date: '2026-11-20T10:00:00Z' };
  return [
    ['GET', `${pub}?tenantId=agent-b&includeMessages=true`],
    ['POST', pub, sessionBody({ id: session })],
    ['PATCH', `${pub}/batch/complete`, json({ ids: [session] })],
    ['GET', `${pub}/${session}?includeMessages=true`],
    ['PUT', `${pub}/${session}`, sessionBody({ id: session })],
    ['PATCH', `${pub}/${session}`, json({ tenantId: 'agent-a', subscriberHandle: 'changed' })],
    ['DELETE', `${pub}/${session}`],
    ['POST', `${pub}/${session}/messages`, json({ id: 'p1', ...message })],
    ['POST', `${pub}/${session}/messages/batch`, json([{ id: 'p2', ...message }])],
    ['POST', `${pub}/${session}/variables`, json([{ name: 'v', value: 1 }])],
    ['DELETE', `${pub}/${session}/interactions`],
    ['POST', `${pub}/interactions/bulk-delete`, json({ sessionIds: [session] })],
    ['GET', `${pub}/export/${session}?fileType=csv`],
  ];
}

/**
 * Builds the table for a fixture whose agent-b question has id `bQuestion`.
 *
 * @example
 * ```ts
 * const cases = hostileCases('question-id-of-agent-b');
 * ```
 */
export function hostileCases(bQuestion: string): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (c: HostileCase) => cases.push(c);
  const all = routes(FIXTURE.aSession, 'no-such-question', 'a-message-1');

  // Tokens and headers, on every route.
  for (const [method, path, body] of all) {
    const base = { method, path, ...(body === undefined ? {} : { body }) };
    add({ ...base, name: `${method} ${path}: no token`, token: null, expect: 401 });
    add({ ...base, name: `${method} ${path}: unknown token`, token: 'not-a-token', expect: 401 });
    add({
      ...base,
      name: `${method} ${path}: token of another organization`,
      token: FIXTURE.otherOrg,
      // A published route naming no organization (`/chat-sessions`, `/analytics/messages`): the token acts on its
      // own, where it sees nothing of acme's.
      ...(path.startsWith(pub) || path.startsWith('/analytics/')
        ? { forbidden: ACME_ONLY }
        : { expect: 403 }),
    });
    add({
      ...base,
      name: `${method} ${path}: Basic scheme`,
      token: null,
      headers: { authorization: `Basic ${Buffer.from(`x:${FIXTURE.admin}`).toString('base64')}` },
      expect: 401,
    });
  }
  add({
    name: 'bearer with two tokens',
    method: 'GET',
    path: `${org}/chat-sessions`,
    token: null,
    headers: { authorization: `Bearer ${FIXTURE.admin} ${FIXTURE.admin}` },
    expect: 401,
  });
  add({
    name: 'token with a tab inside',
    method: 'GET',
    path: `${org}/chat-sessions`,
    token: null,
    headers: { authorization: 'Bearer a\tb' },
    expect: 401,
  });
  add({
    name: 'lower-case bearer',
    method: 'GET',
    path: `${org}/chat-sessions`,
    token: null,
    headers: { authorization: `bearer ${FIXTURE.admin}` },
    expect: 200,
  });
  add({
    name: 'gzip declared on a body that is not gzip',
    method: 'POST',
    path: `${org}/missed-questions`,
    headers: { 'content-encoding': 'gzip' },
    body: report('s', 'gzip'),
  });
  add({
    name: 'Expect: 100-continue',
    method: 'POST',
    path: `${org}/missed-questions`,
    headers: { expect: '100-continue' },
    body: report('s', 'continue'),
  });
  add({
    name: 'a chunked body',
    method: 'POST',
    path: `${org}/missed-questions`,
    headers: { 'transfer-encoding': 'chunked' },
    body: report('s', 'chunked'),
    expect: [200, 201],
  });
  add({
    name: '200 extra headers',
    method: 'GET',
    path: `${org}/chat-sessions`,
    headers: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x-extra-${i}`, String(i)])),
    expect: 200,
  });
  add({
    name: '8 KiB header',
    method: 'GET',
    path: `${org}/chat-sessions`,
    headers: { 'x-padding': 'x'.repeat(8192) },
    expect: 200,
  });
  add({
    name: 'organization in another case',
    method: 'GET',
    path: '/organizations/ACME/chat-sessions',
    expect: 403,
  });
  add({ name: 'unknown route', method: 'GET', path: `${org}/nothing-here`, expect: 404 });
  add({
    name: 'DELETE a session',
    method: 'DELETE',
    path: `${org}/chat-sessions/${FIXTURE.aSession}`,
    expect: 404,
  });
  add({ name: 'TRACE', method: 'PUT', path: `${org}/missed-questions`, expect: 404 });

  // Scopes: agent-a's token against agent-b's ids on every route.
  for (const [method, path, body] of routes(FIXTURE.bSession, bQuestion, FIXTURE.bMessage)) {
    add({
      name: `${method} ${path}: agent-a's token on agent-b's ids`,
      method,
      path,
      token: FIXTURE.agentA,
      ...(body === undefined ? {} : { body }),
    });
  }
  add({
    name: 'list agent-b by filter',
    method: 'GET',
    path: `${org}/chat-sessions?tenantsFilter=agent-b&includeMessages=true`,
    token: FIXTURE.agentA,
    expect: 200,
  });
  add({
    name: 'list agent-b by tenants[]',
    method: 'GET',
    path: `${org}/missed-questions?tenants[]=agent-b`,
    token: FIXTURE.agentA,
    expect: 200,
  });
  add({
    name: 'report for agent-b',
    method: 'POST',
    path: `${org}/missed-questions`,
    token: FIXTURE.agentA,
    body: report(FIXTURE.bSession, FIXTURE.bMessage, 'agent-b'),
    expect: 403,
  });
  add({
    name: 'session created for agent-b',
    method: 'POST',
    path: `${org}/chat-sessions`,
    token: FIXTURE.agentA,
    body: json({ id: 'x', tenantId: 'agent-b', subscriberHandle: 'h', createdAt: '2026-11-20T10:00:00Z' }),
    expect: 403,
  });
  add({
    name: 'report via tenant object for agent-b',
    method: 'POST',
    path: `${org}/missed-questions`,
    token: FIXTURE.agentA,
    body: json({
      missedQuestion: { tenant: { id: 'agent-b' }, question: 'Q?' },
      sessionId: 's',
      messageId: 'm',
    }),
    expect: 403,
  });
  add({
    name: 'analytics of agent-b',
    method: 'GET',
    path: `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC&tenantsFilter=agent-b`,
    token: FIXTURE.agentA,
    expect: 200,
  });

  // Ids in the path.
  const ids: Array<[string, string]> = [
    ['a 10 000-character id', 'x'.repeat(10_000)],
    ['an encoded NUL', 'a%00b'],
    ['an encoded slash', 'a%2Fb'],
    ['a broken percent-encoding', '%E0%A4%A'],
    ['dot segments', '..%2F..%2Fetc'],
    ['an emoji', '%F0%9F%98%80'],
    ['a lone surrogate, encoded', '%ED%A0%80'],
  ];
  for (const [what, id] of ids) {
    add({ name: `session with ${what}`, method: 'GET', path: `${org}/chat-sessions/${id}` });
    add({ name: `question with ${what}`, method: 'GET', path: `${org}/missed-questions/${id}` });
    add({ name: `event with ${what}`, method: 'GET', path: `${dm}/events/${id}/session-variables` });
  }
  add({ name: 'encoded NUL in a path', method: 'GET', path: `${org}/chat-sessions/a%00b`, expect: 400 });

  // Query parameters: types, sizes, dates, zones.
  const queries: Array<[string, string, number?]> = [
    ['pageSize=-1', `${org}/chat-sessions?pageSize=-1`, 400],
    ['pageSize=1e9', `${org}/chat-sessions?pageSize=1000000000`, 400],
    ['page=abc', `${org}/chat-sessions?page=abc`, 400],
    ['page far past the end', `${org}/chat-sessions?page=999999999`, 200],
    ['startDate garbage', `${org}/chat-sessions?startDate=yesterday&endDate=2026-01-01T00:00:00Z`, 400],
    ['year 0', `${org}/chat-sessions?startDate=0000-01-01T00:00:00Z&endDate=2026-01-01T00:00:00Z`, 400],
    [
      'year +275760',
      `${org}/chat-sessions?startDate=2026-01-01T00:00:00Z&endDate=%2B275760-09-13T00:00:00Z`,
      400,
    ],
    [
      'end before start',
      `${org}/missed-questions?startDate=2026-02-01T00:00:00Z&endDate=2026-01-01T00:00:00Z`,
      400,
    ],
    ['only startDate', `${org}/missed-questions?startDate=2026-02-01T00:00:00Z`, 400],
    ['Feb 30', `${org}/missed-questions?startDate=2026-02-30T00:00:00Z&endDate=2026-03-01T00:00:00Z`, 400],
    [
      'offset +25:00',
      `${org}/missed-questions?startDate=2026-02-01T00:00:00%2B25:00&endDate=2026-03-01T00:00:00Z`,
      400,
    ],
    [
      'unknown zone',
      `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=Mars/Olympus`,
      400,
    ],
    ['zone as a path', `${org}/chat-sessions/export?timeZone=../../etc/passwd`, 400],
    [
      'zone +05:45',
      `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=Asia/Kathmandu`,
      200,
    ],
    [
      'zone at a DST gap',
      `${org}/analytics/missed-questions?startDate=2026-03-28&endDate=2026-03-30&timeZone=Europe/Athens`,
      200,
    ],
    [
      'zone +14:00',
      `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-03&timeZone=Pacific/Kiritimati`,
      200,
    ],
    [
      'analytics without a zone',
      `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30`,
      400,
    ],
    [
      'analytics bucket=year',
      `${org}/analytics/missed-questions?startDate=2026-11-01&endDate=2026-11-30&timeZone=UTC&bucket=year`,
      400,
    ],
    [
      'analytics over 20 years by month',
      `${org}/analytics/missed-questions?startDate=2006-01-01&endDate=2026-01-01&timeZone=UTC&bucket=month`,
    ],
    ['sortBy=__proto__', `${org}/missed-questions?sortBy=__proto__`, 400],
    ['order=sideways', `${org}/missed-questions?order=sideways`, 400],
    ['status=NOPE', `${org}/missed-questions?status=NOPE`, 400],
    ['search of 501 characters', `${org}/missed-questions?search=${'q'.repeat(501)}`, 400],
    ['regex with a backreference', `${org}/chat-sessions?isRegex=true&searchTerm=(a)%5C1`, 400],
    ['catastrophic regex', `${org}/chat-sessions?isRegex=true&searchTerm=(a%2B)%2B%24`, 200],
    ['unclosed regex', `${org}/chat-sessions?isRegex=true&searchTerm=(`, 400],
    ['separator=|', `${org}/missed-questions/export?separator=%7C`, 400],
    ['fileType=exe', `${org}/chat-sessions/export?fileType=exe`, 400],
    ['fileType=CSV', `${org}/chat-sessions/export?fileType=CSV`, 200],
    ['includeMessages=yes', `${org}/chat-sessions?includeMessages=yes`, 400],
    ['sort=sideways', `${dm}/events/a-message-1/interactions?sort=sideways`, 400],
    ['a NUL in a parameter', `${org}/chat-sessions?searchTerm=a%00b`, 400],
    [
      '2 000 agents in the filter',
      `${org}/chat-sessions?tenantsFilter=${Array.from({ length: 2000 }, (_, i) => `a${i}`).join(',')}`,
      200,
    ],
    [
      'a parameter repeated 500 times',
      `${org}/missed-questions?${Array.from({ length: 500 }, () => 'status=RESOLVED').join('&')}`,
      200,
    ],
    ['invalid percent-encoding in the query', `${org}/chat-sessions?searchTerm=%E0%A4%A`, 400],
    ['invalid UTF-8 in a query value', `${org}/missed-questions?search=caf%C3%28`, 400],
    ['an encoded surrogate in a query value', `${org}/chat-sessions?searchTerm=%ED%A0%80`, 400],
    ['invalid UTF-8 in a parameter name', `${org}/chat-sessions?%FF=1`, 400],
    ['a valid encoded emoji in a query value', `${org}/chat-sessions?searchTerm=%F0%9F%98%80`, 200],
  ];
  for (const [what, path, status] of queries) {
    add({ name: `query: ${what}`, method: 'GET', path, ...(status === undefined ? {} : { expect: status }) });
  }

  // Bodies: encodings, types, sizes, depth, dates, ids.
  const bodies: Array<[string, string, string | Buffer, number?]> = [
    [
      'invalid UTF-8 in a report',
      `${org}/missed-questions`,
      Buffer.concat([
        Buffer.from('{"missedQuestion":{"tenantId":"agent-a","question":"caf'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('?"},"sessionId":"s","messageId":"utf8"}'),
      ]),
      400,
    ],
    [
      'invalid UTF-8 in a session',
      `${org}/chat-sessions`,
      Buffer.concat([
        Buffer.from('{"id":"utf8","tenantId":"agent-a","subscriberHandle":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('"}'),
      ]),
      400,
    ],
    [
      'an overlong UTF-8 slash',
      `${org}/missed-questions`,
      Buffer.concat([
        Buffer.from('{"missedQuestion":{"tenantId":"agent-a","question":"'),
        Buffer.from([0xc0, 0xaf]),
        Buffer.from('"},"sessionId":"s","messageId":"m"}'),
      ]),
      400,
    ],
    [
      'an encoded surrogate in UTF-8',
      `${org}/missed-questions`,
      Buffer.concat([
        Buffer.from('{"missedQuestion":{"tenantId":"agent-a","question":"'),
        Buffer.from([0xed, 0xa0, 0x80]),
        Buffer.from('"},"sessionId":"s","messageId":"m"}'),
      ]),
      400,
    ],
    [
      'a truncated UTF-8 sequence at the end',
      `${org}/missed-questions`,
      Buffer.from([0x7b, 0xe2, 0x82]),
      400,
    ],
    ['UTF-16 text', `${org}/missed-questions`, Buffer.from(report('s', 'utf16'), 'utf16le'), 400],
    [
      'a lone surrogate escape',
      `${org}/missed-questions`,
      '{"missedQuestion":{"tenantId":"agent-a","question":"\\ud800"},"sessionId":"s","messageId":"m"}',
      400,
    ],
    [
      'a NUL escape',
      `${org}/missed-questions`,
      '{"missedQuestion":{"tenantId":"agent-a","question":"a\\u0000"},"sessionId":"s","messageId":"m"}',
      400,
    ],
    ['not JSON', `${org}/missed-questions`, 'hello', 400],
    ['empty body', `${org}/missed-questions`, '', 400],
    ['JSON null', `${org}/missed-questions`, 'null', 400],
    ['a JSON number', `${org}/chat-sessions`, '42', 400],
    ['an array for an object', `${org}/chat-sessions`, '[]', 400],
    ['trailing garbage', `${org}/missed-questions`, `${report('s', 'tg')}}}`, 400],
    ['10 000 levels of arrays', `${org}/chat-sessions`, `${'['.repeat(10_000)}${']'.repeat(10_000)}`, 400],
    [
      '200 levels of objects in metadata',
      `${org}/chat-sessions`,
      sessionBody({ metadata: JSON.parse(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`) }),
      400,
    ],
    [
      '50 000 keys',
      `${org}/chat-sessions`,
      json(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))),
      400,
    ],
    ['2 MiB body', `${org}/chat-sessions`, sessionBody({ summary: 'x'.repeat(2 * 1024 * 1024) }), 413],
    [
      '__proto__ key',
      `${org}/chat-sessions`,
      '{"__proto__":{"admin":true},"id":"proto","tenantId":"agent-a","subscriberHandle":"h","createdAt":"2026-11-20T10:00:00Z"}',
      201,
    ],
    [
      'constructor key',
      `${org}/missed-questions`,
      '{"constructor":{"prototype":1},"missedQuestion":{"tenantId":"agent-a","question":"Q?"},"sessionId":"s","messageId":"ctor"}',
      201,
    ],
    [
      'a 129-character id',
      `${org}/chat-sessions`,
      json({ id: 'x'.repeat(129), tenantId: 'agent-a', subscriberHandle: 'h' }),
      400,
    ],
    [
      'an empty id',
      `${org}/chat-sessions`,
      json({ id: '', tenantId: 'agent-a', subscriberHandle: 'h' }),
      400,
    ],
    [
      'a numeric id',
      `${org}/chat-sessions`,
      json({ id: 7, tenantId: 'agent-a', subscriberHandle: 'h' }),
      400,
    ],
    [
      '1 001 tags',
      `${org}/chat-sessions`,
      sessionBody({ tags: Array.from({ length: 1001 }, (_, i) => `t${i}`) }),
      400,
    ],
    ['a date of month 13', `${org}/chat-sessions`, sessionBody({ createdAt: '2026-13-01T00:00:00Z' }), 400],
    ['a date in year 0', `${org}/chat-sessions`, sessionBody({ createdAt: '0000-01-01T00:00:00Z' }), 400],
    ['a six-digit year', `${org}/chat-sessions`, sessionBody({ createdAt: '+010000-01-01T00:00:00Z' }), 400],
    ['a date as a number', `${org}/chat-sessions`, sessionBody({ createdAt: 1_700_000_000 }), 400],
    ['a date without offset', `${org}/chat-sessions`, sessionBody({ createdAt: '2026-01-01T00:00:00' }), 400],
    [
      'a 1 001-message batch',
      `${org}/chat-sessions/${FIXTURE.aSession}/messages/batch`,
      json(Array.from({ length: 1001 }, (_, i) => ({ id: `b${i}`, message: 'x' }))),
      400,
    ],
    ['an empty batch', `${org}/chat-sessions/${FIXTURE.aSession}/messages/batch`, '[]', 400],
    [
      'a report without messageId',
      `${org}/missed-questions`,
      json({ missedQuestion: { tenantId: 'agent-a', question: 'Q?' }, sessionId: 's' }),
      400,
    ],
    [
      'a report without agent',
      `${org}/missed-questions`,
      json({ missedQuestion: { question: 'Q?' }, sessionId: 's', messageId: 'm' }),
      400,
    ],
    [
      'a report of 100 000 characters',
      `${org}/missed-questions`,
      json({
        missedQuestion: { tenantId: 'agent-a', question: 'q'.repeat(100_000) },
        sessionId: 's',
        messageId: 'long',
      }),
    ],
    [
      'a report dated in year 0',
      `${org}/missed-questions`,
      json({
        missedQuestion: { tenantId: 'agent-a', question: 'Q?' },
        sessionId: 's',
        messageId: 'y0',
        occurredAt: '0000-01-01T00:00:00Z',
      }),
      400,
    ],
    ['a status that does not exist', `${org}/missed-questions/no-such-question`, json({ status: 'DELETED' })],
    [
      'interactions for another session',
      `${org}/chat-sessions/${FIXTURE.aSession}/interactions`,
      json({
        id: 'i2',
        sessionId: FIXTURE.bSession,
        hbfEventId: 'e',
        timestamp: '2026-11-20T10:00:00Z',
        type: 'NLP',
        payload: {},
      }),
      400,
    ],
    [
      'variables as an object',
      `${org}/chat-sessions/${FIXTURE.aSession}/variables`,
      json({ name: 'v' }),
      400,
    ],
    ['tag operations without add or remove', `${org}/chat-sessions/${FIXTURE.aSession}/tags`, '{}', 400],
  ];
  bodies.push([
    'a snapshot for an event id in invalid UTF-8',
    `${org}/chat-sessions/${FIXTURE.aSession}/variables?hbfEventId=%FF`,
    json([{ name: 'v', value: 1 }]),
    400,
  ]);
  // The published routes' own bodies.
  const published: Array<[string, string, string, string | Buffer, number]> = [
    ['create without tenantId', 'POST', pub, json({ id: 'p-no-tenant', subscriberHandle: 'h' }), 400],
    [
      'create with a date of month 13',
      'POST',
      pub,
      sessionBody({ id: 'p13', createdAt: '2026-13-01T00:00:00Z' }),
      400,
    ],
    ['create with a 129-character id', 'POST', pub, sessionBody({ id: 'x'.repeat(129) }), 400],
    ['create of an id taken by its own session', 'POST', pub, sessionBody({ id: FIXTURE.aSession }), 409],
    [
      'upsert whose body names another id',
      'PUT',
      `${pub}/${FIXTURE.aSession}`,
      sessionBody({ id: 'other' }),
      400,
    ],
    ['upsert of an array', 'PUT', `${pub}/${FIXTURE.aSession}`, '[]', 400],
    [
      'update moving a session to another agent (the admin: it keeps its agent)',
      'PATCH',
      `${pub}/${FIXTURE.aSession}`,
      json({ tenantId: 'agent-b', subscriberHandle: 'h' }),
      409,
    ],
    [
      'batch complete with 1 001 ids',
      'PATCH',
      `${pub}/batch/complete`,
      json({ ids: Array.from({ length: 1001 }, (_, i) => `s${i}`) }),
      400,
    ],
    [
      'batch complete with ids as a string',
      'PATCH',
      `${pub}/batch/complete`,
      json({ ids: 'a-session' }),
      400,
    ],
    ['batch complete with an empty id', 'PATCH', `${pub}/batch/complete`, json({ ids: [''] }), 400],
    [
      'a published message without date',
      'POST',
      `${pub}/${FIXTURE.aSession}/messages`,
      json({ id: 'nd', message: 'hi' }),
      400,
    ],
    [
      'a published message dated year 0',
      'POST',
      `${pub}/${FIXTURE.aSession}/messages`,
      json({ id: 'y0', message: 'hi', date: '0000-01-01T00:00:00Z' }),
      400,
    ],
    ['an empty published batch', 'POST', `${pub}/${FIXTURE.aSession}/messages/batch`, '[]', 400],
    [
      'a 1 001-message published batch',
      'POST',
      `${pub}/${FIXTURE.aSession}/messages/batch`,
      json(
        Array.from({ length: 1001 }, (_, i) => ({
          id: `pb${i}`,
          message: 'x',
          date: '2026-11-20T10:00:00Z',
        })),
      ),
      400,
    ],
    [
      'published variables as an object',
      'POST',
      `${pub}/${FIXTURE.aSession}/variables`,
      json({ name: 'v', value: 1 }),
      400,
    ],
    [
      'a published body of invalid UTF-8',
      'POST',
      pub,
      Buffer.concat([
        Buffer.from('{"id":"p-utf","tenantId":"agent-a","subscriberHandle":"h'),
        Buffer.from([0xff]),
        Buffer.from('"}'),
      ]),
      400,
    ],
  ];
  for (const [what, method, path, body, status] of published) {
    add({ name: `published: ${what}`, method, path, body, expect: status });
  }
  for (const [what, id] of ids) {
    add({ name: `published session with ${what}`, method: 'GET', path: `${pub}/${id}` });
  }
  add({
    name: 'published list with a tenantId of 129 characters',
    method: 'GET',
    path: `${pub}?tenantId=${'x'.repeat(129)}`,
    expect: 400,
  });
  add({
    name: 'published session with a tenantId of 129 characters',
    method: 'GET',
    path: `${pub}/${FIXTURE.aSession}?tenantId=${'x'.repeat(129)}`,
    expect: 400,
  });
  add({
    name: "published session naming agent-b with agent-a's token (absent, as an unknown id)",
    method: 'GET',
    path: `${pub}/${FIXTURE.bSession}?tenantId=agent-b`,
    token: FIXTURE.agentA,
    expect: 404,
    forbidden: FIXTURE.bSecrets,
  });
  add({
    name: "delete naming agent-b with agent-a's token (absent, as an unknown id)",
    method: 'DELETE',
    path: `${pub}/${FIXTURE.bSession}?tenantId=agent-b`,
    token: FIXTURE.agentA,
    expect: 404,
    forbidden: FIXTURE.bSecrets,
  });
  add({
    name: 'published list with includeTenant=maybe',
    method: 'GET',
    path: `${pub}?includeTenant=maybe`,
    expect: 400,
  });
  add({
    name: 'published list of another organization by path',
    method: 'GET',
    path: '/chat-sessions/../organizations/globex/chat-sessions',
    expect: [400, 403, 404],
  });

  for (const [what, path, body, status] of bodies) {
    const method = path.endsWith('/missed-questions/no-such-question') ? 'PATCH' : 'POST';
    add({ name: `body: ${what}`, method, path, body, ...(status === undefined ? {} : { expect: status }) });
  }
  add({
    name: 'body: JSON sent as text/plain',
    method: 'POST',
    path: `${org}/missed-questions`,
    headers: { 'content-type': 'text/plain' },
    body: report('s', 'plain'),
  });
  add({
    name: 'body: Latin-1 charset declared',
    method: 'POST',
    path: `${org}/missed-questions`,
    headers: { 'content-type': 'application/json; charset=iso-8859-1' },
    body: Buffer.from([
      ...Buffer.from('{"missedQuestion":{"tenantId":"agent-a","question":"caf'),
      0xe9,
      ...Buffer.from('?"},"sessionId":"s","messageId":"latin"}'),
    ]),
    expect: 400,
  });
  return cases;
}
