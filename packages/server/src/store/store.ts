import type {
  DateRange,
  Message,
  MissedQuestion,
  MissedQuestionOccurrence,
  MissedQuestionStatus,
  MissedQuestionTrend,
  Page,
  PageRequest,
  QuestionRef,
  Session,
  SessionQuery,
  TagScope,
  TraceStep,
  TrendBucketSize,
  VariableSnapshot,
} from '@observatory/core';

/**
 * Which database a store runs on.
 *
 * @example
 * ```ts
 * import { openStore, type StoreEngine } from '@observatory/server';
 * const store = await openStore(process.env.OBSERVATORY_STORE ?? 'memory://');
 * const engine: StoreEngine = store.engine; // 'memory', 'pglite' or 'postgres'
 * ```
 */
export type StoreEngine = 'memory' | 'pglite' | 'postgres';

/**
 * Columns a missed-question list can be sorted by.
 *
 * @example
 * ```ts
 * import { type MissedQuestionSortBy, openStore } from '@observatory/server';
 * const store = await openStore('memory://');
 * const by: MissedQuestionSortBy = 'filteredOccurrences';
 * const page = await store.listMissedQuestions('org-1', {
 *   range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' }, sort: { by, order: 'desc' },
 * });
 * ```
 */
export type MissedQuestionSortBy =
  | 'createdAt'
  | 'updatedAt'
  | 'occurrences'
  | 'filteredOccurrences'
  | 'question';

/**
 * What the missed-vs-answered trend covers: the agents (every agent when absent), the range, the viewer's zone
 * and the bucket size (`day` when absent), as core's `missedQuestionTrend` takes them.
 *
 * @example
 * ```ts
 * const filter: MissedTrendFilter = {
 *   range: { from: '2026-10-31T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' }, timeZone: 'Europe/Athens', bucket: 'week',
 * };
 * ```
 */
export interface MissedTrendFilter {
  readonly agents?: readonly string[] | undefined;
  readonly range: DateRange;
  readonly timeZone: string;
  readonly bucket?: TrendBucketSize | undefined;
}

/**
 * Which missed questions to list: all fields narrow (AND). With a `range`, only questions with an occurrence in
 * it are listed and `filteredOccurrences` counts those; `occurrences` always counts every occurrence.
 *
 * @example
 * ```ts
 * const filter: MissedQuestionFilter = { agents: ['faq-bot'], search: 'ship', sort: { by: 'occurrences', order: 'desc' } };
 * ```
 */
export interface MissedQuestionFilter {
  readonly agents?: readonly string[] | undefined;
  readonly range?: DateRange | undefined;
  /** Case-insensitive substring of the question, as core's plain search matches it (Unicode case folding). */
  readonly search?: string | undefined;
  readonly statuses?: readonly MissedQuestionStatus[] | undefined;
  /** @default { by: 'createdAt', order: 'desc' } (the platform's default) */
  readonly sort?: { readonly by: MissedQuestionSortBy; readonly order: 'asc' | 'desc' } | undefined;
}

/**
 * A runtime's report that a user message went unanswered.
 *
 * @example
 * ```ts
 * const report: MissedQuestionReport = { agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm3' };
 * ```
 */
