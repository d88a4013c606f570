import {
  assertTimeZone,
  ChatSessionDto,
  ChatSessionListResponse,
  ChatSessionRequestDto,
  ChatSessionTranscriptDto,
  LatestVariablesResponseDto,
  ListInteractionMetadataResponseDto,
  type Message,
  markOmittedSessionParts,
  SESSION_EXPORT_PARTS,
  type Session,
  SessionQuery,
  type SessionQueryInput,
  sessionFromWire,
  sessionQueryToParams,
  type TraceStep,
  traceStepFromWire,
  type VariableSnapshot,
  variableSnapshotFromWire,
} from '@observatory/core';
import { z } from 'zod';
import { ObservatoryError } from '../errors/errors.js';
import { forEachLimited } from '../internal/for-each-limited.js';
import { iteratePages } from '../internal/iterate-pages.js';
import { assertKnownKeys } from '../internal/known-keys.js';
import { parseInput } from '../internal/parse-input.js';
import { parseQuery } from '../internal/parse-query.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import { mapValidated, type Transport } from '../transport/transport.js';
import { type ExportedFile, exportedFile } from './exported-file.js';
import type { ListPage } from './list-page.js';
import { agentQuery, type SessionCallOptions } from './session-agent.js';
import {
  type ContactSessionsQuery,
  type GetSessionOptions,
  SessionExportFormat,
  type SessionExportOptions,
  type SessionListInclude,
  type SessionListPart,
  type SessionListQuery,
  type SessionPart,
} from './session-inputs.js';
import type { ZonedRangeQuery } from './zoned-range.js';

const ContactFilters = SessionQuery.pick({ agents: true, sort: true });
// listBySubscriberHandle_1 publishes no `include…` parameter: the sessions come whole but for their summary.
const CONTACT_LIST_PARTS: ReadonlySet<SessionListPart> = new Set(['messages', 'liveChats']);

// Keys of a list query read before its filters are parsed.
const LIST_KEYS = ['page', 'pageSize', 'include'];

const DEFAULT_PARTS: readonly SessionPart[] = ['messages', 'liveChats', 'summary'];

// Fetching the log of many messages at once, but not all at once: bounded fan-out.
const DATA_MANAGER_CONCURRENCY = 4;

/**
 * `client.sessions`: list, iterate, listByContact, get, messages, transcript, update, setTags, tagMessage, export.
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * const client = createObservatoryClient({
 *   baseUrl: 'http://127.0.0.1:4319', token: process.env.OBSERVATORY_TOKEN ?? '', organizationId: 'org-1',
 * });
 * for await (const session of client.sessions.iterate({ containsFallback: true })) {
 *   await client.sessions.setTags(session.id, [...session.tags, 'needs-review']);
 * }
 * ```
 */
export class SessionsResource {
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
   * Fetches one page of sessions matching `query`.
   *
   * @example
   * ```ts
   * const page = await client.sessions.list({ agents: ['faq-bot'], containsLiveChat: true, pageSize: 50 });
   * console.log(page.total, page.items.map((session) => session.id));
   * ```
   */
  async list(query: SessionListQuery = {}, options?: CallOptions): Promise<ListPage<Session>> {
    const { page, pageSize, include, ...rest } = query;
    const parsed = parseQuery(SessionQuery, rest, 'query', this.#transport.now, LIST_KEYS);
    const params = sessionQueryToParams(parsed, { page, pageSize });
    const parts = new Set<SessionListPart>(include ?? []);
    if (parts.has('messages')) params.set('includeMessages', 'true');
    if (parts.has('liveChats')) params.set('includeLiveChats', 'true');
    if (parts.has('summary')) params.set('includeSummary', 'true');
    return this.#page(this.#base(), params, parts, options);
  }

  /**
   * Fetches one page of the sessions of one contact (`listBySubscriberHandle_1`,
   * `GET /organizations/{orgId}/chat-sessions/subscribers/handle/{handle}`), newest first unless `sort` says
   * otherwise; `agents` is sent as `tenantIds`. The spec declares no answer schema: a page
   * `{ items, page, pageSize, total }` (the local server's), a bare array or one session are all read. The
   * operation has no `include…` parameter: each session is read with its messages and live chats, as the local
   * server sends it, and marked as listed without its summary. A token scoped to some agents sees the sessions of
   * theirs only.
   *
   * @example
   * ```ts
   * const page = await client.sessions.listByContact('user-1', { agents: ['faq-bot'], pageSize: 50 });
   * console.log(page.items.map((session) => session.createdAt));
   * ```
   */
  async listByContact(
    contactId: string,
    query: ContactSessionsQuery = {},
    options?: CallOptions,
  ): Promise<ListPage<Session>> {
    const { page, pageSize, ...rest } = query;
    assertKnownKeys(ContactFilters, rest, 'query', LIST_KEYS);
    const filters = parseInput(ContactFilters, rest, 'query');
    const params = sessionQueryToParams(filters, { page, pageSize });
    // The published parameter is `tenantIds`, an array (sent repeated), where the organization's list says
    // `tenantsFilter`.
    params.delete('tenantsFilter');
    for (const agent of filters.agents ?? []) params.append('tenantIds', agent);
    return this.#page(
      path`/organizations/${this.#transport.organizationId}/chat-sessions/subscribers/handle/${contactId}`,
      params,
      CONTACT_LIST_PARTS,
      options,
    );
  }

