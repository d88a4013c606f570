import { compileSessionQuery, type Session, sessionLastActivity } from '@observatory/core';
import type { SessionDoc } from '../session-merge.js';
import { foldForSearch, SEARCH_TEXT_SEPARATOR } from './search-fold.js';

// The quick filters, each decided by core's own predicate, so a column cannot drift from the rule it stands for.
const hasFallback = compileSessionQuery({ containsFallback: true });
const hasFeedback = compileSessionQuery({ containsFeedback: true });
const hasLiveChat = compileSessionQuery({ containsLiveChat: true });
const hasCsat = compileSessionQuery({ containsCSATSurvey: true });

/**
 * The columns of a `sessions` row besides `org_id`, derived from the session document: the indexed ones
 * (agent, deployment, times, tags), the quick-filter facts and the folded transcript the trigram index
 * searches. Written by every session write, by the migration that added the facts, and by bulk seeding.
 *
 * @example
 * ```ts
 * const row = sessionRowValues(doc);
 * row.has_fallback; // true when some message has category FALLBACK
 * ```
 */
export function sessionRowValues(doc: SessionDoc) {
  const session: Session = { ...doc, interactions: [] };
  const csatStatuses = new Set<string>(doc.csatSurveys.map((survey) => survey.status));
  for (const message of doc.messages)
    if (message.event?.type === 'csat') csatStatuses.add(message.event.status);
  return {
    id: doc.id,
    agent_id: doc.agentId,
    deployment_id: doc.deployment?.id ?? null,
    // Millisecond precision, as core compares instants with Date.parse: SQL order then equals core's order.
    created_at: new Date(doc.createdAt).toISOString(),
    last_activity_at: sessionLastActivity(doc),
    tags: doc.tags,
    has_fallback: hasFallback(session),
    has_feedback: hasFeedback(session),
    has_livechat: hasLiveChat(session),
    has_csat: hasCsat(session),
    csat_statuses: [...csatStatuses],
    search_text: foldForSearch(doc.messages.map((m) => m.text).join(SEARCH_TEXT_SEPARATOR)),
  };
}

/**
 * The `$2` of {@link INSERT_SESSION_ROWS} for one session, and the document's JSON within it: the document is
 * serialised once, for the statement and for the copy a write returns (what its `jsonb` column reads back as).
 *
 * @example
 * ```ts
 * const { rows, docJson } = sessionRowParam(doc);
 * await db.query(INSERT_SESSION_ROWS, [orgId, rows]);
 * ```
 */
export function sessionRowParam(doc: SessionDoc): { readonly rows: string; readonly docJson: string } {
  const docJson = JSON.stringify(doc);
  // `{…}` of the derived columns, the document appended as its last field: JSON.stringify([{ ...values, doc }]).
  const values = JSON.stringify(sessionRowValues(doc));
  return { rows: `[${values.slice(0, -1)},"doc":${docJson}}]`, docJson };
}

/** The row {@link sessionRowValues} computes. */
export type SessionRowValues = ReturnType<typeof sessionRowValues>;

/**
 * The `INSERT … SELECT` that writes rows from a JSON array of {@link sessionRowValues} (each with its `doc`),
 * one statement for any number of sessions: `$1` the organization, `$2` the array.
 *
 * @example
 * ```ts
 * await db.query(`${INSERT_SESSION_ROWS} ON CONFLICT DO NOTHING`, [orgId, JSON.stringify(rows)]);
 * ```
 */
export const INSERT_SESSION_ROWS = `INSERT INTO sessions (org_id, id, agent_id, deployment_id, created_at,
    last_activity_at, tags, has_fallback, has_feedback, has_livechat, has_csat, csat_statuses, search_text,
    doc)
  SELECT $1, x.id, x.agent_id, x.deployment_id, x.created_at, x.last_activity_at,
    ARRAY(SELECT jsonb_array_elements_text(x.tags)), x.has_fallback, x.has_feedback, x.has_livechat, x.has_csat,
    ARRAY(SELECT jsonb_array_elements_text(x.csat_statuses)), x.search_text, x.doc
  FROM jsonb_to_recordset($2::jsonb) AS x(id text, agent_id text, deployment_id text, created_at timestamptz,
    last_activity_at timestamptz, tags jsonb, has_fallback boolean, has_feedback boolean, has_livechat boolean,
    has_csat boolean, csat_statuses jsonb, search_text text, doc jsonb)`;

/**
 * The ids of a session row's messages as a JSON array (`["m1","m2"]`), in SQL: the expression the message-id
 * index holds (migration 10), so a lookup must spell it exactly so to use it.
 *
 * @example
 * ```ts
 * await db.query(`SELECT id FROM sessions WHERE org_id = $1 AND ${MESSAGE_IDS} @> $2::jsonb`, [org, '["m1"]']);
 * ```
 */
export const MESSAGE_IDS = `jsonb_path_query_array(doc -> 'messages', '$[*].id')`;
