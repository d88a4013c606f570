import {
  type MissedQuestion,
  MissedQuestionCreateDto,
  type MissedQuestionDto,
  MissedQuestionEntityDto,
  type MissedQuestionOccurrence,
  MissedQuestionStatus,
  missedQuestionDetails,
  missedQuestionFromWire,
  normalizePageRequest,
  occurrenceFromWire,
  PagedMissedQuestionResponse,
} from '@observatory/core';
import { z } from 'zod';
import { reportIdempotencyKey } from '../internal/idempotency-key.js';
import { iteratePages } from '../internal/iterate-pages.js';
import { readOccurrences } from '../internal/occurrence-pages.js';
import { parseInput } from '../internal/parse-input.js';
import { parseQuery } from '../internal/parse-query.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import { mapValidated, type Transport } from '../transport/transport.js';
import { type ExportedFile, exportedFile } from './exported-file.js';
import type { ListPage, PageParams } from './list-page.js';

import {
  type InstantRange,
  type MissedQuestionDetailsResult,
  MissedQuestionExport,
  type MissedQuestionExportOptions,
  MissedQuestionQuery,
  type MissedQuestionReport,
  Range,
  rangeParams,
} from './missed-question-inputs.js';

// A report's body: the platform's create DTO and the pair it is idempotent on. Built once: zod compiles an object
// schema on its first parse, which a schema built per call would pay on every report.
const ReportBody = MissedQuestionCreateDto.extend({
  sessionId: z.string().min(1),
  messageId: z.string().min(1),
});

// The platform's PATCH takes a whole MissedQuestionDto, whose `tenantId` and `question` are required: both are read
// from the question as it stands. An answer without them (the spec allows one) stops the update, loudly, rather
// than send a stand-in back that would overwrite the question's agent or wording.
const PatchableMissedQuestion = MissedQuestionEntityDto.transform((dto, ctx) => {
  const tenantId = dto.tenantId || dto.tenant?.id;
  if (!tenantId)
    ctx.addIssue({
      code: 'custom',
      path: ['tenantId'],
      message: "the question's agent (tenantId or tenant.id), which the PATCH must send back, is missing",
    });
  if (!dto.question)
    ctx.addIssue({
      code: 'custom',
      path: ['question'],
      message: 'the wording, which the PATCH must send back, is missing',
    });
  return tenantId && dto.question ? { tenantId, question: dto.question, language: dto.language } : z.NEVER;
});

/**
 * `client.missedQuestions`: list, iterate, get, update, occurrences, details, report, export.
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * const client = createObservatoryClient({
 *   baseUrl: 'http://127.0.0.1:4319', token: process.env.OBSERVATORY_TOKEN ?? '', organizationId: 'org-1',
 * });
 * const top = await client.missedQuestions.list({
 *   agents: ['faq-bot'], sort: { by: 'occurrences', order: 'desc' }, pageSize: 10,
 * });
 * for (const question of top.items) console.log(question.occurrences, question.question);
 * await client.missedQuestions.update('q1', { status: 'RESOLVED' });
 * ```
 */
export class MissedQuestionsResource {
  readonly #transport: Transport;

