import { randomUUID } from 'node:crypto';
import type { MissedQuestionStatus } from '@observatory/core';
import { ConflictError } from '../../errors.js';
import type { BatchOutcome } from '../group-commit.js';
import type { MissedQuestionReport, ReportResult } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { lockTrendSessions, TREND_REPORT_CTES } from './trend-rollup.js';

// Reports that run together (a group commit, see `group-commit.ts`) are one statement over the batch `x` (one row
// per report, `i` its place). Data-modifying CTEs share one snapshot, so each step reads what an earlier one wrote
// only through its RETURNING. The statement never races a concurrent one: on PostgreSQL the batch first takes a
// transaction lock on each key it reads (`LOCK_SQL`), so whatever a concurrent report of the same pair, wording or
// question id writes is committed before this statement's snapshot or waits for this transaction; PGlite runs one
// transaction at a time. Per report, as if the batch's reports ran one after the other in order `i`:
// - `stored_o`: the pair (agent, session, message) is stored: a repeat (same wording, 200) or a conflict (409);
// - `leader`: the first report of each pair not stored decides it; `t` is its message's time (given, else the
//   reporting agent's stored message's, else now); the later ones of the pair (followers) answer as a repeat of
//   it would: 200 for its wording, 409 for another;
// - `stored_q` finds the leaders' wordings; `creator`, the first leader of each new wording, creates it (counts
//   from all its leaders) unless its question id is taken (`taken`: a 409 for it alone; the wording's other
//   leaders are left undecided and run again, so the next one creates it) or claimed by an earlier creator;
// - `created_o` inserts the leaders' occurrences; `new_session`, `new_session_day`, `multiday`, `day` and
//   `counted` update the rollups (migration 5) from `created_o` only, so a repeat changes nothing. A (question,
//   session) goes to `multiday` when one of its new UTC days joins a day it had, or the batch brings two.
// `counted` adds `added` to stored questions only: a question `created_q` inserts has its counts at insert.
// `trend_*` keep the trend's rollups (migration 7, trend-rollup.ts), also from `created_o` only.
// Every stored row is read by its key (`LATERAL … LIMIT 1` on a unique key, a scalar subquery, `= ANY (ARRAY(…))`),
// whatever the planner estimates for the batch (100 rows for `jsonb_to_recordset`), so a batch reads its own rows
// and never hashes the organization's: its cost does not grow with the data stored.
const REPORT_SQL = `
  WITH x AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(i integer, qid text, given boolean, agent text,
      question text, status text, language text, oid text, session text, message text, at timestamptz, doc jsonb)
  ), stored_o AS (
    SELECT x.i, o.id, o.missed_question_id, o.occurred_at
    FROM x, LATERAL (SELECT o.id, o.missed_question_id, o.occurred_at FROM missed_question_occurrences o
      WHERE o.org_id = $1 AND o.agent_id = x.agent AND o.session_id = x.session AND o.message_id = x.message
      LIMIT 1) o
  ), leader AS (
    SELECT DISTINCT ON (x.agent, x.session, x.message) x.*, coalesce(x.at,
      (SELECT (m ->> 'createdAt')::timestamptz FROM sessions s, jsonb_array_elements(s.doc -> 'messages') m
       WHERE s.org_id = $1 AND s.id = x.session AND s.agent_id = x.agent AND m ->> 'id' = x.message LIMIT 1),
      now()) AS t
    FROM x WHERE x.i NOT IN (SELECT i FROM stored_o)
    ORDER BY x.agent, x.session, x.message, x.i
  ), stored_q AS (
    SELECT q.id, q.agent_id, q.question FROM (SELECT DISTINCT agent, question FROM leader) l,
      LATERAL (SELECT q.id, q.agent_id, q.question FROM missed_questions q
        WHERE q.org_id = $1 AND q.agent_id = l.agent AND q.question = l.question LIMIT 1) q
  ), creator AS (
    SELECT c.*, coalesce((SELECT true FROM missed_questions q WHERE q.org_id = $1 AND q.id = c.qid), false) AS taken
    FROM (
      SELECT DISTINCT ON (l.agent, l.question) l.* FROM leader l
      WHERE NOT EXISTS (SELECT 1 FROM stored_q q WHERE q.agent_id = l.agent AND q.question = l.question)
      ORDER BY l.agent, l.question, l.i
    ) c
  ), creating AS (
    SELECT c.* FROM creator c
    WHERE NOT c.taken AND NOT EXISTS (SELECT 1 FROM creator e WHERE e.qid = c.qid AND e.i < c.i)
  ), placed AS (
    SELECT l.*, coalesce(q.id, c.qid) AS question_id
    FROM leader l
    LEFT JOIN stored_q q ON q.agent_id = l.agent AND q.question = l.question
    LEFT JOIN creating c ON c.agent = l.agent AND c.question = l.question
    WHERE q.id IS NOT NULL OR c.i IS NOT NULL
  ), created_q AS (
    INSERT INTO missed_questions (org_id, id, agent_id, question, status, language, created_at, updated_at,
      occurrence_count, session_count, last_seen)
    SELECT $1, c.qid, c.agent, c.question, c.status, c.language, now(), now(), n.occurrences, n.sessions, n.last
    FROM creating c, LATERAL (SELECT count(*)::integer AS occurrences, count(DISTINCT p.session)::integer AS sessions,
      max(p.t) AS last FROM placed p WHERE p.question_id = c.qid) n
    RETURNING id, question, status, language, created_at, updated_at, occurrence_count, session_count
  ), created_o AS (
    INSERT INTO missed_question_occurrences
      (org_id, id, missed_question_id, agent_id, session_id, message_id, occurred_at, doc)
    SELECT $1, p.oid, p.question_id, p.agent, p.session, p.message, p.t, p.doc FROM placed p
    RETURNING missed_question_id, agent_id, session_id, message_id, occurred_at,
      date_trunc('day', occurred_at, 'UTC') AS day
  ), new_session AS (
    INSERT INTO missed_question_sessions (org_id, missed_question_id, session_id)
    SELECT DISTINCT $1, missed_question_id, session_id FROM created_o
    ON CONFLICT DO NOTHING RETURNING missed_question_id, session_id
  ), new_session_day AS (
    INSERT INTO missed_question_session_days (org_id, missed_question_id, session_id, day)
    SELECT DISTINCT $1, missed_question_id, session_id, day FROM created_o
    ON CONFLICT DO NOTHING RETURNING missed_question_id, session_id, day
  ), multiday AS (
    INSERT INTO missed_question_multiday (org_id, missed_question_id, session_id, agent_id)
    SELECT $1, d.missed_question_id, d.session_id,
      (SELECT o.agent_id FROM created_o o WHERE o.missed_question_id = d.missed_question_id LIMIT 1)
    FROM new_session_day d GROUP BY d.missed_question_id, d.session_id
    HAVING count(*) > 1 OR NOT EXISTS (SELECT 1 FROM new_session n
      WHERE n.missed_question_id = d.missed_question_id AND n.session_id = d.session_id)
    ON CONFLICT DO NOTHING RETURNING 1
  ), day AS (
    INSERT INTO missed_question_days AS d
      (org_id, day, missed_question_id, agent_id, occurrences, sessions, last_seen)
    SELECT $1, o.day, o.missed_question_id, min(o.agent_id), count(*)::integer,
      (SELECT count(*) FROM new_session_day n
       WHERE n.missed_question_id = o.missed_question_id AND n.day = o.day)::integer,
      max(o.occurred_at)
    FROM created_o o GROUP BY o.day, o.missed_question_id
    ON CONFLICT (org_id, day, missed_question_id)
    DO UPDATE SET occurrences = d.occurrences + excluded.occurrences, sessions = d.sessions + excluded.sessions,
      last_seen = greatest(d.last_seen, excluded.last_seen)
    RETURNING 1
  ), added AS (
    SELECT o.missed_question_id AS id, count(*)::integer AS occurrences, max(o.occurred_at) AS last,
      (SELECT count(*) FROM new_session n WHERE n.missed_question_id = o.missed_question_id)::integer AS sessions
    FROM created_o o WHERE o.missed_question_id IN (SELECT id FROM stored_q) GROUP BY o.missed_question_id
  ), counted AS (
    UPDATE missed_questions m SET occurrence_count = m.occurrence_count + c.occurrences,
      session_count = m.session_count + c.sessions, last_seen = greatest(m.last_seen, c.last)
    FROM added c
    WHERE m.org_id = $1 AND m.id = ANY (ARRAY(SELECT id FROM added)) AND m.id = c.id
    RETURNING m.id, m.occurrence_count, m.session_count
  ), ${TREND_REPORT_CTES}, o AS (
    SELECT s.i, s.id AS occurrence_id, s.missed_question_id, s.occurred_at, false AS inserted FROM stored_o s
    UNION ALL SELECT p.i, p.oid, p.question_id, p.t, true FROM placed p
    UNION ALL SELECT x.i, p.oid, p.question_id, p.t, false FROM x JOIN placed p
      ON p.agent = x.agent AND p.session = x.session AND p.message = x.message AND p.i < x.i
  ), q AS (
    SELECT * FROM created_q
    UNION ALL
    SELECT m.id, m.question, m.status, m.language, m.created_at, m.updated_at,
      coalesce(c.occurrence_count, m.occurrence_count), coalesce(c.session_count, m.session_count)
    FROM (SELECT DISTINCT missed_question_id AS id FROM o) u,
      LATERAL (SELECT * FROM missed_questions m WHERE m.org_id = $1 AND m.id = u.id LIMIT 1) m
      LEFT JOIN counted c ON c.id = m.id
  )
  SELECT x.i, o.occurrence_id, o.missed_question_id, o.occurred_at, o.inserted, q.question AS stored_question,
    q.status, q.language, q.created_at, q.updated_at, q.occurrence_count, q.session_count,
    EXISTS (SELECT 1 FROM creator c WHERE c.i = x.i AND c.taken) AS id_taken
  FROM x LEFT JOIN o ON o.i = x.i LEFT JOIN q ON q.id = o.missed_question_id
  ORDER BY x.i`;

