import type { SqlQueryable } from './driver.js';

// The rollups behind the missed-vs-answered trend (migration 7), kept in step by every write in its own
// transaction. For each occurrence o (agent G, session s, message m) exactly one of:
// - asked: session s is G's and has the user message m in the same 15-minute UTC slot as o;
// - split: session s is G's and has m in another slot (a row of `missed_trend_split`, both instants);
// - unasked: no session s of G holds the user message m (counted in its slot's `unasked`).
// `missed_trend_slots` counts per (organization, 15-minute UTC slot, agent, shard): `questions` (the user messages
// of the agent's sessions, first of each id), `missed` (occurrences) and `unasked`. Every current IANA offset is
// a multiple of 15 minutes, so a local day, week or month is a union of whole slots, and an asked occurrence
// lies in its question's bucket, which is all core's `missedQuestionTrend` needs to count it without its refs.
// `missed_trend_sessions` holds each session's user messages ({ id: createdAt }), keyed like the session
// (organization, agent, id): a report of agent G reads G's own session's row only (session ids are unique per
// agent, migration 6, and core pairs a miss with a question by (agent, session, message)). A report writes the
// row ({} when G has no session of that id yet) and so locks it: a concurrent write of the session waits for the
// report, or the report for the write, and whichever runs second sees what the first committed.
// Lock order, so that no two writes wait on each other crosswise: a report's advisory keys (PostgreSQL), then
// its sessions' rows here (sorted, see `lockTrendSessions`), then its questions' rows, then the slot rows (sorted
// by slot, agent, shard); a session write takes its session's row here, then its slot rows (sorted); a deletion
// its session's row here, then its occurrences' questions' rows (sorted), then its slot rows (sorted).
// The shard (hash of the session id, 8 ways) spreads the writes of one agent's busy quarter hour over 8 rows.

const SLOT_MS = 15 * 60_000;

/** The 15-minute UTC slot holding `x` (a timestamptz expression), in SQL. */
export const slotOf = (x: string): string =>
  `date_bin('15 minutes', ${x}, timestamptz '1970-01-01 00:00:00+00')`;

/**
 * The shard of session `x` (a text expression), in SQL.
 *
 * @example
 * ```ts
 * `SELECT ${shardOf('$2')}`; // the shard of the session id in $2
 * ```
 */
export const shardOf = (x: string): string => `(hashtext(${x}) & 7)`;

/**
 * The start (epoch ms) of the 15-minute UTC slot holding `time`.
 *
 * @example
 * ```ts
 * slotStart(Date.parse('2026-11-25T10:07:00Z')); // Date.parse('2026-11-25T10:00:00Z')
 * ```
 */
export const slotStart = (time: number): number => Math.floor(time / SLOT_MS) * SLOT_MS;

/** Whether `time` (epoch ms) starts a 15-minute UTC slot. */
export const onSlot = (time: number): boolean => time % SLOT_MS === 0;

/**
 * The part of the batch report statement (`sql-report.ts`) that keeps the trend's rollups: CTEs reading
 * `created_o` (one row per occurrence the batch inserted: `agent_id`, `session_id`, `message_id`,
 * `occurred_at`), with `$1` the organization. ON CONFLICT touches a row once per statement, so the sessions'
 * rows are written once per (agent, session) and the slots' once per (slot, agent, shard), in sorted order.
 */
