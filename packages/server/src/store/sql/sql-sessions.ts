import {
  compileSearch,
  compileSessionQuery,
  normalizePageRequest,
  type Page,
  type PageRequest,
  type QuestionRef,
  type Session,
  type SessionQuery,
  type TraceStep,
} from '@observatory/core';
import type { SessionDoc } from '../session-merge.js';
import type { StoredTraceStep } from '../store.js';
import type { SqlQueryable, SqlRow } from './driver.js';
import { MESSAGE_IDS } from './session-row.js';
import { type SqlCondition, sessionWhere } from './session-where.js';
import { readSession } from './sql-session-by-id.js';

/** Rows fetched per round trip when streaming: bounds memory whatever the result size. */
export const STREAM_BATCH = 500;

function toSession(row: SqlRow): Session {
  return { ...(row.doc as SessionDoc), interactions: [] };
}

/** A keyset position in the sessions' order (created_at, id, agent_id): two agents may hold one id. */
interface SessionCursor {
  readonly createdAt: string;
  readonly id: string;
  readonly agentId: string;
}

/** The `WHERE` part that continues after `cursor` (its three parameters pushed onto `params`). */
function afterCursor(cursor: SessionCursor, params: unknown[], desc: boolean): string {
  params.push(cursor.createdAt, cursor.id, cursor.agentId);
  const n = params.length;
  return ` AND (created_at, id, agent_id) ${desc ? '<' : '>'} ($${n - 2}::timestamptz, $${n - 1}, $${n})`;
}

function cursorOf(row: SqlRow): SessionCursor {
  return {
    createdAt: (row.created_at as Date).toISOString(),
    id: String(row.id),
    agentId: String(row.agent_id),
  };
}

/**
 * Streams the sessions matching `query` by keyset pages on (created_at, id, agent_id): flat memory, and stable while rows
 * are inserted. Parts SQL cannot express exactly are filtered by core's predicate on the streamed rows.
 */
export async function* streamSessionRows(
  db: SqlQueryable,
  orgId: string,
  query: SessionQuery,
): AsyncGenerator<Session> {
  const condition = sessionWhere(orgId, query);
  const predicate = condition.residual ? compileSessionQuery(query) : undefined;
  const desc = (query.sort?.order ?? 'desc') === 'desc';
  const direction = desc ? 'DESC' : 'ASC';
  let cursor: SessionCursor | undefined;
  for (;;) {
    const params = [...condition.params];
    let where = condition.where;
    if (cursor) where += afterCursor(cursor, params, desc);
    params.push(STREAM_BATCH);
    const rows = await db.query(
      `SELECT created_at, id, agent_id, doc FROM sessions WHERE ${where}
       ORDER BY created_at ${direction}, id ${direction}, agent_id ${direction} LIMIT $${params.length}`,
      params,
    );
    for (const row of rows) {
      const session = toSession(row);
      if (predicate === undefined || predicate(session)) yield session;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_BATCH) return;
    cursor = cursorOf(last);
  }
}

/**
 * How many matches past the end of its page a session list counts: `total` is exact up to
 * `(page + 1) × pageSize + TOTAL_CAP` matches and reads as that number beyond (a lower bound), so that a page
 * never counts more rows than that, however many sessions an organization holds. A client paging while
 * `(page + 1) × pageSize < total` still reaches every match, since the bound moves with the page.
 *
 * @example
 * ```ts
 * const first = await store.listSessions('org-1', {}, { page: 0, pageSize: 20 });
 * const more = first.total === 20 + TOTAL_CAP; // at least that many match
 * ```
 */
export const TOTAL_CAP = 1_000;

/**
 * One page of sessions. When SQL expresses the whole query, the page and its capped total come from one
 * statement: the keys of the matches (an index scan of at most `start + pageSize + TOTAL_CAP` entries) are counted and the
 * page's documents fetched by key. Otherwise the candidates SQL selects stream in keyset batches through core's
 * predicate, counted up to the same cap (memory bounded by the page size).
 */
