import {
  assertTimeZone,
  ChatSessionDto,
  ChatSessionListResponse,
  ChatSessionRequestDto,
  Message,
  markOmittedSessionParts,
  messageToWire,
  Session,
  type SessionInput,
  SessionQuery,
  type SessionStatus,
  sessionFromWire,
  sessionQueryToParams,
  sessionToWire,
} from '@observatory/core';
import { z } from 'zod';
import { assertKnownKeys } from '../internal/known-keys.js';
import { parseInput } from '../internal/parse-input.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';
import { type ExportedFile, exportedFile } from './exported-file.js';
import type { ListPage, PageParams } from './list-page.js';
import { agentQuery, type SessionCallOptions } from './session-agent.js';
import { SessionExportFormat, type SessionExportOptions } from './session-inputs.js';

/**
 * A message as `addMessage` / `addMessages` take it: a core `Message` (`kind` and `text` have defaults).
 *
 * @example
 * ```ts
 * const message: ChatMessageInput = { id: 'm2', role: 'agent', text: 'Hello!', createdAt: new Date().toISOString() };
 * ```
 */
export type ChatMessageInput = z.input<typeof Message>;

/**
 * A session as `chatSessions.create` takes it: a core session whose `id` may be left out (then the server makes
 * one up and the answer carries it).
 *
 * @example
 * ```ts
 * const input: NewChatSessionInput = { agentId: 'faq-bot', contact: { id: 'user-1' }, createdAt: new Date().toISOString() };
 * ```
 */
export type NewChatSessionInput = Omit<SessionInput, 'id'> & { readonly id?: string };

/**
 * Options of `chatSessions.get`: which parts the answer carries (the published `include…` parameters).
 *
 * @example
 * ```ts
 * await client.chatSessions.get('s1', { include: ['messages'] });
 * ```
 */
export interface GetChatSessionOptions {
  /** @default ['messages', 'liveChats'] */
  readonly include?: readonly ('messages' | 'liveChats')[];
}

/**
 * What `chatSessions.list` filters on (the published `list_33` parameters) and which parts each session carries.
 *
 * @example
 * ```ts
 * const query: ChatSessionListQuery = { agentId: 'faq-bot', status: 'ACTIVE', lastActivityBefore: '2026-11-25T00:00:00Z' };
 * ```
 */
export interface ChatSessionListQuery extends PageParams {
  /** The agent (tenant) the sessions belong to, sent as `tenantId`. */
  readonly agentId?: string;
  readonly status?: SessionStatus;
  /** Sessions last active (their latest message, else their creation) before this instant, sent as `lastInteractionLessThan`. */
  readonly lastActivityBefore?: string;
  /** @default [] (as the spec's `include…` defaults) */
  readonly include?: readonly ('messages' | 'liveChats')[];
}

/**
 * How `chatSessions.export` writes the file: `fileType`, `separator` (csv), and the local-server extensions
 * `timeZone` and `bom` (see `SessionExportOptions`).
 *
 * @example
 * ```ts
 * const options: ChatSessionExportOptions = { fileType: 'csv', separator: ',', timeZone: 'Europe/Athens' };
 * ```
 */
export type ChatSessionExportOptions = Omit<SessionExportOptions, 'sessionId'>;
const ExportFormat = SessionExportFormat.omit({ sessionId: true });

const ListFilters = SessionQuery.pick({ status: true, lastActivityBefore: true });

const NewSession = Session.extend({ id: z.string().min(1).optional() });
const MessageList = z.array(Message).min(1);
const IdList = z.array(z.string().min(1));
const Variables = z.record(z.string().min(1), z.unknown());

/** The wire body of a session: what the spec marks read-only is left to the server. */
function requestDto(session: Session, keepId: boolean): ChatSessionRequestDto {
  const { containsUserInteraction, userInteractionCount, id, ...dto } = sessionToWire(session);
  return { ...dto, ...(keepId ? { id } : {}), tenantId: session.agentId };
}

/**
 * `client.chatSessions`: the platform's published chat-session operations of hbf-core (`/chat-sessions`, the
 * organization being the token's), the way a runtime records its sessions and an integrator completes and deletes
 * them. Served by the platform and by a local Observatory alike.
 *
 * @example
 * ```ts
 * const session = await client.chatSessions.create({ agentId: 'faq-bot', contact: { id: 'user-1' }, createdAt: new Date().toISOString() });
 * await client.chatSessions.addMessage(session.id, { id: 'm1', role: 'user', text: 'Hi', createdAt: new Date().toISOString() });
 * await client.chatSessions.complete([session.id]);
 * ```
 */
