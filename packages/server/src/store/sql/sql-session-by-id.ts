import type { Session, TraceStep } from '@observatory/core';
import { AmbiguousSessionError, NotFoundError } from '../../errors.js';
import type { SessionDoc } from '../session-merge.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { INSERT_SESSION_ROWS, sessionRowParam, sessionRowValues } from './session-row.js';
import { type SessionTrendChange, upsertTrendSession } from './session-trend.js';

// The session a call addresses by id: session ids are unique per agent, so an id resolves among the agents the
// caller gives (see resolveSessionAgent); then every read and write keys by (organization, agent, id).

/**
 * The agent of the one session of id `id` among those of `agents` (every agent of the organization when
 * undefined), or undefined when there is none. Session ids are unique per agent, so several agents may hold one:
 * then the id alone names no session, and AmbiguousSessionError names those agents (only ever among `agents`).
 *
 * @example
 * ```ts
 * const agentId = await resolveSessionAgent(db, 'org-1', 's1', ['faq-bot']); // 'faq-bot' or undefined
 * ```
 */
export async function resolveSessionAgent(
  db: SqlQueryable,
  orgId: string,
  id: string,
  agents: readonly string[] | undefined,
): Promise<string | undefined> {
  const params: unknown[] = [orgId, id];
  const byAgent = agents === undefined ? '' : ` AND agent_id = ANY($${params.push([...agents])}::text[])`;
  const rows = await db.query(
    `SELECT agent_id FROM sessions WHERE org_id = $1 AND id = $2${byAgent} ORDER BY agent_id`,
    params,
  );
  return oneAgent(id, rows);
}

/**
 * The agent of the one row of `rows` (each with `agent_id`, byte-wise ascending), undefined for none,
 * AmbiguousSessionError naming them for more.
 *
 * @example
 * ```ts
 * oneAgent('s1', [{ agent_id: 'faq-bot' }]); // 'faq-bot'
 * ```
 */
export function oneAgent(id: string, rows: readonly SqlRow[]): string | undefined {
  if (rows.length > 1)
    throw new AmbiguousSessionError(
      id,
      rows.map((row) => String(row.agent_id)),
    );
  return rows[0] === undefined ? undefined : String(rows[0].agent_id);
}

/**
 * Reads one session row for update inside a transaction. A row lock cannot hold an id no row has yet, so the
 * agent's id itself is locked first (a transaction-scoped advisory lock on its hash): two upserts of one new session
 * then run one after the other, and the second merges into, or conflicts with, what the first stored instead
 * of overwriting it. A creation that takes no lock (`createSession`, one statement) is met at the unique key:
 * an upsert writes a new row with {@link insertSessionRow} and reads again when one appeared meanwhile.
 */
export async function lockSessionDoc(
  tx: SqlQueryable,
  orgId: string,
  agentId: string,
  id: string,
): Promise<SessionDoc | undefined> {
  // 727274002: this lock's namespace (727274001 serialises migrations).
  await tx.query("SELECT pg_advisory_xact_lock(727274002, hashtext($1 || '/' || $2 || '/' || $3))", [
    orgId,
    agentId,
    id,
  ]);
  const [row] = await tx.query(
    'SELECT doc FROM sessions WHERE org_id = $1 AND agent_id = $2 AND id = $3 FOR UPDATE',
    [orgId, agentId, id],
  );
  return row === undefined ? undefined : (row.doc as SessionDoc);
}

/**
 * The one session of id `id` among those of `agents` (see {@link resolveSessionAgent}), locked as
 * {@link lockSessionDoc} locks it; NotFoundError when there is none.
 */
export async function requireSessionDoc(
  tx: SqlQueryable,
  orgId: string,
  id: string,
  agents: readonly string[] | undefined,
): Promise<SessionDoc> {
  const agentId = await resolveSessionAgent(tx, orgId, id, agents);
  // A session deleted between the two reads is as absent as one never stored.
  const doc = agentId === undefined ? undefined : await lockSessionDoc(tx, orgId, agentId, id);
  if (doc === undefined) throw new NotFoundError('chat session', id);
  return doc;
}

