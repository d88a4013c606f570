import {
  type DateRange,
  type MissedQuestion,
  MissedQuestionCreateDto,
  MissedQuestionDto,
  MissedQuestionStatus,
  missedQuestionsToCsv,
  missedQuestionToWire,
  ObservatoryInputError,
  occurrenceToWire,
  type Page,
} from '@observatory/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError } from '../../errors.js';
import type { MissedQuestionFilter, MissedQuestionSortBy, ObservatoryStore } from '../../store/store.js';
import { requireVisible, requireWritable, scopedAgents } from '../auth.js';
import type { Scope, ServerEnv } from '../env.js';
import { Key, readJson, StorableDateTime } from '../input.js';
import { readAgents, readBom, readFileType, readPage, readRange, readSeparator } from '../params.js';
import { attachment, streamResponse } from '../stream.js';

const QUESTION = 'missed question';
const SORTS: readonly MissedQuestionSortBy[] = [
  'createdAt',
  'updatedAt',
  'occurrences',
  'filteredOccurrences',
  'question',
];
const StatusPatch = z.looseObject({ status: MissedQuestionStatus });
// The platform leaves sessionId/messageId optional; here an occurrence is always one user message, so both are
// required: that pair is what makes a repeated report idempotent. Ids are index keys, hence bounded.
const Report = MissedQuestionCreateDto.extend({
  missedQuestion: MissedQuestionDto.extend({
    id: Key.optional(),
    tenantId: Key.optional(),
    tenant: z.looseObject({ id: Key.optional() }).optional(),
  }),
  sessionId: Key,
  messageId: Key,
  occurredAt: StorableDateTime.optional(),
});

/**
 * Reads the list / export filter of the platform's missed-question paths (`tenantsFilter`, `startDate`/`endDate`,
 * `search`, `status`, `sortBy`, `order`), within the token's scope: the one reading the API and the pages share.
 *
 * @example
 * ```ts
 * readMissedQuestionFilter(new URLSearchParams('status=UNRESOLVED&sortBy=occurrences'), scope);
 * ```
 */
export function readMissedQuestionFilter(params: URLSearchParams, scope: Scope): MissedQuestionFilter {
  const sortBy = params.get('sortBy') || 'createdAt';
  if (!SORTS.includes(sortBy as MissedQuestionSortBy))
    throw new ObservatoryInputError('sortBy', SORTS.join(', '), sortBy);
  const order = (params.get('order') || 'DESC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC')
    throw new ObservatoryInputError('order', 'ASC or DESC', params.get('order'));
  const searchField = params.get('question') ? 'question' : 'search';
  const search = params.get(searchField) || undefined;
  if (search !== undefined && search.length > 500)
    throw new ObservatoryInputError(searchField, 'at most 500 characters', search);
  const statuses = params
    .getAll('status')
    .flatMap((s) => s.split(','))
    .filter((s) => s !== '')
    .map((s) => {
      const parsed = MissedQuestionStatus.safeParse(s);
      if (!parsed.success) throw new ObservatoryInputError('status', 'UNRESOLVED, RESOLVED or IGNORED', s);
      return parsed.data;
    });
  return {
    agents: scopedAgents(scope, readAgents(params)),
    range: readRange(params),
    search,
    statuses: statuses.length > 0 ? statuses : undefined,
    sort: { by: sortBy as MissedQuestionSortBy, order: order === 'ASC' ? 'asc' : 'desc' },
  };
}

/**
 * One missed question the token may see, its `filteredOccurrences` counted in `range`; else NotFoundError (also
 * for another organization's id or an agent outside the scope).
 *
 * @example
 * ```ts
 * const question = await visibleMissedQuestion(store, scope, 'mq-1', { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
 * ```
 */
export async function visibleMissedQuestion(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
  range?: DateRange,
): Promise<MissedQuestion> {
  const question = await store.getMissedQuestion(scope.organizationId, id, range);
  if (question === undefined) throw new NotFoundError(QUESTION, id);
  requireVisible(scope, question.agentId, QUESTION, id);
  return question;
}

/**
 * Sets the triage status of a missed question the token may see: what `PATCH …/missed-questions/{id}` and the
 * pages' Resolve / Ignore / Reopen buttons do.
 *
 * @example
 * ```ts
 * await updateMissedQuestionStatus(store, scope, 'mq-1', 'RESOLVED');
 * ```
 */
export async function updateMissedQuestionStatus(
  store: ObservatoryStore,
  scope: Scope,
  id: string,
  status: MissedQuestionStatus,
): Promise<MissedQuestion> {
  const question = await visibleMissedQuestion(store, scope, id);
  const updated = await store.setMissedQuestionStatus(scope.organizationId, question.id, status);
  if (updated === undefined) throw new NotFoundError(QUESTION, question.id);
  return updated;
}

