import { AmbiguousSessionError } from '../../errors.js';
import type { SessionDoc } from '../session-merge.js';
import type { SqlQueryable } from './driver.js';
import { untrackSessionTrend } from './session-trend.js';
import { resolveSessionAgent } from './sql-session-by-id.js';

/**
 * Deletes a session with everything recorded under it, inside the caller's transaction: its interaction log, the
 * missed-question occurrences reported from its messages, and each missed question left with no occurrence at
 * all (its wording is a message of the deleted session; its triage status goes with it). The session is the one
 * of id `id` among those of `agents` (see `resolveSessionAgent`; AmbiguousSessionError when several agents hold
 * the id). Returns whether the session existed.
 */
export async function deleteSessionRows(
  tx: SqlQueryable,
  orgId: string,
  id: string,
  agents: readonly string[] | undefined,
): Promise<boolean> {
  const agentId = await resolveSessionAgent(tx, orgId, id, agents);
  if (agentId === undefined) return false;
  const [deleted] = await tx.query(
    'DELETE FROM sessions WHERE org_id = $1 AND agent_id = $2 AND id = $3 RETURNING doc',
    [orgId, agentId, id],
  );
  if (deleted === undefined) return false;
  await untrackSessionTrend(tx, orgId, deleted.doc as SessionDoc);
  await tx.query('DELETE FROM interactions WHERE org_id = $1 AND agent_id = $2 AND session_id = $3', [
    orgId,
    agentId,
    id,
  ]);
  // The occurrences go, counted per (question, UTC day) for the rollups (migration 5).
  const gone = await tx.query(
    `WITH gone AS (
       DELETE FROM missed_question_occurrences WHERE org_id = $1 AND agent_id = $2 AND session_id = $3
       RETURNING missed_question_id, occurred_at
     )
     SELECT missed_question_id, date_trunc('day', occurred_at, 'UTC') AS day, count(*) AS n
     FROM gone GROUP BY 1, 2`,
    [orgId, agentId, id],
  );
  if (gone.length === 0) return true;
  const perQuestion = new Map<string, number>();
  for (const row of gone) {
    const question = String(row.missed_question_id);
    perQuestion.set(question, (perQuestion.get(question) ?? 0) + Number(row.n));
  }
  const questions = [...perQuestion.keys()].sort();
  // The questions are locked already (untrackSessionTrend, in one order, so a report adding an occurrence to one
  // of them committed before and its counts are under these); take the session's occurrences out of every
  // count. The questions are the session's agent's, so their (question, session) rows are this session's alone.
  for (const table of [
    'missed_question_sessions',
    'missed_question_session_days',
    'missed_question_multiday',
  ]) {
    await tx.query(
      `DELETE FROM ${table} WHERE org_id = $1 AND missed_question_id = ANY($2::text[]) AND session_id = $3`,
      [orgId, questions, id],
    );
  }
  await tx.query(
    `UPDATE missed_questions q SET occurrence_count = q.occurrence_count - c.n, session_count = q.session_count - 1,
       last_seen = (SELECT max(o.occurred_at) FROM missed_question_occurrences o
                    WHERE o.org_id = q.org_id AND o.missed_question_id = q.id)
     FROM jsonb_to_recordset($2::jsonb) AS c(id text, n integer)
     WHERE q.org_id = $1 AND q.id = c.id`,
    [orgId, JSON.stringify(questions.map((question) => ({ id: question, n: perQuestion.get(question) })))],
  );
  await tx.query(
    // The session was one of each of its days' sessions.
    `UPDATE missed_question_days d SET occurrences = d.occurrences - c.n, sessions = d.sessions - 1,
       last_seen = coalesce((SELECT max(o.occurred_at) FROM missed_question_occurrences o
                             WHERE o.org_id = d.org_id AND o.missed_question_id = d.missed_question_id
                               AND o.occurred_at >= d.day AND o.occurred_at < d.day + interval '24 hours'), d.last_seen)
     FROM jsonb_to_recordset($2::jsonb) AS c(id text, day timestamptz, n integer)
     WHERE d.org_id = $1 AND d.missed_question_id = c.id AND d.day = c.day`,
    [
      orgId,
      JSON.stringify(
        gone.map((row) => ({
          id: row.missed_question_id,
          day: (row.day as Date).toISOString(),
          n: Number(row.n),
        })),
      ),
    ],
  );
  await tx.query(
    'DELETE FROM missed_question_days WHERE org_id = $1 AND missed_question_id = ANY($2::text[]) AND occurrences <= 0',
    [orgId, questions],
  );
  // A question left with no occurrence goes (its count, read under the lock, includes every committed report).
  await tx.query(
    'DELETE FROM missed_questions WHERE org_id = $1 AND id = ANY($2::text[]) AND occurrence_count <= 0',
    [orgId, questions],
  );
  return true;
}

/**
 * Deletes the interaction logs of sessions `sessionIds` inside the caller's transaction, of sessions of `agents`
 * only when given (a step carries its session's agent); the sessions stay. An id several agents' sessions hold
 * (among `agents`) names no one session: AmbiguousSessionError, before anything is deleted. Returns how many
 * steps were deleted.
 */
export async function deleteInteractionRows(
  tx: SqlQueryable,
  orgId: string,
  sessionIds: readonly string[],
  agents: readonly string[] | undefined,
): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const scope = agents === undefined ? null : [...agents];
  const [shared] = await tx.query(
    `SELECT id, array_agg(agent_id ORDER BY agent_id) AS agents FROM sessions
     WHERE org_id = $1 AND id = ANY($2::text[]) AND ($3::text[] IS NULL OR agent_id = ANY($3::text[]))
     GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 1`,
    [orgId, [...sessionIds], scope],
  );
  if (shared !== undefined) throw new AmbiguousSessionError(String(shared.id), shared.agents as string[]);
  const deleted = await tx.query(
    `DELETE FROM interactions WHERE org_id = $1 AND session_id = ANY($2::text[])
       AND ($3::text[] IS NULL OR agent_id = ANY($3::text[]))
     RETURNING id`,
    [orgId, [...sessionIds], scope],
  );
  return deleted.length;
}