// The keys the statement reads, locked for the transaction in one order (sorted), so two batches sharing keys
// never wait on each other crosswise. A hash collision only makes two reports wait for each other.
const LOCK_SQL = `
  SELECT pg_advisory_xact_lock(k) FROM (
    SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY 1
  ) keys`;

/** The keys a report reads: its pair, its wording and the question id it may create. */
function lockKeys({ orgId, report: r }: ReportItem): string[] {
  const keys = [
    JSON.stringify(['pair', orgId, r.agentId, r.sessionId, r.messageId]),
    JSON.stringify(['wording', orgId, r.agentId, r.question]),
  ];
  if (r.questionId !== undefined) keys.push(JSON.stringify(['id', orgId, r.questionId]));
  return keys;
}

/**
 * How a batch runs: `concurrent` when other transactions may report at the same time (PostgreSQL).
 *
 * @example
 * ```ts
 * const options: ReportBatchOptions = { concurrent: store.engine === 'postgres' };
 * ```
 */
export interface ReportBatchOptions {
  readonly concurrent: boolean;
}

/**
 * One report of a batch: the organization it is made in and the report.
 *
 * @example
 * ```ts
 * const item: ReportItem = { orgId: 'org-1', report: { agentId: 'faq-bot', question: 'Crypto?', sessionId: 's1', messageId: 'm1' } };
 * ```
 */