/**
 * One page of the missed-question list for the platform's query parameters, within the token's scope: what
 * `GET …/missed-questions` answers and the Missed Questions page shows.
 *
 * @example
 * ```ts
 * const page = await listMissedQuestionPage(store, scope, new URLSearchParams('sortBy=filteredOccurrences'));
 * ```
 */
export function listMissedQuestionPage(
  store: ObservatoryStore,
  scope: Scope,
  params: URLSearchParams,
): Promise<Page<MissedQuestion>> {
  return store.listMissedQuestions(
    scope.organizationId,
    readMissedQuestionFilter(params, scope),
    readPage(params),
  );
}

/**
 * The platform's missed-question paths: list (paged, with `occurrences` and `filteredOccurrences`), export as
 * CSV (`;` or `,`), get, PATCH status, occurrences, and the report (POST), idempotent on (sessionId, messageId).
 *
 * @example
 * ```ts
 * app.route('/organizations/:orgId/missed-questions', missedQuestionRoutes(store));
 * ```
 */
export function missedQuestionRoutes(store: ObservatoryStore): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();

  const visible = (scope: Scope, id: string, params?: URLSearchParams) =>
    visibleMissedQuestion(store, scope, id, params && readRange(params));

  app.get('/', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const scope = c.get('scope');
    const page = await listMissedQuestionPage(store, scope, params);
    return c.json({ ...page, items: page.items.map(missedQuestionToWire) });
  });

  app.post('/', async (c) => {
    const body = Report.parse(await readJson(c));
    const scope = c.get('scope');
    const agentId = body.missedQuestion.tenantId ?? body.missedQuestion.tenant?.id;
    if (!agentId) throw new ObservatoryInputError('missedQuestion.tenantId', 'the id of the agent (tenant)');
    requireWritable(scope, agentId);
    const metadata: Record<string, unknown> = {};
    if (body.nlpPipelineId !== undefined) metadata.nlpPipelineId = body.nlpPipelineId;
    if (body.examinedCorpus !== undefined) metadata.examinedCorpus = body.examinedCorpus;
    const result = await store.reportMissedQuestion(scope.organizationId, {
      agentId,
      question: body.missedQuestion.question,
      sessionId: body.sessionId,
      messageId: body.messageId,
      status: body.missedQuestion.status,
      questionId: body.missedQuestion.id,
      language: body.missedQuestion.language,
      occurredAt: body.occurredAt,
      metadata,
    });
    // 201 for a new occurrence; a repeat (same agent and question) returns the existing one with 200 and changes no
    // count; the same pair with another question is a 409 (ConflictError, from the store). Under another agent
    // the pair is that agent's own occurrence.
    return c.json(
      { ...missedQuestionToWire(result.question), occurrence: occurrenceToWire(result.occurrence) },
      result.created ? 201 : 200,
    );
  });

  app.get('/export', async (c) => {
    const params = new URL(c.req.url).searchParams;
    readFileType(params, ['csv'], 'csv');
    const separator = readSeparator(params);
    const bom = readBom(params);
    const scope = c.get('scope');
    const questions = store.streamMissedQuestions(
      scope.organizationId,
      readMissedQuestionFilter(params, scope),
    );
    return streamResponse(missedQuestionsToCsv(questions, { separator, bom }), {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachment('missed-questions.csv'),
    });
  });

  app.get('/:id', async (c) => {
    const question = await visible(c.get('scope'), c.req.param('id'), new URL(c.req.url).searchParams);
    return c.json(missedQuestionToWire(question));
  });

  app.patch('/:id', async (c) => {
    const { status } = StatusPatch.parse(await readJson(c));
    const updated = await updateMissedQuestionStatus(store, c.get('scope'), c.req.param('id'), status);
    return c.json(missedQuestionToWire(updated));
  });

  // The spec types this as one occurrence; a paged list is what a list must be (see README).
  app.get('/:id/occurrences', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const scope = c.get('scope');
    const question = await visible(scope, c.req.param('id'));
    const { page, pageSize } = readPage(params);
    const range = readRange(params);
    const start = page * pageSize;
    const items = [];
    let total = 0;
    for await (const occurrence of store.streamOccurrences(scope.organizationId, {
      questionId: question.id,
      range,
    })) {
      if (total >= start && items.length < pageSize) items.push(occurrenceToWire(occurrence));
      total += 1;
    }
    return c.json({ items, page, pageSize, total });
  });

  return app;
}
