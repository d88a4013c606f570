import type { SqlQueryable } from './driver.js';

// Which UTC days each missed question has a day row on (migration 8), as a bit string on the question:
// `active_days` bit i is day `active_base + i` (days since 1970-01-01 UTC). Statement triggers on
// `missed_question_days` keep it, in the statement that inserts or deletes day rows (reports, session deletions,
// bulk seeding), so no writer has its own copy of the rule. A question's row is locked by every statement that
// adds or takes away its day rows (a report updates its counts, a deletion locks its questions first), and each
// statement of a trigger function reads the committed state afresh, so concurrent writers never lose a bit.

/** The day number (days since 1970-01-01 UTC) of a UTC-midnight timestamptz expression, in SQL. */
const dayNumber = (expression: string) => `(extract(epoch FROM ${expression}) / 86400)::integer`;

const FUNCTIONS = [
  `CREATE FUNCTION missed_question_days_added() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    FOR r IN SELECT DISTINCT org_id, missed_question_id AS id, ${dayNumber('day')} AS n FROM added ORDER BY 1, 2, 3 LOOP
      UPDATE missed_questions q SET
        active_base = least(coalesce(q.active_base, r.n), r.n),
        active_days = set_bit(
          repeat('0', greatest(coalesce(q.active_base, r.n) - r.n, 0))::varbit
            || coalesce(q.active_days, ''::varbit)
            || repeat('0', greatest(r.n - coalesce(q.active_base, r.n) - coalesce(length(q.active_days), 0) + 1, 0))::varbit,
          r.n - least(coalesce(q.active_base, r.n), r.n), 1)
      WHERE q.org_id = r.org_id AND q.id = r.id;
    END LOOP;
    RETURN NULL;
  END $$`,
  `CREATE FUNCTION missed_question_days_removed() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    FOR r IN SELECT DISTINCT org_id, missed_question_id AS id, ${dayNumber('day')} AS n FROM removed ORDER BY 1, 2, 3 LOOP
      UPDATE missed_questions q SET active_days = set_bit(q.active_days, r.n - q.active_base, 0)
      WHERE q.org_id = r.org_id AND q.id = r.id AND r.n >= q.active_base AND r.n < q.active_base + length(q.active_days);
    END LOOP;
    RETURN NULL;
  END $$`,
];

// Migration 9: a statement adding several days to one question (a batch of reports, a bulk load) rewrote the
// question's row once per day, leaving a dead row version each time, which PGlite (no autovacuum) keeps in the
// table every list scans; the days a statement adds are now set in one update per question, in question order.
const ONE_UPDATE_PER_QUESTION = [
  `CREATE FUNCTION missed_question_with_days(base integer, bits bit varying, days integer[])
  RETURNS bit varying LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE
    old_base integer := coalesce(base, days[1]);
    old_last integer := old_base + coalesce(length(bits), 0) - 1;
    lo integer := least(old_base, days[1]);
    hi integer := greatest(old_last, days[array_length(days, 1)]);
    result bit varying := repeat('0', old_base - lo)::varbit || coalesce(bits, ''::varbit)
      || repeat('0', hi - old_last)::varbit;
    n integer;
  BEGIN
    FOREACH n IN ARRAY days LOOP
      result := set_bit(result, n - lo, 1);
    END LOOP;
    RETURN result;
  END $$`,
  `CREATE OR REPLACE FUNCTION missed_question_days_added() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE r record;
  BEGIN
    FOR r IN SELECT org_id, id, array_agg(n ORDER BY n) AS days
      FROM (SELECT DISTINCT org_id, missed_question_id AS id, ${dayNumber('day')} AS n FROM added) d
      GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      UPDATE missed_questions q SET active_base = least(coalesce(q.active_base, r.days[1]), r.days[1]),
        active_days = missed_question_with_days(q.active_base, q.active_days, r.days)
      WHERE q.org_id = r.org_id AND q.id = r.id;
    END LOOP;
    RETURN NULL;
  END $$`,
];

/**
 * Migration 9's part here: the days a statement adds set in one update per question (see above).
 *
 * @example
 * ```ts
 * await setAddedDaysPerQuestion(tx);
 * ```
 */
export async function setAddedDaysPerQuestion(tx: SqlQueryable): Promise<void> {
  for (const statement of ONE_UPDATE_PER_QUESTION) await tx.query(statement);
}

/**
 * Migration 8: the columns, their triggers, and the bits of every question's stored day rows.
 *
 * @example
 * ```ts
 * await addActiveDays(tx);
 * ```
 */
export async function addActiveDays(tx: SqlQueryable): Promise<void> {
  await tx.query(
    'ALTER TABLE missed_questions ADD COLUMN active_base integer, ADD COLUMN active_days bit varying',
  );
  await tx.query(
    `UPDATE missed_questions q SET active_base = a.base, active_days = a.bits
     FROM (
       SELECT d.org_id, d.id, d.base, string_agg(CASE WHEN x.day IS NULL THEN '0' ELSE '1' END, '' ORDER BY s.n)::varbit AS bits
       FROM (SELECT org_id, missed_question_id AS id, min(${dayNumber('day')}) AS base, max(${dayNumber('day')}) AS top
             FROM missed_question_days GROUP BY 1, 2) d
       CROSS JOIN LATERAL generate_series(d.base, d.top) AS s(n)
       LEFT JOIN missed_question_days x ON x.org_id = d.org_id AND x.missed_question_id = d.id
         AND x.day = to_timestamp(s.n::double precision * 86400)
       GROUP BY d.org_id, d.id, d.base
     ) a
     WHERE q.org_id = a.org_id AND q.id = a.id`,
  );
  for (const statement of FUNCTIONS) await tx.query(statement);
  await tx.query(`CREATE TRIGGER missed_question_days_added AFTER INSERT ON missed_question_days
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION missed_question_days_added()`);
  await tx.query(`CREATE TRIGGER missed_question_days_removed AFTER DELETE ON missed_question_days
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION missed_question_days_removed()`);
}

/**
 * A condition on a question `q`: whether it has a day row on a day of `[from, to)`, given as SQL expressions of
 * day numbers (days since 1970-01-01 UTC), from its bits alone. An empty span is false.
 *
 * @example
 * ```ts
 * const where = `${activeBetween('$6', '$7')}`;
 * ```
 */
export function activeBetween(from: string, to: string): string {
  // bit_count, not position(B'1' IN …): the same answer, measured ~0.5 ms less over 20,000 questions on PGlite.
  return `bit_count(substring(q.active_days FROM ${from} - q.active_base + 1 FOR ${to} - ${from})) > 0`;
}
