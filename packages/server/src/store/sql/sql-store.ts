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
  VariableSnapshot,
} from '@observatory/core';
import { ConflictError } from '../../errors.js';
import type { GroupCommit } from '../group-commit.js';
import {
  appendMessages,
  appendSnapshot,
  applyTags,
  mergeSession,
  type SessionDoc,
  tagMessage,
  uniqueTags,
} from '../session-merge.js';
import type {
  MissedQuestionFilter,
  MissedQuestionReport,
  MissedTrendFilter,
  ObservatoryStore,
  OrganizationTag,
  ReplicaReads,
  ReportResult,
  StoredTraceStep,
  StoreEngine,
  TagOperations,
} from '../store.js';
import type { SqlDriver } from './driver.js';
import { migrate } from './migrations.js';
import { reportCommits } from './report-commits.js';
import { applySessionTrendChange, sessionTrendChange, trackSessionTrend } from './session-trend.js';
import { deleteInteractionRows, deleteSessionRows } from './sql-delete.js';
import {
  pageMissedQuestions,
  readMissedQuestion,
  streamMissedQuestionRows,
  streamOccurrenceRows,
  topMissedQuestionRows,
  updateMissedQuestionStatus,
} from './sql-missed.js';
import type { ReportItem } from './sql-report.js';
import {
  appendInteractionRows,
  insertInteractions,
  insertSessionRow,
  insertSessionWithSteps,
  lockSessionDoc,
  readSession,
  requireSessionDoc,
  resolveSessionAgent,
  writeSessionDoc,
  writtenSession,
} from './sql-session-by-id.js';
import {
  findSessionByMessageRow,
  pageSessions,
  selectInteractions,
  streamSessionRows,
  streamUserMessageRows,
} from './sql-sessions.js';
import { insertTag, selectTags } from './sql-tags.js';
import { readMissedTrend } from './sql-trend.js';

/**
 * The store on a PostgreSQL-dialect database (PGlite or PostgreSQL): one module of queries, two drivers.
 * Every write runs in one transaction, so a rejected request leaves nothing behind.
 *
 * @example
 * ```ts
 * const store = await SqlStore.open(await openPgliteDriver(undefined), 'memory');
 * ```
 */
export class SqlStore implements ObservatoryStore {
  readonly engine: StoreEngine;
  readonly replica: ReplicaReads;
  readonly #db: SqlDriver;
  readonly #replicaDb: SqlDriver | undefined;
  readonly #reports: GroupCommit<ReportItem, ReportResult>;

  private constructor(db: SqlDriver, engine: StoreEngine, replicaDb?: SqlDriver) {
    this.#db = db;
    this.engine = engine;
    this.#replicaDb = replicaDb;
    this.#reports = reportCommits(db, engine);
    // A replica is read-only and migrated through its primary: its store is never opened (migrated) itself.
    this.replica = replicaDb === undefined ? this : new SqlStore(replicaDb, engine);
  }

