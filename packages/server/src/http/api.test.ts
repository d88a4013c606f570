import { compareSessions, matchesSessionQuery, type Session, sessionToWire } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open-store.js';
import type { ObservatoryStore } from '../store/store.js';
import { sampleSessions } from '../testing/fixtures.js';
import { call, ingestSessions } from '../testing/http-fixture.js';
import { publishedResponseValidator } from '../testing/published-spec.js';
import { createObservatoryServer } from './app.js';

const ADMIN = 'admin-token-acme';
const FAQ_ONLY = 'faq-only-token';
const OTHER_ORG = 'token-of-globex';
const base = '/organizations/acme';

describe('Observatory HTTP API', () => {
  let store: ObservatoryStore;
  let app: ReturnType<typeof createObservatoryServer>;
  let validate: Awaited<ReturnType<typeof publishedResponseValidator>>;
  const sessions = sampleSessions(40, 21);
  const json = async (path: string, token = ADMIN) => {
    const res = await call(app, token, 'GET', path);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };

  beforeAll(async () => {
    store = await openStore('memory://');
    app = createObservatoryServer({
      store,
      auth: {
        tokens: [
          { token: ADMIN, organizationId: 'acme' },
          { token: FAQ_ONLY, organizationId: 'acme', agents: ['faq-bot'] },
          { token: OTHER_ORG, organizationId: 'globex' },
        ],
      },
      maxBodyBytes: 64 * 1024,
    });
    validate = await publishedResponseValidator();
    await ingestSessions(app, ADMIN, 'acme', sessions);
    for (const session of sessions.slice(0, 20)) {
      const user = session.messages.find((m) => m.role === 'user');
      if (!user) continue;
      const res = await call(app, ADMIN, 'POST', `${base}/missed-questions`, {
        missedQuestion: { tenantId: session.agentId, question: user.text },
        sessionId: session.id,
        messageId: user.id,
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('read paths answer what core computes, in the published shapes', () => {
    it('lists sessions with the spec filters, paged, each item a valid ChatSessionDto', async () => {
      const query =
        'tenantsFilter=faq-bot,sales-bot&searchTerm=refund&order=ASC&page=0&pageSize=5&includeMessages=true';
      const body = await json(`${base}/chat-sessions?${query}`);
      const expected = sessions
        .filter((s) =>
          matchesSessionQuery(s, {
            agents: ['faq-bot', 'sales-bot'],
            search: { term: 'refund', mode: 'plain' },
          }),
        )
        .sort(compareSessions({ order: 'asc' }));
      expect(body.total).toBe(expected.length);
      const items = body.items as Array<Record<string, unknown>>;
      expect(items.map((s) => s.id)).toEqual(expected.slice(0, 5).map((s) => s.id));
      for (const item of items) expect(validate('get_21', 200, item)).toEqual([]);
    });

    it('gets one session with includes, its messages, and 404 for an unknown id', async () => {
      const session = sessions[0] as Session;
      const without = await json(`${base}/chat-sessions/${session.id}`);
      expect(without.messages).toBeUndefined();
      const withMessages = await json(`${base}/chat-sessions/${session.id}?includeMessages=true`);
      expect(validate('get_21', 200, withMessages)).toEqual([]);
      expect((withMessages.messages as unknown[]).length).toBe(session.messages.length);
      const messages = await json(`${base}/chat-sessions/${session.id}/messages`);
      expect(validate('getMessages_1', 200, messages)).toEqual([]);
      expect(messages.messages).toEqual(withMessages.messages);
      const missing = await call(app, ADMIN, 'GET', `${base}/chat-sessions/nope`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
    });

    it('replaces tags with PATCH and edits them with tag operations', async () => {
      const id = (sessions[1] as Session).id;
      const patched = await call(app, ADMIN, 'PATCH', `${base}/chat-sessions/${id}/tags`, ['vip', 'late']);
      expect(((await patched.json()) as { tags: string[] }).tags).toEqual(['vip', 'late']);
      const ops = await call(app, ADMIN, 'POST', `${base}/chat-sessions/${id}/tags`, {
        add: ['x'],
        remove: ['late'],
      });
      expect(((await ops.json()) as { tags: string[] }).tags).toEqual(['vip', 'x']);
      const listed = await json(`${base}/chat-sessions?tags=x`);
      expect((listed.items as Array<{ id: string }>).map((s) => s.id)).toContain(id);
    });

    it("filters by the spec's uuid (the session id), within the rest of the query and the token's scope", async () => {
      const session = sessions.find((s) => s.agentId !== 'faq-bot') as Session;
      const hit = await json(`${base}/chat-sessions?uuid=${session.id}&tenantsFilter=${session.agentId}`);
      expect(hit).toMatchObject({ total: 1, items: [{ id: session.id }] });
      expect(validate('get_21', 200, (hit.items as unknown[])[0])).toEqual([]);
      const otherAgent = await json(`${base}/chat-sessions?uuid=${session.id}&tenantsFilter=faq-bot`);
      expect(otherAgent).toMatchObject({ total: 0, items: [] });
      const scoped = await json(`${base}/chat-sessions?uuid=${session.id}`, FAQ_ONLY);
      expect(scoped).toMatchObject({ total: 0, items: [] });
    });

    it('lists missed questions with filteredOccurrences and occurrences, gets, patches and lists occurrences', async () => {
      const page = await json(`${base}/missed-questions?sortBy=occurrences&order=DESC&pageSize=100`);
      expect(validate('listMissedQuestions_1', 200, page)).toEqual([]);
      const items = page.items as Array<{ id: string; occurrences: number; filteredOccurrences: number }>;
      expect(items.reduce((sum, q) => sum + q.occurrences, 0)).toBe(20);
      const top = items[0] as { id: string; occurrences: number };
      const one = await json(`${base}/missed-questions/${top.id}`);
      expect(validate('findMissedQuestion_1', 200, one)).toEqual([]);
      const patched = await call(app, ADMIN, 'PATCH', `${base}/missed-questions/${top.id}`, {
        status: 'IGNORED',
      });
      const patchedBody = await patched.json();
      expect(validate('updateMissedQuestion_1', 200, patchedBody)).toEqual([]);
      expect((patchedBody as { status: string }).status).toBe('IGNORED');
      const occurrences = await json(`${base}/missed-questions/${top.id}/occurrences?pageSize=100`);
      expect(occurrences.total).toBe(top.occurrences);
      for (const item of occurrences.items as unknown[]) {
        expect(validate('findMissedQuestionOccurrences_1', 200, item)).toEqual([]);
      }
      const ignored = await json(`${base}/missed-questions?status=IGNORED`);
      expect(ignored.total).toBe(1);
    });

    it('answers analytics in the viewer zone, consistent with the reports', async () => {
      const body = await json(
        `${base}/analytics/missed-questions?startDate=2026-03-01&endDate=2026-04-30&timeZone=Europe/Athens`,
      );
      expect(validate('missedQuestions', 200, body)).toEqual([]);
      expect(body.totalMissedQuestions).toBe(20);
      const questions = sessions.flatMap((s) => s.messages.filter((m) => m.role === 'user')).length;
      expect(body.totalQuestions).toBe(questions);
      const histogram = body.histogram as Array<{ count: number }>;
      expect(histogram.reduce((sum, b) => sum + b.count, 0)).toBe(20);
    });

    it("serves hbf-data-manager's interactions and session variables", async () => {
      const session = sessions[2] as Session;
      const user = session.messages.find((m) => m.role === 'user');
      if (!user) throw new Error('fixture has a user message');
      const step = {
        id: 'step-1',
        hbfEventId: user.id,
        sessionId: session.id,
        timestamp: user.createdAt,
        type: 'LLM_REQUEST',
        payload: { model: 'm' },
      };
      const posted = await call(app, ADMIN, 'POST', `${base}/chat-sessions/${session.id}/interactions`, [
        step,
      ]);
      expect(await posted.json()).toEqual({ received: 1, inserted: 1 });
      const byEvent = await json(`/orgs/acme/events/${user.id}/interactions`);
      expect(validate('InteractionsController_getByEvent', 200, byEvent)).toEqual([]);
      expect((byEvent.items as Array<{ id: string }>).map((s) => s.id)).toEqual(['step-1']);
      const all = (await json('/orgs/acme/interactions')) as unknown as unknown[];
      expect(validate('InteractionsController_list', 200, all)).toEqual([]);
      const vars = await call(
        app,
        ADMIN,
        'POST',
        `${base}/chat-sessions/${session.id}/variables?hbfEventId=${user.id}`,
        [
          // The published schema types a value as an object (or null); scalars are stored as given (see README).
          { name: 'routing', value: { department: 'sales' } },
        ],
      );
      expect(vars.status).toBe(204);
      const snapshot = await json(`/orgs/acme/events/${user.id}/session-variables`);
      expect(validate('InteractionsController_getSessionVariablesAtEvent', 200, snapshot)).toEqual([]);
      expect(snapshot).toMatchObject({
        sessionId: session.id,
        variablesCount: 1,
        variables: [{ key: 'routing', value: { department: 'sales' } }],
      });
    });
  });

  describe('exports', () => {
    it('exports the matching sessions as CSV with the asked separator, one row per session', async () => {
      const res = await call(
        app,
        ADMIN,
        'GET',
        `${base}/chat-sessions/export?fileType=csv&separator=,&tenantsFilter=faq-bot`,
      );
      expect(res.headers.get('content-type')).toContain('text/csv');
      const rows = parse(await res.text(), { delimiter: ',', bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      const expected = sessions.filter((s) => s.agentId === 'faq-bot');
      expect(rows).toHaveLength(expected.length);
      expect(new Set(Object.values(rows[0] ?? {}))).toContain(
        (expected.sort(compareSessions())[0] as Session).id,
      );
    });

    it('exports one session as a readable transcript and all as xlsx', async () => {
      const session = sessions[3] as Session;
      const txt = await (await call(app, ADMIN, 'GET', `${base}/chat-sessions/export/${session.id}`)).text();
      for (const message of session.messages.filter((m) => m.text !== ''))
        expect(txt).toContain(message.text);
      const xlsx = await call(app, ADMIN, 'GET', `${base}/chat-sessions/export?fileType=xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      expect(workbook.worksheets[0]?.actualRowCount).toBe(sessions.length + 1);
    });

    it('exports missed questions as CSV with ; by default', async () => {
      const res = await call(app, ADMIN, 'GET', `${base}/missed-questions/export`);
      const rows = parse(await res.text(), { delimiter: ';', bom: true, columns: true }) as unknown[];
      const page = await json(`${base}/missed-questions?pageSize=1000`);
      expect(rows).toHaveLength(page.total as number);
      const comma = await call(app, ADMIN, 'GET', `${base}/missed-questions/export?separator=,&fileType=CSV`);
      const commaRows = parse(await comma.text(), { delimiter: ',', bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      expect(commaRows).toEqual(rows);
    });

    it('starts a CSV export with a UTF-8 BOM unless bom=false, and refuses another bom value', async () => {
      for (const path of [`${base}/chat-sessions/export`, `${base}/missed-questions/export`]) {
        const get = (bom: string) => call(app, ADMIN, 'GET', `${path}?fileType=csv${bom}`);
        const bytes = async (bom: string) => new Uint8Array(await (await get(bom)).arrayBuffer());
        const byDefault = await bytes('');
        expect([...byDefault.slice(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0x69, 0x64]); // BOM, then "id"
        expect(await bytes('&bom=true')).toEqual(byDefault);
        const without = await bytes('&bom=false');
        expect(new TextDecoder().decode(without.slice(0, 3))).toBe('id;');
        expect(without).toEqual(byDefault.slice(3));
        const bad = await get('&bom=yes');
        expect(bad.status).toBe(400);
        expect(await bad.text()).toContain('bom');
      }
    });

    it('exports one session as CSV with the asked separator and as xlsx', async () => {
      const session = sessions[8] as Session;
      const csv = await call(
        app,
        ADMIN,
        'GET',
        `${base}/chat-sessions/export/${session.id}?fileType=csv&separator=,`,
      );
      const rows = parse(await csv.text(), { delimiter: ',', bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      expect(rows).toHaveLength(1);
      expect(Object.values(rows[0] ?? {})).toContain(session.id);
      const xlsx = await call(app, ADMIN, 'GET', `${base}/chat-sessions/export/${session.id}?fileType=xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      expect(workbook.worksheets[0]?.actualRowCount).toBe(2);
    });
  });

  describe('auth scoping', () => {
    it('answers 401 without or with an unknown token, and 403 for another organization', async () => {
      const none = await call(app, undefined, 'GET', `${base}/chat-sessions`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect((await call(app, `${ADMIN}x`, 'GET', `${base}/chat-sessions`)).status).toBe(401);
      expect((await call(app, OTHER_ORG, 'GET', `${base}/chat-sessions`)).status).toBe(403);
      expect((await call(app, OTHER_ORG, 'GET', '/orgs/acme/interactions')).status).toBe(403);
      expect((await json('/organizations/globex/chat-sessions', OTHER_ORG)).total).toBe(0);
    });

    it("keeps an agent-scoped token to its agent's data, hiding the rest as not found", async () => {
      const faq = sessions.filter((s) => s.agentId === 'faq-bot');
      const listed = await json(
        `${base}/chat-sessions?pageSize=100&tenantsFilter=sales-bot,faq-bot`,
        FAQ_ONLY,
      );
      expect(listed.total).toBe(faq.length);
      const other = sessions.find((s) => s.agentId !== 'faq-bot') as Session;
      const hidden = await call(app, FAQ_ONLY, 'GET', `${base}/chat-sessions/${other.id}`);
      const missing = await call(app, FAQ_ONLY, 'GET', `${base}/chat-sessions/no-such-id`);
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      const tag = await call(app, FAQ_ONLY, 'PATCH', `${base}/chat-sessions/${other.id}/tags`, ['x']);
      expect(tag.status).toBe(404);
      const report = await call(app, FAQ_ONLY, 'POST', `${base}/missed-questions`, {
        missedQuestion: { tenantId: 'sales-bot', question: 'Sneaky?' },
        sessionId: other.id,
        messageId: 'm',
      });
      expect(report.status).toBe(403);
      const questions = await json(`${base}/missed-questions?pageSize=1000`, FAQ_ONLY);
      expect((questions.items as Array<{ tenantId: string }>).every((q) => q.tenantId === 'faq-bot')).toBe(
        true,
      );
      const exported = await (
        await call(app, FAQ_ONLY, 'GET', `${base}/chat-sessions/export?fileType=csv`)
      ).text();
      expect(exported).not.toContain(other.id);
    });
  });

  describe('bad input gets a 4xx problem naming the field, and writes nothing', () => {
    const cases: Array<[string, string, string, unknown, number, string]> = [
      ['page size not a number', 'GET', `${base}/chat-sessions?pageSize=abc`, undefined, 400, 'pageSize'],
      ['page size too large', 'GET', `${base}/chat-sessions?pageSize=100000`, undefined, 400, 'pageSize'],
      [
        'invalid date',
        'GET',
        `${base}/chat-sessions?startDate=yesterday&endDate=2026-01-01T00:00:00Z`,
        undefined,
        400,
        'startDate',
      ],
      [
        'reversed range',
        'GET',
        `${base}/missed-questions?startDate=2026-02-01T00:00:00Z&endDate=2026-01-01T00:00:00Z`,
        undefined,
        400,
        'endDate',
      ],
      [
        'unknown zone',
        'GET',
        `${base}/analytics/missed-questions?startDate=2026-01-01&endDate=2026-01-31&timeZone=Mars/Olympus`,
        undefined,
        400,
        'timeZone',
      ],
      [
        'missing zone',
        'GET',
        `${base}/analytics/missed-questions?startDate=2026-01-01&endDate=2026-01-31`,
        undefined,
        400,
        'timeZone',
      ],
      [
        'regex with a backreference (RE2 has none)',
        'GET',
        `${base}/chat-sessions?isRegex=true&searchTerm=${encodeURIComponent('(\\w+) \\1')}`,
        undefined,
        400,
        'searchTerm',
      ],
      [
        'regex with lookahead in export',
        'GET',
        `${base}/chat-sessions/export?isRegex=true&searchTerm=${encodeURIComponent('(?=x)y')}`,
        undefined,
        400,
        'searchTerm',
      ],
      [
        'not a boolean',
        'GET',
        `${base}/chat-sessions?containsFallback=maybe`,
        undefined,
        400,
        'containsFallback',
      ],
      ['unknown file type', 'GET', `${base}/chat-sessions/export?fileType=pdf`, undefined, 400, 'fileType'],
      [
        'unknown separator',
        'GET',
        `${base}/missed-questions/export?separator=|`,
        undefined,
        400,
        'separator',
      ],
      [
        'question of the wrong type',
        'POST',
        `${base}/missed-questions`,
        { missedQuestion: { tenantId: 'faq-bot', question: 5 }, sessionId: 's', messageId: 'm' },
        400,
        'missedQuestion.question',
      ],
      [
        'question too long',
        'POST',
        `${base}/missed-questions`,
        {
          missedQuestion: { tenantId: 'faq-bot', question: 'x'.repeat(501) },
          sessionId: 's',
          messageId: 'm',
        },
        400,
        'missedQuestion.question',
      ],
      [
        'report without message',
        'POST',
        `${base}/missed-questions`,
        { missedQuestion: { tenantId: 'faq-bot', question: 'Q' }, sessionId: 's' },
        400,
        'messageId',
      ],
      ['unknown status', 'PATCH', `${base}/missed-questions/any`, { status: 'DONE' }, 400, 'status'],
      ['tags not strings', 'PATCH', `${base}/chat-sessions/any/tags`, [1, 2], 400, '0'],
      ['malformed JSON', 'POST', `${base}/missed-questions`, '{"missedQuestion":', 400, 'body'],
      ['NUL in a query parameter', 'GET', `${base}/chat-sessions?tags=a%00b`, undefined, 400, 'tags'],
      ['NUL in a path id', 'GET', `${base}/missed-questions/a%00b`, undefined, 400, 'id'],
      ['NUL in an event id', 'GET', '/orgs/acme/events/a%00b/interactions', undefined, 400, 'hbfEventId'],
      [
        'NUL in body text',
        'POST',
        `${base}/missed-questions`,
        { missedQuestion: { tenantId: 'faq-bot', question: 'Q\u0000' }, sessionId: 's', messageId: 'm' },
        400,
        'missedQuestion.question',
      ],
      [
        'unpaired surrogate in body text',
        'POST',
        `${base}/chat-sessions/any/tags`,
        '{"add":["\\ud800"]}',
        400,
        'add.0',
      ],
      [
        'year 0 in a range',
        'GET',
        `${base}/chat-sessions?startDate=0000-01-01T00:00:00Z&endDate=2026-01-01T00:00:00Z`,
        undefined,
        400,
        'startDate',
      ],
      [
        'five-digit year in analytics',
        'GET',
        `${base}/analytics/missed-questions?startDate=2026-01-01T00:00:00Z&endDate=${encodeURIComponent('9999-12-31T23:00:00-05:00')}&timeZone=UTC`,
        undefined,
        400,
        'endDate',
      ],
      [
        'year 0 in a report',
        'POST',
        `${base}/missed-questions`,
        {
          missedQuestion: { tenantId: 'faq-bot', question: 'Q' },
          sessionId: 's',
          messageId: 'm',
          occurredAt: '0000-01-01T00:00:00Z',
        },
        400,
        'occurredAt',
      ],
      [
        'id longer than an index key',
        'POST',
        `${base}/chat-sessions`,
        {
          id: '界'.repeat(129),
          tenantId: 'faq-bot',
          subscriberHandle: 'u',
          createdAt: '2026-01-01T00:00:00Z',
        },
        400,
        'id',
      ],
      [
        'nesting deeper than readers recurse',
        'POST',
        `${base}/chat-sessions/any/variables`,
        `[{"name":"v","value":${'['.repeat(5000)}${']'.repeat(5000)}}]`,
        400,
        `0.value${'.0'.repeat(98)}`,
      ],
      [
        'not a boolean include',
        'GET',
        `${base}/chat-sessions?includeTenant=maybe`,
        undefined,
        400,
        'includeTenant',
      ],
      [
        'session without tenant',
        'POST',
        `${base}/chat-sessions`,
        { id: 'x', subscriberHandle: 'u', createdAt: '2026-01-01T00:00:00Z' },
        400,
        'agentId',
      ],
    ];
    for (const [label, method, path, body, status, field] of cases) {
      it(label, async () => {
        const res = await call(app, ADMIN, method, path, body);
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const problem = (await res.json()) as { status: number; field?: string; detail: string };
        expect(problem.status).toBe(status);
        expect(problem.field).toBe(field);
      });
    }

    it('refuses a body over the limit with 413 before reading it whole', async () => {
      const res = await call(app, ADMIN, 'POST', `${base}/chat-sessions`, {
        id: 'big',
        padding: 'x'.repeat(100 * 1024),
      });
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    });

    it('writes nothing when one message of a batch is invalid', async () => {
      const session = sessions[4] as Session;
      const before = session.messages.length;
      const res = await call(app, ADMIN, 'POST', `${base}/chat-sessions/${session.id}/messages/batch`, [
        { id: 'ok-1', message: 'fine', date: '2026-03-20T00:00:00Z', isUserInteraction: true },
        { id: 'bad', message: 'bad date', date: 'tomorrow' },
      ]);
      expect(res.status).toBe(400);
      expect(
        ((await json(`${base}/chat-sessions/${session.id}?includeMessages=true`)).messages as unknown[])
          .length,
      ).toBe(before);
    });

    it('refuses a report conflicting with stored ones (409), leaking nothing and leaving nothing behind', async () => {
      const report = (tenantId: string, question: string, messageId: string, id?: string) => ({
        missedQuestion: { ...(id === undefined ? {} : { id }), tenantId, question },
        sessionId: 'conflict-s',
        messageId,
      });
      const first = await call(
        app,
        ADMIN,
        'POST',
        `${base}/missed-questions`,
        report('sales-bot', 'Taken?', 'm1', 'taken'),
      );
      expect(first.status).toBe(201);
      const problemOf = async (res: Response) => {
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        return (await res.json()) as { status: number; field: string };
      };
      // Another question under an id already taken.
      const sameId = await call(
        app,
        ADMIN,
        'POST',
        `${base}/missed-questions`,
        report('faq-bot', 'Q?', 'm2', 'taken'),
      );
      expect(await problemOf(sameId)).toMatchObject({ status: 409, field: 'missedQuestion.id' });
      // The same message again, for another agent: faq-bot's own occurrence, which tells nothing of sales-bot's.
      const own = await call(
        app,
        FAQ_ONLY,
        'POST',
        `${base}/missed-questions`,
        report('faq-bot', 'Mine?', 'm1'),
      );
      expect(own.status).toBe(201);
      expect(await own.text()).not.toContain('Taken?');
      // A repeat under new wording and a new id is refused naming the kept question, and creates none.
      const reworded = await call(
        app,
        ADMIN,
        'POST',
        `${base}/missed-questions`,
        report('sales-bot', 'Reworded?', 'm1', 'new-id'),
      );
      expect(await problemOf(reworded)).toMatchObject({
        status: 409,
        field: 'missedQuestion.question',
        stored: 'Taken?',
      });
      expect((await call(app, ADMIN, 'GET', `${base}/missed-questions/new-id`)).status).toBe(404);
      const faq = await json(`${base}/missed-questions?question=Mine&pageSize=100`);
      expect(faq.total).toBe(1);
    });

    it('keeps every message appended without an id, also when appends race', async () => {
      const session = sessions[6] as Session;
      const before = session.messages.length;
      const statuses = await Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const res = await call(app, ADMIN, 'POST', `${base}/chat-sessions/${session.id}/messages`, {
            message: `no id ${i}`,
            date: '2026-03-20T00:00:00Z',
          });
          return res.status;
        }),
      );
      expect(statuses).toEqual(Array(8).fill(201));
      const stored = await json(`${base}/chat-sessions/${session.id}/messages`);
      expect((stored.messages as unknown[]).length).toBe(before + 8);
    });

    it('refuses interaction steps claiming another session', async () => {
      const session = sessions[7] as Session;
      const res = await call(app, ADMIN, 'POST', `${base}/chat-sessions/${session.id}/interactions`, [
        {
          id: 'x',
          hbfEventId: 'e',
          sessionId: 'elsewhere',
          timestamp: session.createdAt,
          type: 'T',
          payload: {},
        },
      ]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe('0.sessionId');
    });

    it('answers a repeated report with the existing occurrence and 200, changing no count', async () => {
      const session = sessions[5] as Session;
      const user = session.messages.find((m) => m.role === 'user');
      const report = {
        missedQuestion: { tenantId: session.agentId, question: user?.text },
        sessionId: session.id,
        messageId: user?.id,
      };
      type Reported = { id: string; occurrences: number; occurrence: { id: string; sessionId: string } };
      const stored = (await json(`${base}/missed-questions?pageSize=1000`)).items as Reported[];
      const repeat = await call(app, ADMIN, 'POST', `${base}/missed-questions`, report);
      expect(repeat.status).toBe(200);
      const { occurrence, ...question } = (await repeat.json()) as Reported;
      expect(occurrence.sessionId).toBe(session.id);
      expect(question.occurrences).toBe(stored.find((q) => q.id === question.id)?.occurrences);
      const again = await call(app, ADMIN, 'POST', `${base}/missed-questions`, report);
      expect(((await again.json()) as Reported).occurrence.id).toBe(occurrence.id);
      expect((await json(`${base}/missed-questions/${question.id}`)).occurrences).toBe(question.occurrences);
      // The published 201 has no schema: the question is checked as a MissedQuestion, the occurrence as one.
      expect(validate('findMissedQuestion_1', 200, question)).toEqual([]);
      expect(validate('findMissedQuestionOccurrences_1', 200, occurrence)).toEqual([]);
    });
  });

  it('describes itself at /openapi.json, with every wire schema', async () => {
    const res = await app.request('/openapi.json');
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `/organizations/{orgId}/chat-sessions`,
        '/organizations/{orgId}/missed-questions/{id}/occurrences',
        '/orgs/{orgId}/events/{hbfEventId}/session-variables',
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['ChatSessionDto', 'PagedMissedQuestionResponse', 'Problem']),
    );
  });

  it('round-trips a session written as wire JSON', async () => {
    const [session] = sampleSessions(1, 77) as [Session];
    await ingestSessions(app, ADMIN, 'acme', [session]);
    const back = await json(
      `${base}/chat-sessions/${session.id}?includeMessages=true&includeLiveChats=true&includeSummary=true`,
    );
    expect(back).toEqual(sessionToWire({ ...session, variableSnapshots: [] }));
  });
});