export const TREND_REPORT_CTES = `
  trend_session AS (
    INSERT INTO missed_trend_sessions AS x (org_id, agent_id, session_id, asked)
    SELECT DISTINCT $1, agent_id, session_id, '{}'::jsonb FROM created_o ORDER BY 2, 3
    ON CONFLICT (org_id, agent_id, session_id) DO UPDATE SET asked = x.asked
    RETURNING x.agent_id, x.session_id, x.asked
  ), trend_o AS (
    SELECT o.agent_id, o.session_id, o.message_id, o.occurred_at, ${slotOf('o.occurred_at')} AS slot,
      (s.asked ->> o.message_id)::timestamptz AS asked_at
    FROM created_o o JOIN trend_session s ON s.agent_id = o.agent_id AND s.session_id = o.session_id
  ), trend_slot AS (
    INSERT INTO missed_trend_slots AS x (org_id, slot, agent_id, shard, questions, missed, unasked)
    SELECT $1, slot, agent_id, ${shardOf('session_id')}, 0, count(*)::integer,
      (count(*) FILTER (WHERE asked_at IS NULL))::integer
    FROM trend_o GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
    ON CONFLICT (org_id, slot, agent_id, shard)
    DO UPDATE SET missed = x.missed + excluded.missed, unasked = x.unasked + excluded.unasked
    RETURNING 1
  ), trend_split AS (
    INSERT INTO missed_trend_split (org_id, agent_id, session_id, message_id, occurred_at, asked_at)
    SELECT $1, agent_id, session_id, message_id, occurred_at, asked_at FROM trend_o
    WHERE asked_at IS NOT NULL AND ${slotOf('asked_at')} <> slot
    RETURNING 1
  )`;

/**
 * Locks the trend rows of the sessions a report batch names (those stored), in one order, before the report
 * statement: the statement locks its questions' rows before it writes these, while a session's deletion takes
 * this row before its questions' rows, so without this lock the two could wait on each other. A row inserted
 * after this lock is a session write's or another report's, neither of which waits for a question's row.
 *
 * @example
 * ```ts
 * await lockTrendSessions(tx, 'org-1', [{ agentId: 'faq-bot', sessionId: 's1' }]);
 * ```
 */
export async function lockTrendSessions(
  tx: SqlQueryable,
  orgId: string,
  sessions: readonly { readonly agentId: string; readonly sessionId: string }[],
): Promise<void> {
  // The rows are found through the key's index (the arrays), whatever the planner estimates for the batch, so a
  // batch reads its own sessions' rows, never the organization's; the sort above the join fixes the lock order.
  await tx.query(
    `SELECT 1 FROM missed_trend_sessions t
     JOIN jsonb_to_recordset($2::jsonb) AS r(agent text, session text)
       ON t.agent_id = r.agent AND t.session_id = r.session
     WHERE t.org_id = $1
       AND t.agent_id = ANY (ARRAY(SELECT a.agent FROM jsonb_to_recordset($2::jsonb) AS a(agent text)))
       AND t.session_id = ANY (ARRAY(SELECT s.session FROM jsonb_to_recordset($2::jsonb) AS s(session text)))
     ORDER BY t.agent_id, t.session_id FOR UPDATE OF t`,
    [orgId, JSON.stringify(sessions.map((s) => ({ agent: s.agentId, session: s.sessionId })))],
  );
}

/**
 * Fills the trend's rollups from the sessions and occurrences stored (of `orgId`, or of every organization):
 * migration 7, and bulk seeding that writes rows without the store's writes.
 *
 * @example
 * ```ts
 * await backfillMissedTrend(tx, 'org-1');
 * ```
 */
