import { addActiveDays, setAddedDaysPerQuestion } from './active-days.js';
import type { SqlDriver, SqlQueryable } from './driver.js';
import { backfillSessionFacts, createSearchIndex } from './session-facts-migration.js';
import { MESSAGE_IDS } from './session-row.js';
import { backfillMissedTrend, TREND_TABLES } from './trend-rollup.js';

/**
 * One schema change; `version` only ever grows, and an applied migration is never edited. `sql` runs first,
 * then `run` (work SQL alone cannot do, such as deriving columns with core's rules), in the same transaction.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly run?: (tx: SqlQueryable) => Promise<void>;
}

// Ids compare byte-wise (COLLATE "C") so SQL ordering equals core's `compareSessions` tie-break on id.
const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
      CREATE TABLE sessions (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        agent_id text COLLATE "C" NOT NULL,
        deployment_id text COLLATE "C",
        created_at timestamptz NOT NULL,
        last_activity_at timestamptz NOT NULL,
        tags text[] COLLATE "C" NOT NULL DEFAULT '{}',
        doc jsonb NOT NULL,
        PRIMARY KEY (org_id, id)
      );
      CREATE INDEX sessions_org_created ON sessions (org_id, created_at, id);
      CREATE INDEX sessions_org_agent_created ON sessions (org_id, agent_id, created_at);
      CREATE INDEX sessions_tags ON sessions USING gin (tags);
      CREATE INDEX sessions_message_ids ON sessions USING gin ((doc -> 'messages') jsonb_path_ops);

      CREATE TABLE interactions (
        org_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        message_id text COLLATE "C" NOT NULL,
        ts timestamptz NOT NULL,
        doc jsonb NOT NULL,
        PRIMARY KEY (org_id, session_id, id)
      );
      CREATE INDEX interactions_org_message ON interactions (org_id, message_id, ts);
      CREATE INDEX interactions_org_ts ON interactions (org_id, ts);

      CREATE TABLE missed_questions (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        agent_id text COLLATE "C" NOT NULL,
        question text COLLATE "C" NOT NULL,
        status text NOT NULL,
        language text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, agent_id, question)
      );

      CREATE TABLE missed_question_occurrences (
        org_id text COLLATE "C" NOT NULL,
        id text COLLATE "C" NOT NULL,
        missed_question_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        message_id text COLLATE "C" NOT NULL,
        occurred_at timestamptz NOT NULL,
        doc jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (org_id, id),
        UNIQUE (org_id, session_id, message_id),
        FOREIGN KEY (org_id, missed_question_id) REFERENCES missed_questions (org_id, id)
      );
      CREATE INDEX occurrences_question_time ON missed_question_occurrences (org_id, missed_question_id, occurred_at);
      CREATE INDEX occurrences_org_time ON missed_question_occurrences (org_id, occurred_at);
    `,
  },
  {
    // An occurrence belongs to the agent that reported it: (agent, session, message) identifies it, so a report
    // under one agent never takes the place of another agent's report of that message, nor tells it exists.
    version: 2,
    name: 'occurrences keyed by agent',
    sql: `
      ALTER TABLE missed_question_occurrences ADD COLUMN agent_id text COLLATE "C";
      UPDATE missed_question_occurrences o SET agent_id = q.agent_id
        FROM missed_questions q WHERE q.org_id = o.org_id AND q.id = o.missed_question_id;
      ALTER TABLE missed_question_occurrences ALTER COLUMN agent_id SET NOT NULL;
      ALTER TABLE missed_question_occurrences
        DROP CONSTRAINT missed_question_occurrences_org_id_session_id_message_id_key;
      ALTER TABLE missed_question_occurrences
        ADD CONSTRAINT occurrences_agent_message UNIQUE (org_id, agent_id, session_id, message_id);
    `,
  },
  {
    // The organization's tags (the published createTag / listTags_1): one per (scope, label).
    version: 3,
    name: 'organization tags',
    sql: `
      CREATE TABLE organization_tags (
        org_id text COLLATE "C" NOT NULL,
        scope text COLLATE "C" NOT NULL,
        label text COLLATE "C" NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, scope, label)
      );
    `,
  },
  {
    // Lists filter on the quick filters and search the transcript through indexes instead of reading every
    // session's document: the facts are columns the writes derive with core's predicates (session-row.ts),
    // filled here for the sessions already stored.
    version: 4,
    name: 'session quick-filter facts and transcript search',
    sql: `
      ALTER TABLE sessions ADD COLUMN has_fallback boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN has_feedback boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN has_livechat boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN has_csat boolean NOT NULL DEFAULT false;
      ALTER TABLE sessions ADD COLUMN csat_statuses text[] COLLATE "C" NOT NULL DEFAULT '{}';
      ALTER TABLE sessions ADD COLUMN search_text text COLLATE "C" NOT NULL DEFAULT ''
    `,
    run: async (tx) => {
      await backfillSessionFacts(tx);
      for (const fact of ['fallback', 'feedback', 'livechat', 'csat']) {
        await tx.query(
          `CREATE INDEX sessions_org_${fact} ON sessions (org_id, created_at, id) WHERE has_${fact}`,
        );
      }
      await createSearchIndex(tx);
    },
  },
  {
    // Missed-question counts kept in step with each report (in its one statement), so lists read O(questions ×
    // days), never O(occurrences): all-time counts and last occurrence on the question; one row per (question,
    // session) for the all-time distinct-session count; one row per (question, UTC day) with its occurrences and
    // distinct sessions; one row per (question, session, UTC day), to know when a session's occurrences of a
    // question span days; and those (question, session) pairs, the only ones a range's distinct-session sum over
    // days counts more than once. A range reads whole UTC days from the day rows and only its partial days from
    // the occurrences, so every zone's local day (30- and 45-minute offsets included) and every instant bound
    // stays exact.
    version: 5,
    name: 'missed-question rollups',
    sql: `
      ALTER TABLE missed_questions ADD COLUMN occurrence_count integer NOT NULL DEFAULT 0;
      ALTER TABLE missed_questions ADD COLUMN session_count integer NOT NULL DEFAULT 0;
      ALTER TABLE missed_questions ADD COLUMN last_seen timestamptz;
      CREATE TABLE missed_question_sessions (
        org_id text COLLATE "C" NOT NULL,
        missed_question_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, missed_question_id, session_id)
      );
      CREATE TABLE missed_question_days (
        org_id text COLLATE "C" NOT NULL,
        day timestamptz NOT NULL,
        missed_question_id text COLLATE "C" NOT NULL,
        agent_id text COLLATE "C" NOT NULL,
        occurrences integer NOT NULL,
        sessions integer NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (org_id, day, missed_question_id)
      );
      CREATE TABLE missed_question_session_days (
        org_id text COLLATE "C" NOT NULL,
        missed_question_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        day timestamptz NOT NULL,
        PRIMARY KEY (org_id, missed_question_id, session_id, day)
      );
      CREATE TABLE missed_question_multiday (
        org_id text COLLATE "C" NOT NULL,
        missed_question_id text COLLATE "C" NOT NULL,
        session_id text COLLATE "C" NOT NULL,
        agent_id text COLLATE "C" NOT NULL,
        PRIMARY KEY (org_id, missed_question_id, session_id)
      );
      CREATE INDEX missed_question_days_question ON missed_question_days (org_id, missed_question_id, day);
      INSERT INTO missed_question_sessions (org_id, missed_question_id, session_id)
        SELECT DISTINCT org_id, missed_question_id, session_id FROM missed_question_occurrences;
      INSERT INTO missed_question_days (org_id, day, missed_question_id, agent_id, occurrences, sessions, last_seen)
        SELECT org_id, date_trunc('day', occurred_at, 'UTC'), missed_question_id, min(agent_id), count(*),
          count(DISTINCT session_id), max(occurred_at)
        FROM missed_question_occurrences GROUP BY 1, 2, 3;
      INSERT INTO missed_question_session_days (org_id, missed_question_id, session_id, day)
        SELECT DISTINCT org_id, missed_question_id, session_id, date_trunc('day', occurred_at, 'UTC')
        FROM missed_question_occurrences;
      INSERT INTO missed_question_multiday (org_id, missed_question_id, session_id, agent_id)
        SELECT org_id, missed_question_id, session_id, min(agent_id) FROM missed_question_occurrences
        GROUP BY 1, 2, 3 HAVING count(DISTINCT date_trunc('day', occurred_at, 'UTC')) > 1;
      UPDATE missed_questions q SET occurrence_count = c.occurrences, session_count = c.sessions,
          last_seen = c.last_seen
        FROM (SELECT org_id, missed_question_id, count(*) AS occurrences, count(DISTINCT session_id) AS sessions,
                max(occurred_at) AS last_seen
              FROM missed_question_occurrences GROUP BY 1, 2) c
        WHERE q.org_id = c.org_id AND q.id = c.missed_question_id
    `,
  },
  {
    // Session ids are unique per agent, not per organization: a session is (organization, agent, id), so one
    // agent's ids tell nothing about another's and never stand in its way. The interaction log carries its
    // session's agent; missed-question occurrences already key by agent (version 2), and the rollups by question,
    // which is one agent's. Lists order and page on (created_at, id, agent_id), the indexes following. Steps of no
    // stored session (none are written; every read of the log joined its session, so none was readable) are dropped.
    version: 6,
    name: 'session ids unique per agent',
    sql: `
      ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;
      ALTER TABLE sessions ADD PRIMARY KEY (org_id, agent_id, id);
      CREATE INDEX sessions_org_id ON sessions (org_id, id);
      DROP INDEX sessions_org_created;
      CREATE INDEX sessions_org_created ON sessions (org_id, created_at, id, agent_id);
      DROP INDEX sessions_org_fallback;
      CREATE INDEX sessions_org_fallback ON sessions (org_id, created_at, id, agent_id) WHERE has_fallback;
      DROP INDEX sessions_org_feedback;
      CREATE INDEX sessions_org_feedback ON sessions (org_id, created_at, id, agent_id) WHERE has_feedback;
      DROP INDEX sessions_org_livechat;
      CREATE INDEX sessions_org_livechat ON sessions (org_id, created_at, id, agent_id) WHERE has_livechat;
      DROP INDEX sessions_org_csat;
      CREATE INDEX sessions_org_csat ON sessions (org_id, created_at, id, agent_id) WHERE has_csat;
      ALTER TABLE interactions ADD COLUMN agent_id text COLLATE "C";
      UPDATE interactions i SET agent_id = s.agent_id
        FROM sessions s WHERE s.org_id = i.org_id AND s.id = i.session_id;
      DELETE FROM interactions WHERE agent_id IS NULL;
      ALTER TABLE interactions ALTER COLUMN agent_id SET NOT NULL;
      ALTER TABLE interactions DROP CONSTRAINT interactions_pkey;
      ALTER TABLE interactions ADD PRIMARY KEY (org_id, agent_id, session_id, id)
    `,
  },
  {
    // The missed-vs-answered trend from counts per 15-minute UTC slot kept with every session write, report and
    // deletion, instead of every user message and occurrence of the range (see trend-rollup.ts), filled here
    // from what is stored.
    version: 7,
    name: 'missed-question trend rollups',
    sql: TREND_TABLES,
    run: (tx) => backfillMissedTrend(tx),
  },
  {
    // Which UTC days each missed question has a day row on, as bits on the question (active-days.ts), kept by
    // triggers on the day rows: the total of a ranged list counts questions from one row each.
    version: 8,
    name: 'missed-question active days',
    sql: '',
    run: addActiveDays,
  },
  {
    // Lists filter the session status inside the document (`doc ->> 'status'`). Without statistics on that
    // expression the planner takes 0.5 % of the rows to match, and read a month of one deployment's completed
    // sessions by a full scan and a sort instead of walking the creation-time index (findings 22). ANALYZE (or
    // autovacuum, or the embedded engine's own pass, pglite-autovacuum.ts) fills them; run once here so a stored
    // database has them at once.
    version: 9,
    name: 'session status statistics',
    sql: `
      CREATE STATISTICS sessions_status ON (doc ->> 'status') FROM sessions;
      ANALYZE sessions
    `,
  },
  {
    // The one read by message id (`findSessionByMessageRow`: a message's tags, an event's variables) asks which
    // session holds a message of that id; the index version 1 made holds every key and value of every message
    // (role, kind, text, times: ~7 entries a message), this one the ids alone (one a message). Measured on
    // PostgreSQL at 100,000 sessions (bench/findings.md §21, where it was numbered 9): ~0.4 ms of the engine's ~1.3 ms of CPU per recorded
    // session less, the pending-list cleanup included, and the lookup still an index scan.
    version: 10,
    name: 'message-id index of the ids alone',
    sql: `
      DROP INDEX sessions_message_ids;
      CREATE INDEX sessions_by_message_id ON sessions
        USING gin (${MESSAGE_IDS} jsonb_path_ops)
    `,
  },
  {
    // The most-missed list's candidates in descending all-time count from an index instead of a sort of every
    // question (missed-top.ts), and the days a statement adds to a question set in one update of its row
    // (active-days.ts).
    version: 11,
    name: 'missed-question top index',
    sql: 'CREATE INDEX missed_questions_org_count ON missed_questions (org_id, occurrence_count DESC, id)',
    run: setAddedDaysPerQuestion,
  },
  {
    // A ranged read takes its partial edge days from the occurrences (missed-stats.ts): per question, the count,
    // the distinct sessions and the last time of the part (the list's page), and which questions have one (its
    // total). With the column each reads inside its index, both are index-only scans instead of a heap visit per
    // occurrence (bench/findings.md §24). The same two indexes, one column wider: no other write.
    version: 12,
    name: 'occurrence indexes covering the edge days',
    sql: `
      DROP INDEX occurrences_question_time;
      CREATE INDEX occurrences_question_time ON missed_question_occurrences (org_id, missed_question_id, occurred_at)
        INCLUDE (session_id);
      DROP INDEX occurrences_org_time;
      CREATE INDEX occurrences_org_time ON missed_question_occurrences (org_id, occurred_at)
        INCLUDE (missed_question_id)
    `,
  },
];

/**
 * The schema versions this build knows, ascending. {@link migrate} applies each one a database lacks, whatever
 * newer ones it already has.
 *
 * @example
 * ```ts
 * SCHEMA_VERSIONS.includes(6); // true: session ids unique per agent
 * ```
 */