/** Inserts or replaces the row of a session; every other column is derived from the document. */
export async function writeSessionDoc(tx: SqlQueryable, orgId: string, doc: SessionDoc): Promise<void> {
  await tx.query(
    `${INSERT_SESSION_ROWS}
     ON CONFLICT (org_id, agent_id, id) DO UPDATE SET deployment_id = EXCLUDED.deployment_id,
       created_at = EXCLUDED.created_at, last_activity_at = EXCLUDED.last_activity_at, tags = EXCLUDED.tags,
       has_fallback = EXCLUDED.has_fallback, has_feedback = EXCLUDED.has_feedback,
       has_livechat = EXCLUDED.has_livechat, has_csat = EXCLUDED.has_csat, csat_statuses = EXCLUDED.csat_statuses,
       search_text = EXCLUDED.search_text, doc = EXCLUDED.doc`,
    [orgId, JSON.stringify([{ ...sessionRowValues(doc), doc }])],
  );
}

/** Inserts the row of a new session; false (nothing written) when a session of its agent has that id already. */
export async function insertSessionRow(db: SqlQueryable, orgId: string, doc: SessionDoc): Promise<boolean> {
  const rows = await db.query(
    `${INSERT_SESSION_ROWS} ON CONFLICT (org_id, agent_id, id) DO NOTHING RETURNING id`,
    [orgId, JSON.stringify([{ ...sessionRowValues(doc), doc }])],
  );
  return rows.length > 0;
}

/**
 * Inserts the row of a new session, its interaction-log steps and its row of the trend (`trend`, when it has user
 * messages: then {@link applySessionTrendChange} is the transaction's next step) in one statement, the steps
 * and the trend row only when the session row was inserted (skipping step ids already stored and repeats within
 * `steps`). Returns the session as
 * {@link readSession} would read it in this transaction (its log ordered by time, then id), or undefined (nothing
 * written) when a session of its agent has that id already.
 *
 * @example
 * ```ts
 * const created = await insertSessionWithSteps(tx, 'org-1', doc, session.interactions);
 * ```
 */
export async function insertSessionWithSteps(
  tx: SqlQueryable,
  orgId: string,
  doc: SessionDoc,
  steps: readonly TraceStep[],
  trend: SessionTrendChange | undefined,
): Promise<Session | undefined> {
  const { rows, docJson } = sessionRowParam(doc);
  const trendRow = upsertTrendSession(
    { org: '$1', session: '$4', agent: '$3', asked: '$6' },
    '$6 IS NOT NULL AND (SELECT count(*) FROM created) = 1',
  );
  // The steps' and trend row's condition reads `created` first (an InitPlan), so the session row is in before
  // either, in the lock order every session write keeps (session, then its trend row, then slot rows). The log is
  // what the table held for the session before this statement (none, unless left by an earlier write) and what
  // it inserted: the statement's snapshot sees only the former.
  const [row] = await tx.query(
    `WITH created AS (
       ${INSERT_SESSION_ROWS} ON CONFLICT (org_id, agent_id, id) DO NOTHING RETURNING id),
     added AS (
       INSERT INTO interactions (org_id, agent_id, session_id, id, message_id, ts, doc)
       SELECT $1, $3, $4, step ->> 'id', step ->> 'messageId', (step ->> 'timestamp')::timestamptz, step
       FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS x(step, n)
       WHERE (SELECT count(*) FROM created) = 1
       ORDER BY n
       ON CONFLICT (org_id, agent_id, session_id, id) DO NOTHING RETURNING ts, id, doc),
     trend AS (${trendRow} RETURNING 1)
     SELECT (SELECT count(*) FROM created) AS created,
       (SELECT jsonb_agg(log.doc ORDER BY log.ts, log.id) FROM (
          SELECT ts, id, doc FROM interactions WHERE org_id = $1 AND agent_id = $3 AND session_id = $4
          UNION ALL SELECT ts, id, doc FROM added) AS log) AS log`,
    [orgId, rows, doc.agentId, doc.id, JSON.stringify(steps), trend?.asked ?? null],
  );
  if (Number(row?.created ?? 0) === 0) return undefined;
  return { ...(JSON.parse(docJson) as SessionDoc), interactions: (row?.log as TraceStep[] | null) ?? [] };
}

/**
 * Inserts interaction-log steps in one statement, skipping ids already stored (and repeats within `steps`);
 * returns how many were new.
 */