export class ChatSessionsResource {
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
   * Lists sessions (`list_33`, `GET /chat-sessions`), newest first. A token scoped to some agents sees theirs only.
   * Each session carries the parts in `include`, and is marked as listed without the others (core's
   * `omittedSessionParts`). The spec types the answer as one session; a page `{ items, page, pageSize, total }`
   * (the local server's), a bare array or a single session are all read.
   *
   * @example
   * ```ts
   * const open = await client.chatSessions.list({ agentId: 'faq-bot', status: 'ACTIVE', pageSize: 50 });
   * await client.chatSessions.complete(open.items.map((session) => session.id));
   * ```
   */
  async list(query: ChatSessionListQuery = {}, options?: CallOptions): Promise<ListPage<Session>> {
    const { agentId, include, page, pageSize, ...filters } = query;
    assertKnownKeys(ListFilters, filters, 'query', ['agentId', 'include', 'page', 'pageSize']);
    const params = sessionQueryToParams(parseInput(ListFilters, filters, 'query'), { page, pageSize });
    if (agentId !== undefined)
      params.set('tenantId', parseInput(z.string().min(1), agentId, 'query.agentId'));
    const parts = new Set(include ?? []);
    if (parts.has('messages')) params.set('includeMessages', 'true');
    if (parts.has('liveChats')) params.set('includeLiveChats', 'true');
    const omitted = (['messages', 'liveChats'] as const).filter((part) => !parts.has(part));
    return this.#transport.json(
      { method: 'GET', path: '/chat-sessions', searchParams: params, idempotent: true },
      ChatSessionListResponse,
      options,
      (body) => {
        const requested = { page: Number(params.get('page')), pageSize: Number(params.get('pageSize')) };
        // A listed session without an id is named by its position in the answer (see sessionFromWire).
        const items = body.items.map((dto, index) =>
          markOmittedSessionParts(
            sessionFromWire(dto, {}, { id: `unknown-${requested.page * requested.pageSize + index}` }),
            omitted,
          ),
        );
        if (body.paged === undefined) return { items, ...requested, total: null };
        return { items, page: body.paged.page, pageSize: body.paged.pageSize, total: body.paged.total };
      },
    );
  }