  /**
   * Built by `createObservatoryClient`, which owns the transport; not constructed directly.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Fetches one page of missed questions.
   *
   * @example
   * ```ts
   * const page = await client.missedQuestions.list({ agents: ['faq-bot'], sort: { by: 'occurrences', order: 'desc' } });
   * const open = await client.missedQuestions.list({ statuses: ['UNRESOLVED'], pageSize: 20 });
   * ```
   */
  async list(query: MissedQuestionQuery = {}, options?: CallOptions): Promise<ListPage<MissedQuestion>> {
    const parsed = parseQuery(MissedQuestionQuery, query, 'query', this.#transport.now);
    const params = rangeParams(parsed.range, parsed.agents);
    if (parsed.question !== undefined) params.set('question', parsed.question);
    if (parsed.statuses?.length) params.set('status', parsed.statuses.join(','));
    if (parsed.sort) {
      params.set('sortBy', parsed.sort.by);
      params.set('order', parsed.sort.order.toUpperCase());
    }
    const paging = normalizePageRequest({ page: parsed.page, pageSize: parsed.pageSize });
    params.set('page', String(paging.page));
    params.set('pageSize', String(paging.pageSize));
    return this.#transport.json(
      { method: 'GET', path: this.#base(), searchParams: params, idempotent: true },
      PagedMissedQuestionResponse,
      options,
      // Each field of the page is optional in the spec: no items, the page asked for, an unknown total.
      (body) => ({
        items: (body.items ?? []).map((dto) => missedQuestionFromWire(dto, {})),
        page: body.page !== undefined && body.page >= 0 ? body.page : paging.page,
        pageSize: body.pageSize !== undefined && body.pageSize > 0 ? body.pageSize : paging.pageSize,
        total: body.total !== undefined && body.total >= 0 ? body.total : null,
      }),
    );
  }

  /**
   * Iterates over every matching missed question, fetching pages lazily.
   *
   * @example
   * ```ts
   * for await (const question of client.missedQuestions.iterate({ agents: ['faq-bot'] })) console.log(question.question);
   * ```
   */
  async *iterate(
    query: Omit<MissedQuestionQuery, keyof PageParams> = {},
    options: CallOptions = {},
  ): AsyncGenerator<MissedQuestion, void, undefined> {
    const { pageSize, maxPages } = this.#transport.paging;
    yield* iteratePages((page, size) => this.list({ ...query, page, pageSize: size }, options), {
      pageSize,
      maxPages,
      signal: options.signal,
    });
  }

  /**
   * Fetches one missed question.
   *
   * @example
   * ```ts
   * const question = await client.missedQuestions.get('q1');
   * ```
   */
  async get(id: string, options?: CallOptions): Promise<MissedQuestion> {
    return this.#transport.json(
      { method: 'GET', path: this.#item(id), idempotent: true },
      MissedQuestionEntityDto,
      options,
      (dto) => missedQuestionFromWire(dto, { id }),
    );
  }

  /**
   * Sets the triage status of a missed question. The platform's PATCH takes a whole `MissedQuestionDto`, so the
   * question is read first and sent back with the new status; when that answer has no agent or no wording, it
   * throws `ObservatoryValidationError` (at `$.tenantId` or `$.question`) and sends no PATCH.
   *
   * @example
   * ```ts
   * await client.missedQuestions.update('q1', { status: 'RESOLVED' });
   * ```
   */
  async update(
    id: string,
    patch: { status: MissedQuestionStatus },
    options?: CallOptions,
  ): Promise<MissedQuestion> {
    const status = parseInput(MissedQuestionStatus, patch.status, 'status');
    const current = await this.#transport.json(
      { method: 'GET', path: this.#item(id), idempotent: true },
      PatchableMissedQuestion,
      options,
      (dto) => dto,
    );
    const body: MissedQuestionDto = { tenantId: current.tenantId, question: current.question, status };
    if (current.language !== undefined) body.language = current.language;
    // Setting a status is idempotent: safe to retry.
    return this.#transport.json(
      { method: 'PATCH', path: this.#item(id), json: body, idempotent: true },
      MissedQuestionEntityDto,
      options,
      (dto) => missedQuestionFromWire(dto, { id, agentId: current.tenantId, question: current.question }),
    );
  }

  /**
   * Lists every occurrence of a missed question, optionally within a range (following the server's pages when it
   * pages them).
   *
   * @example
   * ```ts
   * const occurrences = await client.missedQuestions.occurrences('q1', { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
   * ```
   */
  async occurrences(
    id: string,
    range?: InstantRange,
    options?: CallOptions,
  ): Promise<MissedQuestionOccurrence[]> {
    const params = rangeParams(range === undefined ? undefined : parseInput(Range, range, 'range'));
    const { dtos: body, info } = await readOccurrences(
      this.#transport,
      path`/organizations/${this.#transport.organizationId}/missed-questions/${id}/occurrences`,
      params,
      options,
    );
    // Occurrences may omit their question's agent and wording: then (only then) read the question once.
    const incomplete = body.some(
      (dto) =>
        !(dto.tenantId || dto.missedQuestion?.tenant?.id) ||
        !(dto.question || dto.missedQuestion?.question || dto.normalizedQuestion),
    );
    const question = incomplete ? await this.get(id, options) : undefined;
    const context = { missedQuestionId: id, agentId: question?.agentId, question: question?.question };
    return mapValidated(body, info, (list) =>
      list.map((dto) =>
        occurrenceFromWire(dto, Object.fromEntries(Object.entries(context).filter(([, v]) => v))),
      ),
    );
  }

  /**
   * Details of a missed question over a range, as the details panel's stats bar shows them: the occurrences in
   * the range, the total since the agent was created (the question's `occurrences`), the distinct sessions among
   * the occurrences in the range, and each of those occurrences' session and message ids, newest first (to
   * highlight in the transcript). Without a range, every occurrence counts. The in-range figures are counted by
   * core's `missedQuestionDetails` from the occurrences the server lists for the range.
   *
   * @example
   * ```ts
   * const details = await client.missedQuestions.details('q1', { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' });
   * ```
   */
  async details(
    id: string,
    range?: InstantRange,
    options?: CallOptions,
  ): Promise<MissedQuestionDetailsResult> {
    const [question, occurrences] = await Promise.all([
      this.get(id, options),
      this.occurrences(id, range, options),
    ]);
    // The counting rule (dedup by (sessionId, messageId), newest first) lives once, in core.
    const counted = missedQuestionDetails(
      occurrences,
      range === undefined ? {} : { range: parseInput(Range, range, 'range') },
    );
    return {
      question,
      occurrencesInRange: counted.occurrencesInRange,
      // The server knows the total since the agent was created; the occurrences fetched are only those in range.
      totalOccurrences: Math.max(question.occurrences, counted.totalOccurrences),
      // Counted from the occurrences in the range: the question read without a range carries all-time figures.
      distinctSessions: counted.distinctSessions,
      occurrences: counted.occurrences,
    };
  }

  /**
   * Reports a missed question (POST `MissedQuestionCreateDto`). Sent with an `Idempotency-Key` derived from
   * (sessionId, messageId), so retries — and a second report of the same user message — never count twice.
   * The same message reported again with another question (or agent) is not stored: the local server answers
   * 409 and this throws `ObservatoryApiError` (`status` 409, `problem.field` `missedQuestion.question`, the kept
   * question in `problem.stored`).
   *
   * @example
   * ```ts
   * await client.missedQuestions.report({ tenantId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm3' });
   * ```
   */
  async report(report: MissedQuestionReport, options?: CallOptions): Promise<MissedQuestion> {
    const dto = parseInput(
      ReportBody,
      {
        missedQuestion: {
          tenantId: report.tenantId,
          question: report.question,
          ...(report.language === undefined ? {} : { language: report.language }),
        },
        sessionId: report.sessionId,
        messageId: report.messageId,
        ...(report.nlpPipelineId === undefined ? {} : { nlpPipelineId: report.nlpPipelineId }),
        ...(report.examinedCorpus === undefined ? {} : { examinedCorpus: report.examinedCorpus }),
      },
      'report',
    );
    const key = await reportIdempotencyKey(dto.sessionId, dto.messageId);
    return this.#transport.json(
      {
        method: 'POST',
        path: this.#base(),
        json: dto,
        headers: { 'idempotency-key': key },
        idempotent: true,
      },
      MissedQuestionEntityDto,
      options,
      (answer) => missedQuestionFromWire(answer, { agentId: report.tenantId, question: report.question }),
    );
  }

  /**
   * Exports missed questions as a streamed CSV (`;` by default, as on the platform, or `,`).
   *
   * @example
   * ```ts
   * const file = await client.missedQuestions.export({ separator: ',' });
   * ```
   */
  async export(
    exportOptions: MissedQuestionExportOptions = {},
    options?: CallOptions,
  ): Promise<ExportedFile> {
    const parsed = parseQuery(MissedQuestionExport, exportOptions, 'exportOptions', this.#transport.now);
    const params = rangeParams(parsed.range, parsed.agents);
    if (parsed.search !== undefined) params.set('search', parsed.search);
    params.set('fileType', 'csv');
    params.set('separator', parsed.separator);
    if (parsed.bom !== undefined) params.set('bom', String(parsed.bom));
    const { response, info } = await this.#transport.send(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/missed-questions/export`,
        searchParams: params,
        idempotent: true,
      },
      options,
    );
    return exportedFile(response, info);
  }

  #base(): string {
    return path`/organizations/${this.#transport.organizationId}/missed-questions`;
  }

  #item(id: string): string {
    return path`/organizations/${this.#transport.organizationId}/missed-questions/${id}`;
  }
}