export async function insertInteractions(
  tx: SqlQueryable,
  orgId: string,
  session: { readonly agentId: string; readonly id: string },
  steps: readonly TraceStep[],
): Promise<number> {
  if (steps.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO interactions (org_id, agent_id, session_id, id, message_id, ts, doc)
     SELECT $1, $2, $3, step ->> 'id', step ->> 'messageId', (step ->> 'timestamp')::timestamptz, step
     FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS x(step, n)
     ORDER BY n
     ON CONFLICT (org_id, agent_id, session_id, id) DO NOTHING RETURNING id`,
    [orgId, session.agentId, session.id, JSON.stringify(steps)],
  );
  return rows.length;
}

/**
 * Appends steps to the interaction log of an existing session in one statement: the session row is locked
 * against deletion (`FOR KEY SHARE`, which writes of its document do not wait for) and the steps inserted only
 * when it is the one session of that id among those of `agents` (see {@link resolveSessionAgent}). Returns how
 * many were new; throws NotFoundError when there is none, AmbiguousSessionError when there are several.
 */
export async function appendInteractionRows(
  db: SqlQueryable,
  orgId: string,
  sessionId: string,
  steps: readonly TraceStep[],
  agents?: readonly string[],
): Promise<number> {
  const params: unknown[] = [orgId, sessionId, JSON.stringify(steps)];
  const byAgent = agents === undefined ? '' : ` AND agent_id = ANY($${params.push([...agents])}::text[])`;
  const [row] = await db.query(
    `WITH session AS (
       SELECT agent_id FROM sessions WHERE org_id = $1 AND id = $2${byAgent} FOR KEY SHARE),
     added AS (
       INSERT INTO interactions (org_id, agent_id, session_id, id, message_id, ts, doc)
       SELECT $1, (SELECT agent_id FROM session), $2, step ->> 'id', step ->> 'messageId',
         (step ->> 'timestamp')::timestamptz, step
       FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(step, n)
       WHERE (SELECT count(*) FROM session) = 1
       ORDER BY n
       ON CONFLICT (org_id, agent_id, session_id, id) DO NOTHING RETURNING 1)
     SELECT (SELECT array_agg(agent_id ORDER BY agent_id) FROM session) AS agents,
       (SELECT count(*) FROM added) AS added`,
    params,
  );
  const holders = (row?.agents as string[] | null | undefined) ?? [];
  if (
    oneAgent(
      sessionId,
      holders.map((agent_id) => ({ agent_id })),
    ) === undefined
  )
    throw new NotFoundError('chat session', sessionId);
  return Number(row?.added ?? 0);
}

/**
 * The one stored session of id `id` among those of `agents` (see {@link resolveSessionAgent}) with its
 * interaction log, or undefined; AmbiguousSessionError when several agents' sessions hold the id.
 */
export async function readSession(
  db: SqlQueryable,
  orgId: string,
  id: string,
  agents: readonly string[] | undefined,
): Promise<Session | undefined> {
  const params: unknown[] = [orgId, id];
  const byAgent = agents === undefined ? '' : ` AND agent_id = ANY($${params.push([...agents])}::text[])`;
  const rows = await db.query(
    `SELECT agent_id, doc FROM sessions WHERE org_id = $1 AND id = $2${byAgent} ORDER BY agent_id`,
    params,
  );
  const agentId = oneAgent(id, rows);
  if (agentId === undefined || rows[0] === undefined) return undefined;
  return { ...(rows[0].doc as SessionDoc), interactions: await readInteractions(db, orgId, agentId, id) };
}

async function readInteractions(
  db: SqlQueryable,
  orgId: string,
  agentId: string,
  id: string,
): Promise<TraceStep[]> {
  const steps = await db.query(
    'SELECT doc FROM interactions WHERE org_id = $1 AND agent_id = $2 AND session_id = $3 ORDER BY ts, id',
    [orgId, agentId, id],
  );
  return steps.map((s) => s.doc as TraceStep);
}

/**
 * The session as {@link readSession} would read it right after `doc` was written in this transaction, without
 * reading the document back: the document through the same JSON round trip as the `jsonb` column, and the
 * interaction log read only when it may hold steps (`hasLog`).
 */
export async function writtenSession(
  tx: SqlQueryable,
  orgId: string,
  doc: SessionDoc,
  hasLog: boolean,
): Promise<Session> {
  const stored = JSON.parse(JSON.stringify(doc)) as SessionDoc;
  return { ...stored, interactions: hasLog ? await readInteractions(tx, orgId, doc.agentId, doc.id) : [] };
}