  /**
   * Applies pending migrations and returns the store; `replicaDb`, a streaming replica of `db`, then serves
   * {@link SqlStore.replica} (exports and analytics).
   */
  static async open(db: SqlDriver, engine: StoreEngine, replicaDb?: SqlDriver): Promise<SqlStore> {
    try {
      await migrate(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      await replicaDb?.close().catch(() => undefined);
      throw error;
    }
    return new SqlStore(db, engine, replicaDb);
  }

  upsertSession(orgId: string, session: Session): Promise<{ session: Session; created: boolean }> {
    return this.#db.transaction(async (tx) => {
      for (;;) {
        const stored = await lockSessionDoc(tx, orgId, session.agentId, session.id);
        const merged = mergeSession(stored, session);
        if (stored !== undefined) await writeSessionDoc(tx, orgId, merged);
        // A session created meanwhile (by createSession, which takes no lock) is read again and merged into.
        else if (!(await insertSessionRow(tx, orgId, merged))) continue;
        await trackSessionTrend(tx, orgId, stored, merged);
        await insertInteractions(tx, orgId, session, session.interactions);
        const hasLog = stored !== undefined || session.interactions.length > 0;
        return { session: await writtenSession(tx, orgId, merged, hasLog), created: stored === undefined };
      }
    });
  }

  async createSession(orgId: string, session: Session): Promise<Session> {
    const created = mergeSession(undefined, session);
    const taken = () => new ConflictError('id', 'an id no chat session of this agent has yet');
    // The unique key decides between concurrent creations: one statement when there is no log to write and no
    // message to count in the trend.
    if (session.interactions.length === 0 && created.messages.length === 0) {
      if (!(await insertSessionRow(this.#db, orgId, created))) throw taken();
      return writtenSession(this.#db, orgId, created, false);
    }
    return this.#db.transaction(async (tx) => {
      const trend = sessionTrendChange(undefined, created);
      const written = await insertSessionWithSteps(tx, orgId, created, session.interactions, trend);
      if (written === undefined) throw taken();
      if (trend !== undefined) await applySessionTrendChange(tx, orgId, created, trend);
      return written;
    });
  }

  updateSession(
    orgId: string,
    id: string,
    change: (stored: Session) => Session,
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, id, agents, (doc) => mergeSession(doc, change(doc)));
  }

  deleteSession(orgId: string, id: string, agents?: readonly string[]): Promise<boolean> {
    return this.#db.transaction((tx) => deleteSessionRows(tx, orgId, id, agents));
  }

  getSession(orgId: string, id: string, agents?: readonly string[]): Promise<Session | undefined> {
    return readSession(this.#db, orgId, id, agents);
  }

  getSessionAgent(orgId: string, id: string, agents?: readonly string[]): Promise<string | undefined> {
    return resolveSessionAgent(this.#db, orgId, id, agents);
  }

  appendMessages(
    orgId: string,
    sessionId: string,
    messages: readonly Message[],
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, sessionId, agents, (doc) => ({
      ...doc,
      messages: appendMessages(doc.messages, messages),
    }));
  }

  appendVariableSnapshot(
    orgId: string,
    sessionId: string,
    snapshot: VariableSnapshot,
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, sessionId, agents, (doc) => ({
      ...doc,
      variableSnapshots: appendSnapshot(doc.variableSnapshots, snapshot),
    }));
  }

  appendInteractions(
    orgId: string,
    sessionId: string,
    steps: readonly TraceStep[],
    agents?: readonly string[],
  ): Promise<number> {
    return appendInteractionRows(this.#db, orgId, sessionId, steps, agents);
  }

  deleteInteractions(
    orgId: string,
    sessionIds: readonly string[],
    agents?: readonly string[],
  ): Promise<number> {
    return this.#db.transaction((tx) => deleteInteractionRows(tx, orgId, sessionIds, agents));
  }

  setTags(
    orgId: string,
    sessionId: string,
    tags: readonly string[],
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, sessionId, agents, (doc) => ({ ...doc, tags: uniqueTags(tags) }));
  }

  applyTagOperations(
    orgId: string,
    sessionId: string,
    operations: TagOperations,
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, sessionId, agents, (doc) => ({
      ...doc,
      tags: applyTags(doc.tags, operations),
    }));
  }

  addMessageTags(
    orgId: string,
    sessionId: string,
    messageId: string,
    tags: readonly string[],
    agents?: readonly string[],
  ): Promise<Session> {
    return this.#updateDoc(orgId, sessionId, agents, (doc) => ({
      ...doc,
      messages: tagMessage(doc.messages, messageId, tags),
    }));
  }

  listSessions(orgId: string, query: SessionQuery, page?: PageRequest): Promise<Page<Session>> {
    return pageSessions(this.#db, orgId, query, page);
  }

  streamSessions(orgId: string, query: SessionQuery): AsyncIterable<Session> {
    return streamSessionRows(this.#db, orgId, query);
  }

  findSessionByMessage(
    orgId: string,
    messageId: string,
    agents?: readonly string[],
  ): Promise<Session | undefined> {
    return findSessionByMessageRow(this.#db, orgId, messageId, agents);
  }

  listInteractions(
    orgId: string,
    options: { messageId?: string; agents?: readonly string[]; order?: 'asc' | 'desc'; limit?: number },
  ): Promise<StoredTraceStep[]> {
    return selectInteractions(this.#db, orgId, options);
  }

  reportMissedQuestion(orgId: string, report: MissedQuestionReport): Promise<ReportResult> {
    return this.#reports.submit({ orgId, report });
  }

  listMissedQuestions(
    orgId: string,
    filter: MissedQuestionFilter,
    page?: PageRequest,
  ): Promise<Page<MissedQuestion>> {
    return pageMissedQuestions(this.#db, orgId, filter, page, this.engine === 'postgres');
  }

  topMissedQuestions(orgId: string, filter: MissedQuestionFilter, limit: number): Promise<MissedQuestion[]> {
    return topMissedQuestionRows(this.#db, orgId, filter, limit);
  }

  streamMissedQuestions(orgId: string, filter: MissedQuestionFilter): AsyncIterable<MissedQuestion> {
    return streamMissedQuestionRows(this.#db, orgId, filter);
  }

  getMissedQuestion(orgId: string, id: string, range?: DateRange): Promise<MissedQuestion | undefined> {
    return readMissedQuestion(this.#db, orgId, id, range);
  }

  setMissedQuestionStatus(
    orgId: string,
    id: string,
    status: MissedQuestionStatus,
  ): Promise<MissedQuestion | undefined> {
    return updateMissedQuestionStatus(this.#db, orgId, id, status);
  }

  streamOccurrences(
    orgId: string,
    filter: { questionId?: string; agents?: readonly string[] | undefined; range?: DateRange | undefined },
  ): AsyncIterable<MissedQuestionOccurrence> {
    return streamOccurrenceRows(this.#db, orgId, filter);
  }

  streamUserMessages(
    orgId: string,
    filter: { agents?: readonly string[] | undefined; range: DateRange },
  ): AsyncIterable<QuestionRef> {
    return streamUserMessageRows(this.#db, orgId, filter);
  }

  missedQuestionTrend(orgId: string, filter: MissedTrendFilter): Promise<MissedQuestionTrend> {
    return readMissedTrend(this.#db, orgId, filter);
  }

  createTag(orgId: string, tag: OrganizationTag): Promise<{ tag: OrganizationTag; created: boolean }> {
    return this.#db.transaction((tx) => insertTag(tx, orgId, tag));
  }

  listTags(
    orgId: string,
    filter: { scope?: TagScope | undefined; agents?: readonly string[] | undefined },
  ): Promise<OrganizationTag[]> {
    return selectTags(this.#db, orgId, filter);
  }

  async close(): Promise<void> {
    await Promise.all([this.#db.close(), this.#replicaDb?.close()]);
  }

  #updateDoc(
    orgId: string,
    sessionId: string,
    agents: readonly string[] | undefined,
    change: (doc: SessionDoc) => SessionDoc,
  ): Promise<Session> {
    return this.#db.transaction(async (tx) => {
      const stored = await requireSessionDoc(tx, orgId, sessionId, agents);
      const changed = change(stored);
      await writeSessionDoc(tx, orgId, changed);
      await trackSessionTrend(tx, orgId, stored, changed);
      return writtenSession(tx, orgId, changed, true);
    });
  }
}
