import type { SessionDoc } from '../session-merge.js';
import type { SqlQueryable } from './driver.js';
import { shardOf, slotOf, slotStart } from './trend-rollup.js';

// The session-write half of the trend's rollups (trend-rollup.ts holds the tables, the rule and the lock order):
// what a session's write or deletion changes in `missed_trend_sessions`, `missed_trend_slots` and
// `missed_trend_split`, inside its transaction.

/** The user messages of a session, first of each id: id to instant (epoch ms), as core's trend counts them. */
function userMessageTimes(doc: SessionDoc | undefined): Map<string, number> {
  const times = new Map<string, number>();
  for (const message of doc?.messages ?? []) {
    if (message.role === 'user' && !times.has(message.id))
      times.set(message.id, Date.parse(message.createdAt));
  }
  return times;
}

const iso = (time: number | undefined): string | null =>
  time === undefined ? null : new Date(time).toISOString();

/** Questions added (+) and taken away (-) per slot between two sets of user messages. */
function slotDeltas(before: Map<string, number>, after: Map<string, number>): { slot: string; n: number }[] {
  const deltas = new Map<number, number>();
  for (const time of before.values()) deltas.set(slotStart(time), (deltas.get(slotStart(time)) ?? 0) - 1);
  for (const time of after.values()) deltas.set(slotStart(time), (deltas.get(slotStart(time)) ?? 0) + 1);
  return [...deltas].filter(([, n]) => n !== 0).map(([slot, n]) => ({ slot: iso(slot) as string, n }));
}

// The session's agent's occurrences of the messages whose time changed move between asked, split and unasked.
// Slot rows are written in slot order, so two writes sharing rows lock them in the same order.
const TRACK_SESSION_SQL = `
  WITH o AS (
    SELECT o.message_id, o.occurred_at, ${slotOf('o.occurred_at')} AS slot, c.before, c.after
    FROM jsonb_to_recordset($4::jsonb) AS c(id text, before timestamptz, after timestamptz)
    JOIN missed_question_occurrences o
      ON o.org_id = $1 AND o.agent_id = $3 AND o.session_id = $2 AND o.message_id = c.id
  ), counts AS (
    SELECT slot, sum(q)::integer AS q, sum(u)::integer AS u FROM (
      SELECT d.slot, d.n AS q, 0 AS u FROM jsonb_to_recordset($5::jsonb) AS d(slot timestamptz, n integer)
      UNION ALL
      SELECT slot, 0, (after IS NULL)::integer - (before IS NULL)::integer FROM o
    ) x GROUP BY slot
  ), slots AS (
    INSERT INTO missed_trend_slots AS x (org_id, slot, agent_id, shard, questions, missed, unasked)
    SELECT $1, slot, $3, ${shardOf('$2')}, q, 0, u FROM counts WHERE q <> 0 OR u <> 0 ORDER BY slot
    ON CONFLICT (org_id, slot, agent_id, shard)
    DO UPDATE SET questions = x.questions + excluded.questions, unasked = x.unasked + excluded.unasked
    RETURNING 1
  ), split AS (
    SELECT message_id, occurred_at, after FROM o WHERE after IS NOT NULL AND ${slotOf('after')} <> slot
  ), split_set AS (
    INSERT INTO missed_trend_split AS x (org_id, agent_id, session_id, message_id, occurred_at, asked_at)
    SELECT $1, $3, $2, message_id, occurred_at, after FROM split
    ON CONFLICT (org_id, agent_id, session_id, message_id)
    DO UPDATE SET occurred_at = excluded.occurred_at, asked_at = excluded.asked_at
    RETURNING 1
  )
  DELETE FROM missed_trend_split x USING o
  WHERE x.org_id = $1 AND x.session_id = $2 AND x.agent_id = $3 AND x.message_id = o.message_id
    AND NOT EXISTS (SELECT 1 FROM split WHERE split.message_id = x.message_id)`;

/**
 * What a session write changes in the trend: its session row's `asked` and the slot statement's parameters.
 *
 * @example
 * ```ts
 * const change: SessionTrendChange | undefined = sessionTrendChange(stored, merged);
 * ```
 */
export interface SessionTrendChange {
  /** The session row's `asked` ({ message id: instant }), as JSON. */
  readonly asked: string;
  readonly changed: string;
  readonly deltas: string;
}

/**
 * What a session write changes in the trend's rollups (`before` the stored document, undefined for a new
 * session; `after` the one written): undefined when its user messages did not change (a session without any
 * needs no row: no occurrence can be asked in it).
 *
 * @example
 * ```ts
 * const change = sessionTrendChange(undefined, createdDoc);
 * ```
 */
export function sessionTrendChange(
  before: SessionDoc | undefined,
  after: SessionDoc,
): SessionTrendChange | undefined {
  const old = userMessageTimes(before);
  const now = userMessageTimes(after);
  const changed = [...new Set([...old.keys(), ...now.keys()])]
    .filter((id) => old.get(id) !== now.get(id))
    .map((id) => ({ id, before: iso(old.get(id)), after: iso(now.get(id)) }));
  if (changed.length === 0) return undefined;
  return {
    asked: JSON.stringify(Object.fromEntries([...now].map(([id, time]) => [id, iso(time)]))),
    changed: JSON.stringify(changed),
    deltas: JSON.stringify(slotDeltas(old, now)),
  };
}

/**
 * The statement writing a session's row of `missed_trend_sessions` (its `asked`, {@link SessionTrendChange}), given
 * the SQL of each value and the condition it is written on: a statement of its own or a CTE.
 *
 * @example
 * ```ts
 * await tx.query(upsertTrendSession({ org: '$1', session: '$2', agent: '$3', asked: '$4' }), params);
 * ```
 */