export interface ReportItem {
  readonly orgId: string;
  readonly report: MissedQuestionReport;
}

/**
 * Records a batch of reports inside the caller's transaction, one statement per organization of the batch (see
 * `REPORT_SQL`): each report's question, its occurrence and the rollups, answered from the statement's own rows,
 * with no read-back. Each report's outcome is what it would get alone, run after the batch's earlier reports: a
 * repeat (same pair, agent and wording) changes nothing; an occurrence is its agent's own (the same pair under
 * another agent is that agent's occurrence, and only the reporting agent's sessions give the message's time). A
 * report fails alone, writing nothing, with ConflictError when its pair was reported with another wording (field
 * `missedQuestion.question`, the stored wording in `stored`) or its question id names another question (field
 * `missedQuestion.id`). With `concurrent`, the batch's keys are locked first (`LOCK_SQL`), then its sessions'
 * trend rows (`lockTrendSessions`).
 *
 * @example
 * ```ts
 * const [outcome] = await driver.transaction((tx) =>
 *   reportMissedQuestionRows(tx, [{ orgId: 'org-1', report: { agentId: 'faq-bot', question: 'Crypto?', sessionId: 's1', messageId: 'm1' } }], { concurrent: false }),
 * );
 * ```
 */
export async function reportMissedQuestionRows(
  tx: SqlQueryable,
  items: readonly ReportItem[],
  options: ReportBatchOptions,
): Promise<BatchOutcome<ReportResult>[]> {
  if (options.concurrent) await tx.query(LOCK_SQL, [items.flatMap(lockKeys)]);
  const outcomes: (BatchOutcome<ReportResult> | undefined)[] = items.map(() => undefined);
  const byOrg = new Map<string, number[]>();
  for (const [i, { orgId }] of items.entries()) byOrg.set(orgId, [...(byOrg.get(orgId) ?? []), i]);
  for (const [orgId, places] of byOrg) {
    // The trend rows of the batch's sessions before any question's row (see trend-rollup.ts).
    if (options.concurrent)
      await lockTrendSessions(
        tx,
        orgId,
        places.map((i) => (items[i] as ReportItem).report),
      );
    let pending = places;
    // Each run decides at least the pending report placed first (nothing earlier stands in its way), so the loop
    // ends; it runs again only for a wording whose first report named a taken question id.
    while (pending.length > 0) {
      const input = pending.map((i) => toInput(i, (items[i] as ReportItem).report));
      const rows = await tx.query(REPORT_SQL, [orgId, JSON.stringify(input)], { prepare: true });
      const undecided: number[] = [];
      for (const row of rows) {
        const i = Number(row.i);
        const outcome = decide(row, (items[i] as ReportItem).report);
        if (outcome === undefined) undecided.push(i);
        else outcomes[i] = outcome;
      }
      if (undecided.length === pending.length) throw new Error('the report statement decided no report');
      pending = undecided;
    }
  }
  return outcomes as BatchOutcome<ReportResult>[];
}