export async function backfillMissedTrend(tx: SqlQueryable, orgId?: string): Promise<void> {
  const params = orgId === undefined ? [] : [orgId];
  const of = (alias: string) => (orgId === undefined ? '' : ` AND ${alias}.org_id = $1`);
  // A row per session with user messages, and per (agent, session) reported from without one.
  await tx.query(
    `INSERT INTO missed_trend_sessions (org_id, agent_id, session_id, asked)
     SELECT s.org_id, s.agent_id, s.id, coalesce((
         SELECT jsonb_object_agg(u.id, to_char(u.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM (SELECT DISTINCT ON (m ->> 'id') m ->> 'id' AS id, (m ->> 'createdAt')::timestamptz AS at
               FROM jsonb_array_elements(s.doc -> 'messages') WITH ORDINALITY AS e(m, n)
               WHERE m ->> 'role' = 'user' ORDER BY m ->> 'id', n) u), '{}')
     FROM sessions s WHERE true${of('s')}`,
    params,
  );
  await tx.query(
    `INSERT INTO missed_trend_sessions (org_id, agent_id, session_id, asked)
     SELECT DISTINCT o.org_id, o.agent_id, o.session_id, '{}'::jsonb
     FROM missed_question_occurrences o WHERE true${of('o')}
     ON CONFLICT (org_id, agent_id, session_id) DO NOTHING`,
    params,
  );
  const trendOf = `JOIN missed_trend_sessions t
       ON t.org_id = o.org_id AND t.agent_id = o.agent_id AND t.session_id = o.session_id`;
  await tx.query(
    `INSERT INTO missed_trend_slots (org_id, slot, agent_id, shard, questions, missed, unasked)
     SELECT org_id, slot, agent_id, shard, sum(q), sum(m), sum(u) FROM (
       SELECT t.org_id, ${slotOf('e.value::timestamptz')} AS slot, t.agent_id, ${shardOf('t.session_id')} AS shard,
         1 AS q, 0 AS m, 0 AS u
       FROM missed_trend_sessions t, jsonb_each_text(t.asked) e WHERE true${of('t')}
       UNION ALL
       SELECT o.org_id, ${slotOf('o.occurred_at')}, o.agent_id, ${shardOf('o.session_id')}, 0, 1,
         CASE WHEN t.asked -> o.message_id IS NOT NULL THEN 0 ELSE 1 END
       FROM missed_question_occurrences o ${trendOf}
       WHERE true${of('o')}
     ) x GROUP BY 1, 2, 3, 4`,
    params,
  );
  await tx.query(
    `INSERT INTO missed_trend_split (org_id, agent_id, session_id, message_id, occurred_at, asked_at)
     SELECT o.org_id, o.agent_id, o.session_id, o.message_id, o.occurred_at, (t.asked ->> o.message_id)::timestamptz
     FROM missed_question_occurrences o ${trendOf}
     WHERE t.asked -> o.message_id IS NOT NULL${of('o')}
       AND ${slotOf('(t.asked ->> o.message_id)::timestamptz')} <> ${slotOf('o.occurred_at')}`,
    params,
  );
}

/**
 * Migration 7's tables (see the comment at the top of this file).
 *
 * @example
 * ```ts
 * for (const statement of TREND_TABLES.split(';')) await tx.query(statement);
 * ```
 */
export const TREND_TABLES = `
  CREATE TABLE missed_trend_slots (
    org_id text COLLATE "C" NOT NULL,
    slot timestamptz NOT NULL,
    agent_id text COLLATE "C" NOT NULL,
    shard smallint NOT NULL,
    questions integer NOT NULL,
    missed integer NOT NULL,
    unasked integer NOT NULL,
    PRIMARY KEY (org_id, slot, agent_id, shard)
  );
  CREATE TABLE missed_trend_split (
    org_id text COLLATE "C" NOT NULL,
    agent_id text COLLATE "C" NOT NULL,
    session_id text COLLATE "C" NOT NULL,
    message_id text COLLATE "C" NOT NULL,
    occurred_at timestamptz NOT NULL,
    asked_at timestamptz NOT NULL,
    PRIMARY KEY (org_id, agent_id, session_id, message_id)
  );
  CREATE INDEX missed_trend_split_occurred ON missed_trend_split (org_id, occurred_at);
  CREATE INDEX missed_trend_split_asked ON missed_trend_split (org_id, asked_at);
  CREATE TABLE missed_trend_sessions (
    org_id text COLLATE "C" NOT NULL,
    agent_id text COLLATE "C" NOT NULL,
    session_id text COLLATE "C" NOT NULL,
    asked jsonb NOT NULL,
    PRIMARY KEY (org_id, agent_id, session_id)
  )`;
