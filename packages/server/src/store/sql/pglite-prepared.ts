import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import type { SqlRow } from './driver.js';

const { serialize } = protocol;

/** One message of several frontend messages, as PGlite's `execProtocol` takes them. */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Named prepared statements on one PGlite, each parsed once and then bound and executed with each call's
 * parameters (PostgreSQL's extended protocol), where `PGlite.query` parses, analyses and plans its text again on
 * every call. After five executions PostgreSQL keeps a generic plan when it costs no more than the custom ones
 * (`plan_cache_mode`), so a long statement run again and again is planned once too. A statement is keyed by its
 * text; parameters are serialised and rows parsed with PGlite's own serialisers and parsers, as `query` does.
 * Run only inside a transaction (no sync to the file system here; the commit syncs) and one call at a time.
 *
 * @example
 * ```ts
 * const statements = preparedStatements(db);
 * const rows = await statements.query('SELECT $1::int + 1 AS n', [1]); // [{ n: 2 }]
 * ```
 */
export function preparedStatements(db: PGlite): {
  query(sql: string, params: readonly unknown[]): Promise<SqlRow[]>;
} {
  const prepared = new Map<string, { readonly name: string; readonly types: readonly number[] }>();
  const run = async (messages: readonly Uint8Array[]) =>
    (await db.execProtocol(concat(messages), { syncToFs: false })).messages;
  return {
    async query(sql, params) {
      let statement = prepared.get(sql);
      if (statement === undefined) {
        const name = `observatory_${prepared.size}`;
        const described = await run([
          serialize.parse({ name, text: sql }),
          serialize.describe({ type: 'S', name }),
          serialize.sync(),
        ]);
        statement = { name, types: parse.parseDescribeStatementResults(described) };
        prepared.set(sql, statement);
      }
      const { name, types } = statement;
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const serializer = db.serializers[types[i] as number];
        return serializer ? serializer(param) : String(param);
      });
      const results = await run([
        serialize.bind({ statement: name, values }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]);
      return (parse.parseResults(results, db.parsers)[0]?.rows ?? []) as SqlRow[];
    },
  };
}