export const upsertTrendSession = (
  sql: { readonly org: string; readonly session: string; readonly agent: string; readonly asked: string },
  when = 'true',
): string => `INSERT INTO missed_trend_sessions (org_id, agent_id, session_id, asked)
  SELECT ${sql.org}, ${sql.agent}, ${sql.session}, ${sql.asked}::jsonb WHERE ${when}
  ON CONFLICT (org_id, agent_id, session_id) DO UPDATE SET asked = excluded.asked`;

const UPSERT_TREND_SESSION = upsertTrendSession({ org: '$1', session: '$2', agent: '$3', asked: '$4' });

/**
 * Moves the session's occurrences and questions between the trend's rollups, once its row of
 * `missed_trend_sessions` is written in this transaction (by {@link upsertTrendSession}, in an earlier
 * statement: this one's snapshot then holds every report that wrote the row before).
 *
 * @example
 * ```ts
 * await applySessionTrendChange(tx, 'org-1', doc, change);
 * ```
 */
export async function applySessionTrendChange(
  tx: SqlQueryable,
  orgId: string,
  after: SessionDoc,
  change: SessionTrendChange,
): Promise<void> {
  await tx.query(TRACK_SESSION_SQL, [orgId, after.id, after.agentId, change.changed, change.deltas]);
}

/**
 * Keeps the trend's rollups in step with a session write, inside its transaction: `before` is the stored
 * document (undefined for a new session), `after` the one written. Nothing runs when the user messages did not
 * change (see {@link sessionTrendChange}). The session's row of `missed_trend_sessions` is written first, so a
 * concurrent report of one of its messages either committed before (and is read here) or waits for this
 * transaction and reads what it wrote.
 *
 * @example
 * ```ts
 * await trackSessionTrend(tx, 'org-1', stored, merged);
 * ```
 */
export async function trackSessionTrend(
  tx: SqlQueryable,
  orgId: string,
  before: SessionDoc | undefined,
  after: SessionDoc,
): Promise<void> {
  const change = sessionTrendChange(before, after);
  if (change === undefined) return;
  await tx.query(UPSERT_TREND_SESSION, [orgId, after.id, after.agentId, change.asked]);
  await applySessionTrendChange(tx, orgId, after, change);
}

/**
 * Takes a deleted session out of the trend's rollups, inside the delete's transaction and before its
 * occurrences go: its questions, and every occurrence reported from it (its agent's) with its kind.
 *
 * @example
 * ```ts
 * await untrackSessionTrend(tx, 'org-1', deletedDoc);
 * ```
 */
export async function untrackSessionTrend(tx: SqlQueryable, orgId: string, doc: SessionDoc): Promise<void> {
  const times = userMessageTimes(doc);
  // Taking the session's row first (writing it when there is none: a session without user messages has none)
  // holds a report of one of its messages until this transaction ends, and lets one that committed before be
  // read here; the row goes at the end. Slot rows are written in slot order (see TRACK_SESSION_SQL).
  await tx.query(
    `INSERT INTO missed_trend_sessions AS x (org_id, agent_id, session_id, asked) VALUES ($1, $2, $3, '{}')
     ON CONFLICT (org_id, agent_id, session_id) DO UPDATE SET asked = x.asked`,
    [orgId, doc.agentId, doc.id],
  );
  // The questions of its occurrences before the slot rows, as a report locks them (see the lock order above):
  // no report of this session commits meanwhile, so the deletion finds these same questions afterwards.
  await tx.query(
    `SELECT id FROM missed_questions WHERE org_id = $1 AND id IN (SELECT missed_question_id
       FROM missed_question_occurrences WHERE org_id = $1 AND agent_id = $2 AND session_id = $3)
     ORDER BY id FOR UPDATE`,
    [orgId, doc.agentId, doc.id],
  );
  await tx.query(
    `WITH o AS (
       SELECT ${slotOf('occurred_at')} AS slot, $4::jsonb -> message_id IS NOT NULL AS asked_here
       FROM missed_question_occurrences WHERE org_id = $1 AND agent_id = $3 AND session_id = $2
     ), counts AS (
       SELECT slot, sum(q)::integer AS q, sum(m)::integer AS m, sum(u)::integer AS u FROM (
         SELECT d.slot, d.n AS q, 0 AS m, 0 AS u FROM jsonb_to_recordset($5::jsonb) AS d(slot timestamptz, n integer)
         UNION ALL
         SELECT slot, 0, -1, CASE WHEN asked_here THEN 0 ELSE -1 END FROM o
       ) x GROUP BY slot
     ), slots AS (
       INSERT INTO missed_trend_slots AS x (org_id, slot, agent_id, shard, questions, missed, unasked)
       SELECT $1, slot, $3, ${shardOf('$2')}, q, m, u FROM counts ORDER BY slot
       ON CONFLICT (org_id, slot, agent_id, shard) DO UPDATE SET questions = x.questions + excluded.questions,
         missed = x.missed + excluded.missed, unasked = x.unasked + excluded.unasked
       RETURNING 1
     ), session_row AS (
       DELETE FROM missed_trend_sessions WHERE org_id = $1 AND agent_id = $3 AND session_id = $2 RETURNING 1
     )
     DELETE FROM missed_trend_split WHERE org_id = $1 AND agent_id = $3 AND session_id = $2`,
    [
      orgId,
      doc.id,
      doc.agentId,
      JSON.stringify(Object.fromEntries([...times].map(([id, time]) => [id, iso(time)]))),
      JSON.stringify(slotDeltas(times, new Map())),
    ],
  );
}
