import type { TagScope } from '@observatory/core';
import type { OrganizationTag } from '../store.js';
import type { SqlQueryable } from './driver.js';

/**
 * Inserts an organization tag unless one of its scope and label exists, and returns the stored one.
 *
 * @example
 * ```ts
 * const { tag, created } = await insertTag(tx, 'org-1', { scope: 'CHAT_SESSIONS', label: 'refund', createdAt: now });
 * ```
 */
export async function insertTag(
  db: SqlQueryable,
  orgId: string,
  tag: OrganizationTag,
): Promise<{ tag: OrganizationTag; created: boolean }> {
  const inserted = await db.query(
    `INSERT INTO organization_tags (org_id, scope, label, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, scope, label) DO NOTHING RETURNING created_at`,
    [orgId, tag.scope, tag.label, tag.createdAt ?? new Date().toISOString()],
  );
  const [row] =
    inserted.length > 0
      ? inserted
      : await db.query(
          'SELECT created_at FROM organization_tags WHERE org_id = $1 AND scope = $2 AND label = $3',
          [orgId, tag.scope, tag.label],
        );
  // Inside the caller's transaction the row inserted or found is there: only a concurrent delete could remove it.
  if (row === undefined) throw new Error(`organization tag ${tag.scope}/${tag.label} vanished`);
  const createdAt = (row.created_at as Date).toISOString();
  return { tag: { scope: tag.scope, label: tag.label, createdAt }, created: inserted.length > 0 };
}

/**
 * The organization's tags (see `ObservatoryStore.listTags`): those created, then the session tags no created
 * `CHAT_SESSIONS` tag names, of the sessions of `agents` (every agent when absent); sorted by label, then scope.
 *
 * @example
 * ```ts
 * const tags = await selectTags(db, 'org-1', { scope: 'CHAT_SESSIONS', agents: ['faq-bot'] });
 * ```
 */
export async function selectTags(
  db: SqlQueryable,
  orgId: string,
  filter: { scope?: TagScope | undefined; agents?: readonly string[] | undefined },
): Promise<OrganizationTag[]> {
  const created = await db.query(
    `SELECT scope, label, created_at FROM organization_tags
     WHERE org_id = $1 AND ($2::text IS NULL OR scope = $2)`,
    [orgId, filter.scope ?? null],
  );
  const tags: OrganizationTag[] = created.map((row) => ({
    scope: String(row.scope) as TagScope,
    label: String(row.label),
    createdAt: (row.created_at as Date).toISOString(),
  }));
  if (filter.scope === undefined || filter.scope === 'CHAT_SESSIONS') {
    const named = new Set(tags.filter((tag) => tag.scope === 'CHAT_SESSIONS').map((tag) => tag.label));
    const used = await db.query(
      `SELECT DISTINCT unnest(tags) AS label FROM sessions
       WHERE org_id = $1 AND ($2::text[] IS NULL OR agent_id = ANY($2::text[]))`,
      [orgId, filter.agents === undefined ? null : [...filter.agents]],
    );
    for (const row of used) {
      const label = String(row.label);
      if (!named.has(label)) tags.push({ scope: 'CHAT_SESSIONS', label });
    }
  }
  // Byte-wise, as the ids and labels are stored ("C" collation), on every engine.
  const byteWise = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return tags.sort((a, b) => byteWise(a.label, b.label) || byteWise(a.scope, b.scope));
}
