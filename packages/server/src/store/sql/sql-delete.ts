import type { SqlQueryable } from './driver.js';

/**
 * Deletes a session with everything recorded under it, inside the caller's transaction: its interaction log, the
 * missed-question occurrences reported from its messages, and each missed question left with no occurrence at
 * all (its wording is a message of the deleted session; its triage status goes with it). Returns whether the
 * session existed.
 */
export async function deleteSessionRows(tx: SqlQueryable, orgId: string, id: string): Promise<boolean> {
  const deleted = await tx.query('DELETE FROM sessions WHERE org_id = $1 AND id = $2 RETURNING id', [
    orgId,
    id,
  ]);
  if (deleted.length === 0) return false;
  await tx.query('DELETE FROM interactions WHERE org_id = $1 AND session_id = $2', [orgId, id]);
  const occurrences = await tx.query(
    `DELETE FROM missed_question_occurrences WHERE org_id = $1 AND session_id = $2
     RETURNING missed_question_id`,
    [orgId, id],
  );
  const questions = [...new Set(occurrences.map((row) => String(row.missed_question_id)))];
  if (questions.length > 0) {
    // Lock the questions first (waiting for a report adding an occurrence to one of them), then decide in a new
    // statement, whose snapshot sees that occurrence: a question reported again meanwhile stays.
    await tx.query('SELECT id FROM missed_questions WHERE org_id = $1 AND id = ANY($2::text[]) FOR UPDATE', [
      orgId,
      questions,
    ]);
    await tx.query(
      `DELETE FROM missed_questions q WHERE q.org_id = $1 AND q.id = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM missed_question_occurrences o
                       WHERE o.org_id = q.org_id AND o.missed_question_id = q.id)`,
      [orgId, questions],
    );
  }
  return true;
}

/**
 * Deletes the interaction logs of sessions `sessionIds`, only of sessions of `agents` when given (a step's agent
 * is its session's); the sessions stay. Returns how many steps were deleted.
 */
export async function deleteInteractionRows(
  db: SqlQueryable,
  orgId: string,
  sessionIds: readonly string[],
  agents: readonly string[] | undefined,
): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const deleted =
    agents === undefined
      ? await db.query(
          'DELETE FROM interactions WHERE org_id = $1 AND session_id = ANY($2::text[]) RETURNING id',
          [orgId, [...sessionIds]],
        )
      : await db.query(
          `DELETE FROM interactions i USING sessions s
           WHERE i.org_id = $1 AND i.session_id = ANY($2::text[])
             AND s.org_id = i.org_id AND s.id = i.session_id AND s.agent_id = ANY($3::text[])
           RETURNING i.id`,
          [orgId, [...sessionIds], [...agents]],
        );
  return deleted.length;
}