export interface MissedQuestionReport {
  readonly agentId: string;
  readonly question: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly status?: MissedQuestionStatus | undefined;
  readonly language?: string | undefined;
  /** Id for the question when this report creates it (e.g. importing from the platform); default a UUID. */
  readonly questionId?: string | undefined;
  /** When the message was sent; defaults to the stored message's time, else the server's clock. */
  readonly occurredAt?: string | undefined;
  /** Extra data kept with the occurrence (e.g. the platform's `nlpPipelineId`, `examinedCorpus`). */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * The outcome of a report: the question with its counts, the one occurrence of (sessionId, messageId), and
 * whether this report created it (`false` for a repeat, which changes nothing).
 *
 * @example
 * ```ts
 * const { created } = await store.reportMissedQuestion('org-1', report);
 * ```
 */
export interface ReportResult {
  readonly question: MissedQuestion;
  readonly occurrence: MissedQuestionOccurrence;
  readonly created: boolean;
}

/**
 * Tags to add and remove in one step (the Bot API's `tagOperations`). Removals apply after additions.
 *
 * @example
 * ```ts
 * const ops: TagOperations = { add: ['vip'], remove: ['new'] };
 * ```
 */
export interface TagOperations {
  readonly add?: readonly string[] | undefined;
  readonly remove?: readonly string[] | undefined;
}

/**
 * A tag of the organization (the published `TagDto`): what it labels, its label, and when it was created
 * (absent for a tag found only on sessions).
 *
 * @example
 * ```ts
 * const { tag, created } = await store.createTag('org-1', { scope: 'CHAT_SESSIONS', label: 'refund', createdAt: new Date().toISOString() });
 * ```
 */
export interface OrganizationTag {
  readonly scope: TagScope;
  readonly label: string;
  readonly createdAt?: string | undefined;
}

/**
 * One interaction-log step with the session it belongs to.
 *
 * @example
 * ```ts
 * for (const step of await store.listInteractions('org-1', { messageId: 'm1' })) console.log(step.sessionId, step.type);
 * ```
 */
export type StoredTraceStep = TraceStep & { readonly sessionId: string };

/**
 * The reads of the store that may be served by a streaming replica, a little behind the primary: what
 * exports and analytics read. See {@link ObservatoryStore.replica}.
 *
 * @example
 * ```ts
 * for await (const session of store.replica.streamSessions('org-1', {})) console.log(session.id);
 * ```
 */
export type ReplicaReads = Pick<
  ObservatoryStore,
  | 'streamSessions'
  | 'streamMissedQuestions'
  | 'streamOccurrences'
  | 'streamUserMessages'
  | 'missedQuestionTrend'
  | 'listMissedQuestions'
  | 'topMissedQuestions'
>;

/**
 * The store contract: every engine (memory, PGlite, PostgreSQL) implements it with the same results, proven by
 * one contract test suite. Every method is scoped to one organization.
 *
 * A session is identified by (organization, agent, id): session ids are unique per agent, so two agents may hold
 * one. A method that addresses a session by id takes `agents`, the agents whose sessions it may resolve to (every
 * agent of the organization when absent; an agent-scoped caller passes its scope, or the one agent it means):
 * the one session of that id among theirs is meant; none is absent (undefined, or NotFoundError); several throw
 * AmbiguousSessionError naming those agents, never any other.
 *
 * @example
 * ```ts
 * import { openStore } from '@observatory/server';
 * const store = await openStore('memory://');
 * const page = await store.listSessions('org-1', {}, { page: 0, pageSize: 20 });
 * ```
 */
export interface ObservatoryStore {
  readonly engine: StoreEngine;
  /**
   * Where the reads that may lag the last writes go: exports and analytics, long sequential reads. A streaming
   * replica when the store was opened with a read URL (`openStore(url, { readUrl })`), else this store itself.
   * Every other read stays here, on the primary, so it sees a write the caller has just made.
   */
  readonly replica: ReplicaReads;
  /**
   * Creates the session of `session.agentId` and `session.id`, or updates its metadata. Messages, interactions
   * and variable snapshots in `session` are added to what is stored (by id), so a retried upsert changes nothing.
   * Interactions go to the interaction log. Another agent's session of the same id is another session.
   */
  upsertSession(orgId: string, session: Session): Promise<{ session: Session; created: boolean }>;
  /**
   * Creates a session whose id its agent holds no session under yet; throws ConflictError (field `id`) when it
   * does. Other agents' sessions never conflict.
   */
  createSession(orgId: string, session: Session): Promise<Session>;
  /**
   * Changes a stored session in one transaction: `change` gets the stored session (without its interaction log)
   * and returns the new one, merged by the upsert's rule (messages and snapshots by id). Throws NotFoundError.
   */
  updateSession(
    orgId: string,
    id: string,
    change: (stored: Session) => Session,
    agents?: readonly string[],
  ): Promise<Session>;
  /**
   * Deletes a session, its interaction log and the missed-question occurrences reported from it; a missed
   * question left with no occurrence is deleted too. Returns whether the session existed.
   */
  deleteSession(orgId: string, id: string, agents?: readonly string[]): Promise<boolean>;
  /** One session with its transcript, snapshots and interaction log. */
  getSession(orgId: string, id: string, agents?: readonly string[]): Promise<Session | undefined>;
  /** The agent of a stored session, or undefined when there is none: a write's scope check, no document read. */
  getSessionAgent(orgId: string, id: string, agents?: readonly string[]): Promise<string | undefined>;
  /** Appends messages; a message whose id is already stored is skipped. Throws NotFoundError. */
  appendMessages(
    orgId: string,
    sessionId: string,
    messages: readonly Message[],
    agents?: readonly string[],
  ): Promise<Session>;
  /** Appends one variable snapshot (replacing one with the same `messageId`). Throws NotFoundError. */
  appendVariableSnapshot(
    orgId: string,
    sessionId: string,
    snapshot: VariableSnapshot,
    agents?: readonly string[],
  ): Promise<Session>;
  /**
   * Adds interaction-log steps; a step whose id is already stored is skipped. Returns how many were new. Throws
   * NotFoundError when there is no such session among `agents`' sessions.
   */
  appendInteractions(
    orgId: string,
    sessionId: string,
    steps: readonly TraceStep[],
    agents?: readonly string[],
  ): Promise<number>;
  /**
   * Deletes the interaction logs of the sessions `sessionIds` (of `agents`' sessions only, when given); the sessions
   * stay. Ids of unknown sessions are skipped; an id several agents' sessions hold throws AmbiguousSessionError
   * before anything is deleted. Returns how many steps were deleted.
   */
  deleteInteractions(
    orgId: string,
    sessionIds: readonly string[],
    agents?: readonly string[],
  ): Promise<number>;
  /** Replaces the tags (duplicates dropped, order kept). Throws NotFoundError. */
  setTags(
    orgId: string,
    sessionId: string,
    tags: readonly string[],
    agents?: readonly string[],
  ): Promise<Session>;
  /** Adds and removes tags. Throws NotFoundError. */
  applyTagOperations(
    orgId: string,
    sessionId: string,
    operations: TagOperations,
    agents?: readonly string[],
  ): Promise<Session>;
  /** One page of the sessions matching `query`, in its sort order (without interaction logs). */
  listSessions(orgId: string, query: SessionQuery, page?: PageRequest): Promise<Page<Session>>;
  /** Every session matching `query`, streamed from the database in batches (without interaction logs). */
  streamSessions(orgId: string, query: SessionQuery): AsyncIterable<Session>;
  /** Session holding the message `messageId` (a platform hbfEventId), among those of `agents` when given. */
  findSessionByMessage(
    orgId: string,
    messageId: string,
    agents?: readonly string[],
  ): Promise<Session | undefined>;
  /** Interaction-log steps, of one message or of the whole organization, by timestamp. */
  listInteractions(
    orgId: string,
    options: { messageId?: string; agents?: readonly string[]; order?: 'asc' | 'desc'; limit?: number },
  ): Promise<StoredTraceStep[]>;
  /** Records a missed question; idempotent on (sessionId, messageId). */
  reportMissedQuestion(orgId: string, report: MissedQuestionReport): Promise<ReportResult>;
  /** One page of missed questions with `occurrences`, `filteredOccurrences` and `distinctSessions`. */
  listMissedQuestions(
    orgId: string,
    filter: MissedQuestionFilter,
    page?: PageRequest,
  ): Promise<Page<MissedQuestion>>;
  /**
   * The first `limit` missed questions of {@link listMissedQuestions}'s order, without the total: what a view of
   * the most missed reads (the analytics' top questions), skipping the count of every question in the range.
   */
  topMissedQuestions(orgId: string, filter: MissedQuestionFilter, limit: number): Promise<MissedQuestion[]>;
  /** Every missed question matching `filter`, streamed in batches. */
  streamMissedQuestions(orgId: string, filter: MissedQuestionFilter): AsyncIterable<MissedQuestion>;
  /** One missed question; with `range`, `filteredOccurrences` counts the occurrences in it. */
  getMissedQuestion(orgId: string, id: string, range?: DateRange): Promise<MissedQuestion | undefined>;
  /** Sets the triage status. */
  setMissedQuestionStatus(
    orgId: string,
    id: string,
    status: MissedQuestionStatus,
  ): Promise<MissedQuestion | undefined>;
  /** Occurrences (of one question, or all) in `range`, newest first, streamed. */
  streamOccurrences(
    orgId: string,
    filter: { questionId?: string; agents?: readonly string[] | undefined; range?: DateRange | undefined },
  ): AsyncIterable<MissedQuestionOccurrence>;
  /** Every user message sent in `range` (the questions of the analytics), streamed. */
  streamUserMessages(
    orgId: string,
    filter: { agents?: readonly string[] | undefined; range: DateRange },
  ): AsyncIterable<QuestionRef>;
  /**
   * Missed vs answered per bucket: exactly core's `missedQuestionTrend` over {@link streamUserMessages} and
   * {@link streamOccurrences} of the range, without reading them one by one where the store keeps counts.
   */
  missedQuestionTrend(orgId: string, filter: MissedTrendFilter): Promise<MissedQuestionTrend>;
  /** Adds tags to one message of a session (after its own, without duplicates); NotFoundError for an unknown session. */
  addMessageTags(
    orgId: string,
    sessionId: string,
    messageId: string,
    tags: readonly string[],
    agents?: readonly string[],
  ): Promise<Session>;
  /** Creates an organization tag; one of the same scope and label is kept as stored (`created: false`). */
  createTag(orgId: string, tag: OrganizationTag): Promise<{ tag: OrganizationTag; created: boolean }>;
  /**
   * The organization's tags of `scope` (every scope when absent), by label then scope: the tags created, and,
   * as `CHAT_SESSIONS` tags without a creation time, the other tags carried by the sessions of `agents` (every
   * agent when absent).
   */
  listTags(
    orgId: string,
    filter: { scope?: TagScope | undefined; agents?: readonly string[] | undefined },
  ): Promise<OrganizationTag[]>;
  /** Closes the database; the store cannot be used afterwards. */
  close(): Promise<void>;
}