export async function pageSessions(
  db: SqlQueryable,
  orgId: string,
  query: SessionQuery,
  request?: PageRequest,
): Promise<Page<Session>> {
  const { page, pageSize } = normalizePageRequest(request);
  const start = page * pageSize;
  const countUpTo = start + pageSize + TOTAL_CAP;
  const condition = sessionWhere(orgId, query);
  if (!condition.residual) {
    const direction = (query.sort?.order ?? 'desc') === 'desc' ? 'DESC' : 'ASC';
    const order = (alias: string) =>
      `${alias}.created_at ${direction}, ${alias}.id ${direction}, ${alias}.agent_id ${direction}`;
    const n = condition.params.length;
    const rows = await db.query(
      `WITH matches AS MATERIALIZED (
         SELECT created_at, id, agent_id FROM sessions WHERE ${condition.where}
         ORDER BY created_at ${direction}, id ${direction}, agent_id ${direction} LIMIT $${n + 1}),
       picked AS (SELECT m.created_at, m.id, m.agent_id FROM matches m ORDER BY ${order('m')}
         OFFSET $${n + 2} LIMIT $${n + 3})
       SELECT (SELECT count(*) FROM matches) AS total, s.doc
       FROM (SELECT 1) AS one
       LEFT JOIN (picked JOIN sessions s ON s.org_id = $1 AND s.agent_id = picked.agent_id AND s.id = picked.id)
         ON true
       ORDER BY ${order('picked')}`,
      [...condition.params, countUpTo, start, pageSize],
    );
    const items = rows.filter((row) => row.doc != null).map(toSession);
    return { items, page, pageSize, total: Number(rows[0]?.total ?? 0) };
  }
  if (condition.confirmOnSearchText && query.search !== undefined) {
    return pageOnSearchText(db, condition, query.search, query.sort, { page, pageSize, start, countUpTo });
  }
  const items: Session[] = [];
  let total = 0;
  for await (const session of streamSessionRows(db, orgId, query)) {
    if (total >= start && items.length < pageSize) items.push(session);
    total += 1;
    if (total >= countUpTo) break;
  }
  return { items, page, pageSize, total };
}

/**
 * A page whose only residual part is a `fullWord` search: the candidates' folded `search_text` (not their
 * documents) streams in keyset batches through core's `compileSearch`, which answers on it as on the messages
 * (see `search-fold.ts`); only the page's documents are read.
 */
async function pageOnSearchText(
  db: SqlQueryable,
  condition: SqlCondition,
  search: NonNullable<SessionQuery['search']>,
  sort: SessionQuery['sort'],
  paging: { page: number; pageSize: number; start: number; countUpTo: number },
): Promise<Page<Session>> {
  const matches = compileSearch(search);
  const desc = (sort?.order ?? 'desc') === 'desc';
  const direction = desc ? 'DESC' : 'ASC';
  const keys: Array<{ agent_id: string; id: string }> = [];
  let total = 0;
  let cursor: SessionCursor | undefined;
  while (total < paging.countUpTo) {
    const params = [...condition.params];
    let where = condition.where;
    if (cursor) where += afterCursor(cursor, params, desc);
    params.push(STREAM_BATCH);
    const rows = await db.query(
      `SELECT created_at, id, agent_id, search_text FROM sessions WHERE ${where}
       ORDER BY created_at ${direction}, id ${direction}, agent_id ${direction} LIMIT $${params.length}`,
      params,
    );
    for (const row of rows) {
      if (!matches(String(row.search_text))) continue;
      if (total >= paging.start && keys.length < paging.pageSize)
        keys.push({ agent_id: String(row.agent_id), id: String(row.id) });
      total += 1;
      if (total >= paging.countUpTo) break;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_BATCH) break;
    cursor = cursorOf(last);
  }
  // By id through its index; another agent's session of one of these ids is read too, and left out below.
  const docs = await db.query(
    'SELECT agent_id, id, doc FROM sessions WHERE org_id = $1 AND id = ANY($2::text[])',
    [condition.params[0], keys.map((k) => k.id)],
  );
  const key = (agentId: string, id: string) => JSON.stringify([agentId, id]);
  const byKey = new Map(docs.map((row) => [key(String(row.agent_id), String(row.id)), toSession(row)]));
  const items = keys.flatMap((k) => byKey.get(key(k.agent_id, k.id)) ?? []);
  return { items, page: paging.page, pageSize: paging.pageSize, total };
}