  /** One page of a session list at `listPath`, each session marked with the parts it was listed without. */
  async #page(
    listPath: string,
    params: URLSearchParams,
    parts: ReadonlySet<SessionListPart>,
    options: CallOptions | undefined,
  ): Promise<ListPage<Session>> {
    // Each listed session carries which parts it was listed without, so an export refuses it loudly instead of
    // writing rows from the empty defaults (messageCount 0, no transcript, containsLiveChat false).
    const omitted = SESSION_EXPORT_PARTS.filter((part) => !parts.has(part));
    const toSession = (dto: ChatSessionDto, id: string) =>
      markOmittedSessionParts(sessionFromWire(dto, {}, { id }), omitted);
    return this.#transport.json(
      { method: 'GET', path: listPath, searchParams: params, idempotent: true },
      ChatSessionListResponse,
      options,
      (body) => {
        const requested = { page: Number(params.get('page')), pageSize: Number(params.get('pageSize')) };
        // A listed session without an id is named by its position in the answer (see sessionFromWire).
        const items = body.items.map((dto, index) =>
          toSession(dto, `unknown-${requested.page * requested.pageSize + index}`),
        );
        if (body.paged === undefined) return { items, ...requested, total: null };
        return { items, page: body.paged.page, pageSize: body.paged.pageSize, total: body.paged.total };
      },
    );
  }

  /**
   * Iterates over every session matching `query`, fetching pages lazily; stops at the last page.
   *
   * @example
   * ```ts
   * for await (const session of client.sessions.iterate({ tags: ['billing'], include: ['messages'] })) {
   *   console.log(session.id, session.messages.length);
   * }
   * ```
   */
  async *iterate(
    query: SessionQueryInput & SessionListInclude & ZonedRangeQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<Session, void, undefined> {
    const { pageSize, maxPages } = this.#transport.paging;
    yield* iteratePages((page, size) => this.list({ ...query, page, pageSize: size }, options), {
      pageSize,
      maxPages,
      signal: options.signal,
    });
  }

  /**
   * Fetches one session with the parts asked for.
   *
   * @example
   * ```ts
   * const session = await client.sessions.get('s1', { include: ['messages', 'summary'] });
   * ```
   */
  async get(id: string, getOptions: GetSessionOptions = {}, options?: SessionCallOptions): Promise<Session> {
    const parts = new Set(getOptions.include ?? DEFAULT_PARTS);
    const needsMessages = parts.has('interactions') || parts.has('variableSnapshots');
    if (needsMessages && !this.#transport.hasDataManager) {
      throw new ObservatoryError(
        'sessions.get: interactions and variableSnapshots need the dataManagerUrl option',
      );
    }
    const params = new URLSearchParams({
      includeMessages: String(parts.has('messages') || needsMessages),
      includeLiveChats: String(parts.has('liveChats')),
      includeSummary: String(parts.has('summary')),
    });
    const { body: dto, info } = await this.#transport.validated(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${id}`,
        ...agentQuery(options, params),
        idempotent: true,
      },
      ChatSessionDto,
      options,
    );
    const omitted = SESSION_EXPORT_PARTS.filter((part) => !parts.has(part));
    const base = mapValidated(dto, info, (body) =>
      markOmittedSessionParts(sessionFromWire(body, {}, { id }), omitted),
    );
    if (!needsMessages) return base;
    // Each user message is one workflow run (hbfEventId): its log and variables live in hbf-data-manager.
    const userMessages = base.messages.filter((message) => message.role === 'user');
    const interactions: TraceStep[] = [];
    const variableSnapshots: VariableSnapshot[] = [];
    await forEachLimited(userMessages, DATA_MANAGER_CONCURRENCY, async (message) => {
      if (parts.has('interactions'))
        interactions.push(...(await this.#interactions(base.id, message.id, options)));
      if (parts.has('variableSnapshots')) {
        variableSnapshots.push(await this.#variables(message.id, message.createdAt, options));
      }
    });
    interactions.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
    const order = new Map(userMessages.map((message, index) => [message.id, index]));
    variableSnapshots.sort(
      (a, b) => (order.get(a.messageId ?? '') ?? 0) - (order.get(b.messageId ?? '') ?? 0),
    );
    // The spread keeps the mark of the parts left out (an enumerable symbol key).
    return { ...base, interactions, variableSnapshots, messages: parts.has('messages') ? base.messages : [] };
  }

  /**
   * Reads the messages of a session (`getMessages_1`, `GET /organizations/{orgId}/chat-sessions/{id}/messages`),
   * in the order the answer lists them. The platform answers the session carrying its messages; only the
   * messages are kept. A session the token may not see answers 404, as an absent one does.
   *
   * @example
   * ```ts
   * const messages = await client.sessions.messages('s1');
   * console.log(messages.filter((message) => message.role === 'user').length);
   * ```
   */
  async messages(id: string, options?: SessionCallOptions): Promise<Message[]> {
    return this.#transport.json(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${id}/messages`,
        ...agentQuery(options),
        idempotent: true,
      },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto, {}, { id }).messages,
    );
  }

  /**
   * Updates a session (`update_24`, `PATCH /organizations/{orgId}/chat-sessions/{id}`) with a wire
   * `ChatSessionDto`: the fields sent replace the stored ones, those left out keep their value, messages are
   * added by id. The spec requires `tenantId` and `subscriberHandle` in the body. The same operation as
   * `client.chatSessions.update`, under the organization's path.
   *
   * @example
   * ```ts
   * const updated = await client.sessions.update('s1', {
   *   tenantId: 'faq-bot', subscriberHandle: 'user-1', status: 'COMPLETED', tags: ['billing'],
   * });
   * ```
   */
  async update(id: string, changes: ChatSessionRequestDto, options?: SessionCallOptions): Promise<Session> {
    const json = parseInput(ChatSessionRequestDto, changes, 'changes');
    return this.#transport.json(
      {
        method: 'PATCH',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${id}`,
        json,
        ...agentQuery(options),
        idempotent: true,
      },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto, {}, { id }),
    );
  }

  /**
   * Reads the transcript of the session whose variable `requestId` holds `requestId`
   * (`getTranscriptByRequestIdVariable_1`, `GET /organizations/{orgId}/chat-sessions/transcript/{requestId}`):
   * its id, creation time and each message with its sender's name. The local server reads the session's final
   * variables (else its latest snapshot) and answers the newest such session the token may see; none is a 404.
   *
   * @example
   * ```ts
   * const transcript = await client.sessions.transcript('req-42');
   * for (const line of transcript.messages) console.log(`${line.name}: ${line.message ?? ''}`);
   * ```
   */
  async transcript(requestId: string, options?: CallOptions): Promise<ChatSessionTranscriptDto> {
    return this.#transport.json(
      {
        method: 'GET',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/transcript/${requestId}`,
        idempotent: true,
      },
      ChatSessionTranscriptDto,
      options,
    );
  }

  /**
   * Adds tags to one message (`addMessageTags`, `POST /analytics/messages/{id}/tags`), after its own and without
   * duplicates; the message is named by its id alone (for a user message, the platform's hbfEventId). A message
   * the token may not see answers 404, as an absent one does. Adding tags twice changes nothing, so it is retried.
   *
   * @example
   * ```ts
   * await client.sessions.tagMessage('m1', ['wrong-answer']);
   * ```
   */
  async tagMessage(messageId: string, tags: readonly string[], options?: CallOptions): Promise<void> {
    const unique = [...new Set(parseInput(z.array(z.string().min(1)), tags, 'tags'))];
    const { response } = await this.#transport.send(
      { method: 'POST', path: path`/analytics/messages/${messageId}/tags`, json: unique, idempotent: true },
      options,
    );
    response.body?.cancel().catch(() => undefined);
  }

  /**
   * Replaces the tags of a session.
   *
   * @example
   * ```ts
   * await client.sessions.setTags('s1', ['billing', 'escalated']);
   * ```
   */
  async setTags(id: string, tags: readonly string[], options?: SessionCallOptions): Promise<void> {
    const unique = [...new Set(parseInput(z.array(z.string().min(1)), tags, 'tags'))];
    // Setting a set of tags is idempotent, so it is safe to retry.
    const { response } = await this.#transport.send(
      {
        method: 'PATCH',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${id}/tags`,
        json: unique,
        ...agentQuery(options),
        idempotent: true,
      },
      options,
    );
    response.body?.cancel().catch(() => undefined);
  }

  /**
   * Exports every session matching `query` (or one session) as a streamed txt, csv or xlsx file. Local times in
   * the file are in `exportOptions.timeZone` where the server honours it (the local server does), else UTC.
   *
   * @throws `InvalidTimeZoneError` (field `exportOptions.timeZone`) for an unknown zone, before any request.
   * @example
   * ```ts
   * const file = await client.sessions.export(
   *   { agents: ['faq-bot'] },
   *   { fileType: 'csv', separator: ',', timeZone: 'Europe/Athens' },
   * );
   * for await (const chunk of file.body) process.stdout.write(chunk);
   * ```
   */
  async export(
    query: SessionQueryInput & ZonedRangeQuery = {},
    exportOptions: SessionExportOptions = {},
    options?: SessionCallOptions,
  ): Promise<ExportedFile> {
    const org = this.#transport.organizationId;
    assertKnownKeys(SessionExportFormat, exportOptions, 'exportOptions');
    const format = parseInput(SessionExportFormat, exportOptions, 'exportOptions');
    if (format.timeZone !== undefined) assertTimeZone(format.timeZone, 'exportOptions.timeZone');
    const single = format.sessionId;
    const params =
      single === undefined
        ? sessionQueryToParams(parseQuery(SessionQuery, query, 'query', this.#transport.now))
        : new URLSearchParams();
    // The platform's list sort is not an export parameter.
    params.delete('sortBy');
    params.delete('order');
    params.set('fileType', format.fileType);
    params.set('separator', format.separator);
    // A local-server extension (local-time columns); see SessionExportOptions.timeZone.
    if (format.timeZone !== undefined) params.set('timeZone', format.timeZone);
    // A local-server extension too; see SessionExportOptions.bom.
    if (format.bom !== undefined) params.set('bom', String(format.bom));
    const { response, info } = await this.#transport.send(
      {
        method: 'GET',
        path:
          single === undefined
            ? path`/organizations/${org}/chat-sessions/export`
            : path`/organizations/${org}/chat-sessions/export/${single}`,
        // `agentId` chooses among the agents holding the one session's id; a query export names agents itself.
        ...(single === undefined ? { searchParams: params } : agentQuery(options, params)),
        idempotent: true,
      },
      options,
    );
    return exportedFile(response, info);
  }

  #base(): string {
    return path`/organizations/${this.#transport.organizationId}/chat-sessions`;
  }

  // An event id names a message of one session on the platform; a local server keys messages per session, so the
  // steps of another session with a message of the same id are left out by their `sessionId`.
  async #interactions(sessionId: string, messageId: string, options?: CallOptions): Promise<TraceStep[]> {
    return this.#transport.json(
      {
        method: 'GET',
        service: 'dataManager',
        path: path`/orgs/${this.#transport.organizationId}/events/${messageId}/interactions`,
        searchParams: new URLSearchParams({ sort: 'ASC' }),
        idempotent: true,
      },
      ListInteractionMetadataResponseDto,
      options,
      (body) =>
        body.items
          .filter((dto) => dto.sessionId === '' || dto.sessionId === sessionId)
          .map((dto, position) => traceStepFromWire(dto, { messageId, position })),
    );
  }

  async #variables(
    messageId: string,
    fallbackTakenAt: string,
    options?: CallOptions,
  ): Promise<VariableSnapshot> {
    return this.#transport.json(
      {
        method: 'GET',
        service: 'dataManager',
        path: path`/orgs/${this.#transport.organizationId}/events/${messageId}/session-variables`,
        idempotent: true,
      },
      LatestVariablesResponseDto,
      options,
      (body) => variableSnapshotFromWire(body, fallbackTakenAt),
    );
  }
}