function toInput(i: number, report: MissedQuestionReport) {
  return {
    i,
    qid: report.questionId ?? randomUUID(),
    given: report.questionId !== undefined,
    agent: report.agentId,
    question: report.question,
    status: report.status ?? 'UNRESOLVED',
    language: report.language ?? null,
    oid: randomUUID(),
    session: report.sessionId,
    message: report.messageId,
    at: report.occurredAt ?? null,
    doc: report.metadata ?? {},
  };
}

/** One report's outcome from its row, or undefined when the statement left it undecided. */
function decide(row: SqlRow, report: MissedQuestionReport): BatchOutcome<ReportResult> | undefined {
  if (row.occurrence_id === null) {
    if (row.id_taken !== true) return undefined;
    return {
      ok: false,
      error: new ConflictError('missedQuestion.id', 'an id not used by another missed question'),
    };
  }
  // One message is one question: another wording is not stored, and the caller learns which one is (the same
  // agent's, so the caller may see it). Only the same text again is a repeat.
  const stored = String(row.stored_question);
  if (stored !== report.question) {
    const error = new ConflictError(
      'missedQuestion.question',
      `the question this message was first reported with (${JSON.stringify(stored)})`,
      stored,
    );
    return { ok: false, error };
  }
  return { ok: true, value: toResult(row, report) };
}

const iso = (value: unknown): string => (value as Date).toISOString();

function toResult(row: SqlRow, report: MissedQuestionReport): ReportResult {
  const occurrences = Number(row.occurrence_count);
  return {
    question: {
      id: String(row.missed_question_id),
      agentId: report.agentId,
      question: report.question,
      status: row.status as MissedQuestionStatus,
      ...(row.language === null || row.language === undefined ? {} : { language: String(row.language) }),
      occurrences,
      filteredOccurrences: occurrences,
      distinctSessions: Number(row.session_count),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    },
    occurrence: {
      id: String(row.occurrence_id),
      missedQuestionId: String(row.missed_question_id),
      agentId: report.agentId,
      question: report.question,
      sessionId: report.sessionId,
      messageId: report.messageId,
      occurredAt: iso(row.occurred_at),
    },
    created: row.inserted === true,
  };
}