/**
 * The session whose transcript holds the message `messageId` (the first by time when several do), via the GIN
 * index of message ids (migration 10), whose expression also gives the planner statistics of the ids.
 */
export async function findSessionByMessageRow(
  db: SqlQueryable,
  orgId: string,
  messageId: string,
  agents?: readonly string[],
): Promise<Session | undefined> {
  const params: unknown[] = [orgId, JSON.stringify([messageId])];
  const byAgent = agents === undefined ? '' : ` AND agent_id = ANY($${params.push([...agents])}::text[])`;
  const [row] = await db.query(
    `SELECT id, agent_id FROM sessions WHERE org_id = $1 AND ${MESSAGE_IDS} @> $2::jsonb${byAgent}
     ORDER BY created_at, id, agent_id LIMIT 1`,
    params,
  );
  return row === undefined ? undefined : readSession(db, orgId, String(row.id), [String(row.agent_id)]);
}

/** Interaction-log steps by timestamp, of one message or of the organization. */
export async function selectInteractions(
  db: SqlQueryable,
  orgId: string,
  options: { messageId?: string; agents?: readonly string[]; order?: 'asc' | 'desc'; limit?: number },
): Promise<StoredTraceStep[]> {
  const params: unknown[] = [orgId];
  let where = 'i.org_id = $1';
  if (options.messageId !== undefined) {
    params.push(options.messageId);
    where += ` AND i.message_id = $${params.length}`;
  }
  if (options.agents !== undefined) {
    params.push(options.agents);
    where += ` AND s.agent_id = ANY($${params.length}::text[])`;
  }
  const direction = options.order === 'desc' ? 'DESC' : 'ASC';
  params.push(options.limit ?? 1000);
  const rows = await db.query(
    `SELECT i.session_id, i.doc FROM interactions i
     JOIN sessions s ON s.org_id = i.org_id AND s.agent_id = i.agent_id AND s.id = i.session_id
     WHERE ${where} ORDER BY i.ts ${direction}, i.id ${direction} LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({ ...(r.doc as TraceStep), sessionId: String(r.session_id) }));
}

/**
 * Streams the user messages sent in a range: sessions that were active in it are read in keyset batches and
 * their user messages inside the range emitted.
 */
export async function* streamUserMessageRows(
  db: SqlQueryable,
  orgId: string,
  filter: { agents?: readonly string[] | undefined; range: { from: string; to: string } },
): AsyncGenerator<QuestionRef> {
  const from = Date.parse(filter.range.from);
  const to = Date.parse(filter.range.to);
  let cursor: SessionCursor | undefined;
  for (;;) {
    const params: unknown[] = [orgId, filter.range.from, filter.range.to];
    let where = 'org_id = $1 AND created_at < $3::timestamptz AND last_activity_at >= $2::timestamptz';
    if (filter.agents !== undefined) {
      params.push(filter.agents);
      where += ` AND agent_id = ANY($${params.length}::text[])`;
    }
    if (cursor) where += afterCursor(cursor, params, false);
    params.push(STREAM_BATCH);
    const rows = await db.query(
      `SELECT created_at, id, agent_id, doc FROM sessions WHERE ${where}
       ORDER BY created_at, id, agent_id LIMIT $${params.length}`,
      params,
    );
    for (const row of rows) {
      const doc = row.doc as SessionDoc;
      for (const message of doc.messages) {
        const at = Date.parse(message.createdAt);
        if (message.role === 'user' && at >= from && at < to) {
          yield {
            agentId: doc.agentId,
            sessionId: doc.id,
            messageId: message.id,
            createdAt: message.createdAt,
          };
        }
      }
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_BATCH) return;
    cursor = cursorOf(last);
  }
}