  /**
   * Creates a session (`create_31`, `POST /chat-sessions`) and returns it as stored. Without an `id` the server
   * makes one up. An id its agent already holds answers 409 (`ObservatoryApiError`). Not retried: a retry after a lost
   * answer would find its own session and fail; give an id and use {@link ChatSessionsResource.upsert} to retry.
   *
   * @example
   * ```ts
   * const session = await client.chatSessions.create({
   *   agentId: 'faq-bot', contact: { id: 'user-1' }, createdAt: new Date().toISOString(),
   *   messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: new Date().toISOString() }],
   * });
   * console.log(session.id);
   * ```
   */
  async create(session: NewChatSessionInput, options?: CallOptions): Promise<Session> {
    const parsed = parseInput(NewSession, session, 'session');
    const json = requestDto({ ...parsed, id: parsed.id ?? '' }, parsed.id !== undefined);
    return this.#transport.json(
      { method: 'POST', path: '/chat-sessions', json, idempotent: false },
      ChatSessionDto,
      options,
      // An answer without id: the id given, else `unknown` (core's fallbacks, docs/http-api.md).
      (dto) => sessionFromWire(dto, {}, { id: parsed.id ?? '' }),
    );
  }

  /**
   * Reads a session (`get_30`, `GET /chat-sessions/{id}`). A session the token may not see answers 404, as an
   * absent one does. A part not included is marked as omitted (core's `omittedSessionParts`).
   *
   * @example
   * ```ts
   * const session = await client.chatSessions.get('s1', { include: ['messages'] });
   * ```
   */
  async get(
    id: string,
    getOptions: GetChatSessionOptions = {},
    options?: SessionCallOptions,
  ): Promise<Session> {
    const parts = new Set(getOptions.include ?? ['messages', 'liveChats']);
    const searchParams = new URLSearchParams({
      includeMessages: String(parts.has('messages')),
      includeLiveChats: String(parts.has('liveChats')),
    });
    // A part left out is marked so, and core's exports refuse the session instead of writing it empty.
    const omitted = (['messages', 'liveChats'] as const).filter((part) => !parts.has(part));
    return this.#transport.json(
      {
        method: 'GET',
        path: path`/chat-sessions/${id}`,
        ...agentQuery(options, searchParams),
        idempotent: true,
      },
      ChatSessionDto,
      options,
      (dto) => markOmittedSessionParts(sessionFromWire(dto, {}, { id }), omitted),
    );
  }

  /**
   * Adds one message to a session (`addMessage`, `POST /chat-sessions/{id}/messages`). A message whose id is
   * stored already is skipped, so a retry adds nothing twice.
   *
   * @example
   * ```ts
   * await client.chatSessions.addMessage('s1', { id: 'm2', role: 'agent', text: 'Hello!', createdAt: new Date().toISOString() });
   * ```
   */
  async addMessage(
    sessionId: string,
    message: ChatMessageInput,
    options?: SessionCallOptions,
  ): Promise<void> {
    const parsed = parseInput(Message, message, 'message');
    await this.#send(
      {
        method: 'POST',
        path: path`/chat-sessions/${sessionId}/messages`,
        json: messageToWire(parsed),
        ...agentQuery(options),
      },
      options,
    );
  }

  /**
   * Adds messages to a session, in order (`addMessages`, `POST /chat-sessions/{id}/messages/batch`); each one
   * whose id is stored already is skipped.
   *
   * @example
   * ```ts
   * await client.chatSessions.addMessages('s1', [
   *   { id: 'm3', role: 'user', text: 'Thanks', createdAt: '2026-11-25T10:00:09.000Z' },
   *   { id: 'm4', role: 'agent', text: 'Anytime!', createdAt: '2026-11-25T10:00:10.000Z' },
   * ]);
   * ```
   */
  async addMessages(
    sessionId: string,
    messages: readonly ChatMessageInput[],
    options?: SessionCallOptions,
  ): Promise<void> {
    const parsed = parseInput(MessageList, messages, 'messages');
    await this.#send(
      {
        method: 'POST',
        path: path`/chat-sessions/${sessionId}/messages/batch`,
        json: parsed.map(messageToWire),
        ...agentQuery(options),
      },
      options,
    );
  }

  /**
   * Records a session's final variables (`addVariables`, `POST /chat-sessions/{id}/variables`) as one snapshot,
   * replacing the previous final one. The spec types values as strings; the local server keeps any JSON value.
   * The local server also takes `?hbfEventId=<user message id>` to record the values at that message (a local
   * extension, as on its ingest path); the published operation has no such parameter, so this method never
   * sends it.
   *
   * @example
   * ```ts
   * await client.chatSessions.addVariables('s1', { plan: 'pro', cartTotal: '42.50' });
   * ```
   */
  async addVariables(
    sessionId: string,
    variables: Readonly<Record<string, unknown>>,
    options?: SessionCallOptions,
  ): Promise<void> {
    const parsed = parseInput(Variables, variables, 'variables');
    await this.#send(
      {
        method: 'POST',
        path: path`/chat-sessions/${sessionId}/variables`,
        json: Object.entries(parsed).map(([name, value]) => ({ name, value })),
        ...agentQuery(options),
      },
      options,
    );
  }

  /**
   * Sets the status of sessions to `COMPLETED` (`batchSetStatusCompleted`, `PATCH /chat-sessions/batch/complete`).
   * Ids unknown, or of sessions the token may not see, are skipped.
   *
   * @example
   * ```ts
   * await client.chatSessions.complete(['s1', 's2']);
   * ```
   */
  async complete(ids: readonly string[], options?: SessionCallOptions): Promise<void> {
    const parsed = parseInput(IdList, ids, 'ids');
    await this.#send(
      {
        method: 'PATCH',
        path: '/chat-sessions/batch/complete',
        json: { ids: parsed },
        ...agentQuery(options),
      },
      options,
    );
  }

  /**
   * Creates or replaces a session under its id (`upsert_1`, `PUT /chat-sessions/{id}`): its fields are replaced,
   * while messages and variable snapshots are kept and merged by id, so a retry changes nothing. An id taken by a
   * session of another agent is another session (session ids are unique per agent on the local server).
   *
   * @example
   * ```ts
   * const stored = await client.chatSessions.upsert({
   *   id: 's1', agentId: 'faq-bot', contact: { id: 'user-1' }, createdAt: '2026-11-25T10:00:00.000Z', tags: ['billing'],
   * });
   * ```
   */
  async upsert(session: SessionInput, options?: CallOptions): Promise<Session> {
    const parsed = parseInput(Session, session, 'session');
    return this.#transport.json(
      {
        method: 'PUT',
        path: path`/chat-sessions/${parsed.id}`,
        json: requestDto(parsed, true),
        idempotent: true,
      },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto, {}, { id: parsed.id }),
    );
  }

  /**
   * Updates a session (`update_31`, `PATCH /chat-sessions/{id}`) with a wire `ChatSessionDto`: the fields sent
   * replace the stored ones, those left out keep their value, messages are added by id. The spec requires
   * `tenantId` and `subscriberHandle` in the body.
   *
   * @example
   * ```ts
   * const updated = await client.chatSessions.update('s1', {
   *   tenantId: 'faq-bot', subscriberHandle: 'user-1', status: 'COMPLETED', tags: ['billing', 'refund'],
   * });
   * ```
   */
  async update(id: string, changes: ChatSessionRequestDto, options?: SessionCallOptions): Promise<Session> {
    const json = parseInput(ChatSessionRequestDto, changes, 'changes');
    return this.#transport.json(
      { method: 'PATCH', path: path`/chat-sessions/${id}`, json, ...agentQuery(options), idempotent: true },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto, {}, { id }),
    );
  }

  /**
   * Deletes a session (`delete_27`, `DELETE /chat-sessions/{id}`) with its interaction log and the
   * missed-question occurrences reported from it; a missed question left with no occurrence is deleted too.
   * Not retried: a retry after a lost answer would report 404 for a session that is gone.
   *
   * @example
   * ```ts
   * await client.chatSessions.delete('s1');
   * ```
   */
  async delete(id: string, options?: SessionCallOptions): Promise<void> {
    const request = { method: 'DELETE' as const, path: path`/chat-sessions/${id}`, ...agentQuery(options) };
    await this.#send(request, options, false);
  }

  /**
   * Exports one session as a streamed file (`exportById_4`, `GET /chat-sessions/export/{id}`): `txt` (the
   * default), `csv` with `separator`, or `xlsx` (a local-server extension), as `client.sessions.export` writes one
   * session. A session the token may not see answers 404, as an absent one does.
   *
   * @throws `InvalidTimeZoneError` (field `exportOptions.timeZone`) for an unknown zone, before any request.
   * @example
   * ```ts
   * const file = await client.chatSessions.export('s1', { fileType: 'csv', separator: ',' });
   * for await (const chunk of file.body) process.stdout.write(chunk);
   * ```
   */
  async export(
    id: string,
    exportOptions: ChatSessionExportOptions = {},
    options?: SessionCallOptions,
  ): Promise<ExportedFile> {
    const format = parseInput(ExportFormat, exportOptions, 'exportOptions');
    if (format.timeZone !== undefined) assertTimeZone(format.timeZone, 'exportOptions.timeZone');
    const searchParams = new URLSearchParams({ fileType: format.fileType, separator: format.separator });
    // Local-server extensions, sent only when asked for; see SessionExportOptions.
    if (format.timeZone !== undefined) searchParams.set('timeZone', format.timeZone);
    if (format.bom !== undefined) searchParams.set('bom', String(format.bom));
    const { response, info } = await this.#transport.send(
      {
        method: 'GET',
        path: path`/chat-sessions/export/${id}`,
        ...agentQuery(options, searchParams),
        idempotent: true,
      },
      options,
    );
    return exportedFile(response, info);
  }

  /** Sends a request answered 204 (no body). */
  async #send(
    request: {
      method: 'POST' | 'PATCH' | 'DELETE';
      path: string;
      json?: unknown;
      searchParams?: URLSearchParams;
    },
    options: CallOptions | undefined,
    idempotent = true,
  ): Promise<void> {
    const { response } = await this.#transport.send({ ...request, idempotent }, options);
    await response.body?.cancel();
  }
}
