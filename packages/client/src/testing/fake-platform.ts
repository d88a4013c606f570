import {
  compareSessions,
  compileSessionQuery,
  MissedQuestionCreateDto,
  MissedQuestionDto,
  type MissedQuestionOccurrence,
  missedQuestionFromWire,
  missedQuestionToWire,
  occurrenceToWire,
  type Session,
  sessionQueryFromParams,
  sessionsToCsv,
  sessionToWire,
} from '@observatory/core';
import { HttpResponse, http } from 'msw';
import type { ContractFixture } from './contract-fixture.js';
import type { SpecViolation } from './spec-validator.js';

/**
 * msw handlers acting as the platform over a {@link ContractFixture}: enough of hbf-core and hbf-data-manager for
 * the contract suite. Every request is checked with `validate`; violations are pushed to `violations`.
 */
export function fakePlatform(
  fixture: ContractFixture,
  options: {
    baseUrl: string;
    dataManagerUrl: string;
    token: string;
    validate: (request: Request, service: 'core' | 'dataManager') => Promise<SpecViolation | undefined>;
    violations: SpecViolation[];
  },
) {
  const org = `${options.baseUrl}/organizations/${fixture.organizationId}`;
  const sessions = new Map(fixture.sessions.map((session) => [session.id, structuredClone(session)]));
  const questions = new Map(
    fixture.missedQuestions.map((question) => [question.id as string, { ...question }]),
  );
  const occurrences: MissedQuestionOccurrence[] = fixture.occurrences.map((occurrence) => ({
    ...occurrence,
  }));

  const guard = async (request: Request, service: 'core' | 'dataManager' = 'core') => {
    const violation = await options.validate(request, service);
    if (violation) options.violations.push(violation);
    if (request.headers.get('authorization') !== `Bearer ${options.token}`) {
      return HttpResponse.json({ status: 'error', error: 'Unauthorized' }, { status: 401 });
    }
    return undefined;
  };
  const inRange = (at: string, params: URLSearchParams) => {
    const from = params.get('startDate');
    const to = params.get('endDate');
    return (
      (from === null || at >= new Date(from).toISOString()) &&
      (to === null || at < new Date(to).toISOString())
    );
  };

  return [
    http.get(`${org}/chat-sessions/export`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const search = new URL(request.url).searchParams;
      const { query } = sessionQueryFromParams(search);
      const rows = [...sessions.values()].filter(compileSessionQuery(query));
      return csvExport(rows, search);
    }),
    http.get(`${org}/chat-sessions/export/:id`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const session = sessions.get(String(params.id));
      if (!session) return HttpResponse.json({ status: 404, title: 'Not Found' }, { status: 404 });
      return csvExport([session], new URL(request.url).searchParams);
    }),
    http.get(`${org}/chat-sessions`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const search = new URL(request.url).searchParams;
      const { query, page } = sessionQueryFromParams(search);
      const matching = [...sessions.values()]
        .filter(compileSessionQuery(query))
        .sort(compareSessions(query.sort ?? {}));
      const start = page.page * page.pageSize;
      const items = matching.slice(start, start + page.pageSize).map((s) =>
        sessionToWire(s, {
          includeMessages: search.get('includeMessages') === 'true',
          includeLiveChats: search.get('includeLiveChats') === 'true',
        }),
      );
      return HttpResponse.json({ items, page: page.page, pageSize: page.pageSize, total: matching.length });
    }),
    http.get(`${org}/chat-sessions/:id`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const session = sessions.get(String(params.id));
      if (!session) return HttpResponse.json({ status: 404, title: 'Not Found' }, { status: 404 });
      const search = new URL(request.url).searchParams;
      return HttpResponse.json(
        sessionToWire(session, { includeMessages: search.get('includeMessages') === 'true' }),
      );
    }),
    http.patch(`${org}/chat-sessions/:id/tags`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const session = sessions.get(String(params.id));
      if (!session) return HttpResponse.json({ status: 404 }, { status: 404 });
      session.tags = (await request.json()) as string[];
      return new HttpResponse(null, { status: 200 });
    }),
    http.get(`${org}/missed-questions/export`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const separator = new URL(request.url).searchParams.get('separator') ?? ';';
      const lines = [...questions.values()].map((q) => [q.question, q.occurrences].join(separator));
      return new HttpResponse(`question${separator}occurrences\n${lines.join('\n')}\n`, {
        headers: { 'content-type': 'text/csv' },
      });
    }),
    http.get(`${org}/missed-questions/:id/occurrences`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const search = new URL(request.url).searchParams;
      const list = occurrences.filter(
        (o) => o.missedQuestionId === params.id && inRange(o.occurredAt, search),
      );
      return HttpResponse.json(list.map(occurrenceToWire));
    }),
    http.get(`${org}/missed-questions/:id`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const question = questions.get(String(params.id));
      if (!question) return HttpResponse.json({ status: 404 }, { status: 404 });
      return HttpResponse.json(missedQuestionToWire(question));
    }),
    http.patch(`${org}/missed-questions/:id`, async ({ request, params }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const question = questions.get(String(params.id));
      if (!question) return HttpResponse.json({ status: 404 }, { status: 404 });
      const body = MissedQuestionDto.parse(await request.json());
      if (body.status) question.status = body.status;
      return HttpResponse.json(missedQuestionToWire(question));
    }),
    http.get(`${org}/missed-questions`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const search = new URL(request.url).searchParams;
      const page = Number(search.get('page') ?? 0);
      const pageSize = Number(search.get('pageSize') ?? 20);
      const all = [...questions.values()];
      const items = all.slice(page * pageSize, (page + 1) * pageSize).map(missedQuestionToWire);
      return HttpResponse.json({ items, page, pageSize, total: all.length });
    }),
    http.post(`${org}/missed-questions`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const body = MissedQuestionCreateDto.parse(await request.json());
      const tenantId = body.missedQuestion.tenantId ?? '';
      let question = [...questions.values()].find(
        (q) => q.agentId === tenantId && q.question === body.missedQuestion.question,
      );
      if (!question) {
        question = missedQuestionFromWire({
          ...body.missedQuestion,
          id: `q${questions.size + 1}`,
          occurrences: 0,
        });
        questions.set(question.id, question);
      }
      // Idempotent on (sessionId, messageId), as the platform is.
      const known = occurrences.some((o) => o.sessionId === body.sessionId && o.messageId === body.messageId);
      if (!known && body.sessionId && body.messageId) {
        occurrences.push({
          missedQuestionId: question.id,
          agentId: tenantId,
          question: question.question,
          sessionId: body.sessionId,
          messageId: body.messageId,
          occurredAt: new Date().toISOString(),
        });
        question.occurrences += 1;
      }
      return HttpResponse.json(missedQuestionToWire(question), { status: 201 });
    }),
    http.get(`${org}/analytics/missed-questions`, async ({ request }) => {
      const denied = await guard(request);
      if (denied) return denied;
      const search = new URL(request.url).searchParams;
      const inWindow = occurrences.filter((o) => inRange(o.occurredAt, search));
      const userMessages = [...sessions.values()]
        .filter((s) => inRange(s.createdAt, search))
        .flatMap((s) => s.messages.filter((m) => m.role === 'user'));
      const total = Math.max(userMessages.length, inWindow.length);
      return HttpResponse.json({
        totalQuestions: total,
        totalMissedQuestions: inWindow.length,
        missedQuestionsPercentage: total === 0 ? 0 : (inWindow.length / total) * 100,
        histogram: inWindow.map((o) => ({ string_date: o.occurredAt.slice(0, 10), count: 1 })),
        missedQuestions: [...questions.values()].map((q) => ({ name: q.question, count: q.occurrences })),
      });
    }),
    http.get(
      `${options.dataManagerUrl}/orgs/:org/events/:event/interactions`,
      async ({ request, params }) => {
        const denied = await guard(request, 'dataManager');
        if (denied) return denied;
        const event = String(params.event);
        const items = [
          {
            id: `${event}-i1`,
            hbfEventId: event,
            sessionId: event.split('-')[0],
            timestamp: '2026-11-01T10:00:00.500Z',
            type: 'LLM_REQUEST',
            payload: {},
          },
        ];
        return HttpResponse.json({ items });
      },
    ),
    http.get(
      `${options.dataManagerUrl}/orgs/:org/events/:event/session-variables`,
      async ({ request, params }) => {
        const denied = await guard(request, 'dataManager');
        if (denied) return denied;
        const event = String(params.event);
        return HttpResponse.json({
          hbfEventId: event,
          sessionId: event.split('-')[0],
          variablesCount: 1,
          variables: [{ key: 'missedQuestionsCount', value: 1, updatedAt: '2026-11-01T10:00:00.600Z' }],
        });
      },
    ),
  ];
}

/**
 * A streamed CSV export of `rows` in core's columns, with the request's `separator` and the `timeZone` extension
 * (of `createdAtLocal`), as the local server writes it.
 */
function csvExport(
  rows: readonly Session[],
  search: URLSearchParams,
): HttpResponse<ReadableStream<Uint8Array>> {
  const separator = search.get('separator') === ',' ? ',' : ';';
  const chunks = sessionsToCsv(rows, { separator, timeZone: search.get('timeZone') ?? 'UTC' })[
    Symbol.asyncIterator
  ]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new HttpResponse(body, {
    headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="sessions.csv"' },
  });
}