export const SCHEMA_VERSIONS: readonly number[] = migrations.map((m) => m.version).sort((a, b) => a - b);

/**
 * Applies each of {@link SCHEMA_VERSIONS} the database lacks: each pending migration runs in its own transaction,
 * under an advisory lock so that two servers starting on one database do not race.
 *
 * @example
 * ```ts
 * await migrate(driver);
 * ```
 */
export async function migrate(driver: SqlDriver): Promise<void> {
  for (const migration of migrations) {
    await driver.transaction(async (tx) => {
      // Arbitrary constant key: serialises migrations across processes sharing the database. Taken before the
      // bookkeeping table is created, since even CREATE TABLE IF NOT EXISTS races with itself.
      await tx.query('SELECT pg_advisory_xact_lock(727274001)');
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (applied.length > 0) return;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await migration.run?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    });
  }
  // A version this build does not know (newer, or another branch's) means a newer server wrote the schema.
  const applied = await driver.query('SELECT version FROM schema_migrations ORDER BY version');
  const unknown = applied.map((row) => Number(row.version)).filter((v) => !SCHEMA_VERSIONS.includes(v));
  if (unknown.length > 0) {
    throw new Error(
      `The database schema has version(s) ${unknown.join(', ')}, unknown to this server (it knows ${SCHEMA_VERSIONS.join(', ')}): upgrade the server`,
    );
  }
}

// Extended-protocol queries take one statement each; migration scripts contain no semicolons inside literals.
function splitStatements(script: string): string[] {
  return script
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
