import os from 'node:os';
import { createObservatoryClient } from '@observatory/client';
import pg from 'pg';
import { startPgBouncer, type TestPgBouncer } from '../../packages/server/src/testing/pgbouncer.js';
import { startPostgres, type TestPostgres } from '../../packages/server/src/testing/postgres.js';
import {
  describeCpuBudget,
  processTreeMeter,
  startCpuBudget,
  thisProcessMeter,
} from '../harness/cpu-budget.js';
import { type Figure, type FigureContext, type FigureRow, scaled } from '../harness/figure.js';
import { BENCH_ORG, BENCH_TOKEN } from '../harness/local-server.js';
import { notMeasured, toResult } from '../harness/result.js';
import { type ServeProcess, serveMeter, startServeProcess } from '../harness/serve-process.js';

const REPORTERS = 32;
const PROCESSES = 3;
/** Issue 16's reports/s on PostgreSQL, beside the ceiling each run's CPU budget implies. */
const ISSUE_TARGET = 3_000;
const throughputRow: FigureRow = {
  name: `reports/s, ${PROCESSES} serve processes through PgBouncer (baseline: 1 process, same PgBouncer)`,
  unit: 'reports/s',
  target: { op: '>=', limit: 2 },
};
const exactRow: FigureRow = {
  name: `multi-process lost + duplicated occurrences (1 and ${PROCESSES} processes)`,
  unit: 'occurrences',
  target: { op: '<=', limit: 0 },
};

interface Run {
  readonly perSecond: number;
  readonly lost: number;
  readonly duplicated: number;
  /** The CPU budget of every process while timed (see describeCpuBudget), and the load average then. */
  readonly cpu: string;
}

/**
 * `count` distinct reports from {@link REPORTERS} concurrent reporters (the client, as a runtime sends them),
 * reporter i on server i mod n; then every stored occurrence is counted straight in PostgreSQL.
 */
async function report(
  postgres: TestPostgres,
  bouncer: TestPgBouncer,
  processes: number,
  count: number,
  context: FigureContext,
): Promise<Run> {
  const database = `multi_${processes}`;
  const direct = await postgres.createDatabase(database);
  const servers: ServeProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) servers.push(await startServeProcess(bouncer.urlFor(database)));
    const clients = servers.map((server) =>
      createObservatoryClient({ baseUrl: server.url, token: BENCH_TOKEN, organizationId: BENCH_ORG }),
    );
    const send = async (prefix: string, total: number) => {
      let next = 0;
      const reporter = async (r: number) => {
        const client = clients[r % clients.length];
        if (client === undefined) return;
        for (let n = next++; n < total; n = next++) {
          await client.missedQuestions.report({
            tenantId: `agent-${n % 4}`,
            question: `Question ${n % 500}?`,
            sessionId: `${prefix}-s${n % 2_000}`,
            messageId: `${prefix}-m${n}`,
          });
        }
      };
      await Promise.all(Array.from({ length: REPORTERS }, (_, r) => reporter(r)));
    };
    // Warm-up (JIT, pools, PgBouncer's server connections), counted in the check below but not in the time.
    const warmup = Math.max(REPORTERS * processes, Math.round(count / 10));
    await send('warm', warmup);
    context.log(`${processes} process(es): ${count} reports`);
    // Every process of the run: each serve process, the reporters, PgBouncer, PostgreSQL with its backends.
    const budget = startCpuBudget([
      ...servers.map((server, i) => serveMeter(server, `serve process ${i + 1}`)),
      thisProcessMeter("reporters' process"),
      processTreeMeter('PgBouncer', () => bouncer.processId),
      processTreeMeter('PostgreSQL', postgres.processId),
    ]);
    const start = performance.now();
    await send('timed', count);
    const elapsed = performance.now() - start;
    const cpu = `${describeCpuBudget(budget.stop(count, elapsed), 'report', ISSUE_TARGET)}; load average ${os.loadavg()[0]?.toFixed(1)}`;

    const client = new pg.Client({ connectionString: direct });
    await client.connect();
    try {
      const { rows } = await client.query<{ rows: string; pairs: string }>(
        "SELECT count(*) AS rows, count(DISTINCT session_id || '/' || message_id) AS pairs FROM missed_question_occurrences",
      );
      const stored = Number(rows[0]?.rows ?? 0);
      const pairs = Number(rows[0]?.pairs ?? 0);
      return {
        perSecond: (count / elapsed) * 1000,
        lost: warmup + count - pairs,
        duplicated: stored - pairs,
        cpu,
      };
    } finally {
      await client.end();
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/**
 * Figure `multi-process`: the same missed-question reports sent by 32 concurrent reporters to one
 * `observatory serve` process, then spread across three, all on one PostgreSQL through PgBouncer in
 * transaction mode. The target: three processes report at least twice as fast as one.
 */
export const multiProcessFigure: Figure = {
  id: 'multi-process',
  title: '9. several server processes through PgBouncer',
  rows: [throughputRow, exactRow],
  async run(context) {
    const count = scaled(context, 20_000);
    let postgres: TestPostgres | undefined;
    let bouncer: TestPgBouncer | undefined;
    try {
      postgres = await startPostgres();
      // As many server connections as the three processes' pools hold (10 each): the pooler must not be what
      // caps the three processes at fewer transactions in flight than their pools allow.
      bouncer = await startPgBouncer(postgres.port, { poolSize: PROCESSES * 10 });
      const one = await report(postgres, bouncer, 1, count, context);
      const many = await report(postgres, bouncer, PROCESSES, count, context);
      const sent = `${count.toLocaleString('en-US')} reports from ${REPORTERS} concurrent reporters via the client, after a warm-up; PgBouncer pool of ${PROCESSES * 10} server connections`;
      return [
        toResult(
          {
            ...throughputRow,
            value: many.perSecond,
            baseline: one.perSecond,
            note: `${sent}. 1 process: ${one.perSecond.toFixed(0)}/s; ${one.cpu}. ${PROCESSES} processes: ${many.cpu}`,
          },
          context.scaleLabel,
        ),
        toResult(
          {
            ...exactRow,
            value: one.lost + one.duplicated + many.lost + many.duplicated,
            targetOn: 'value',
            note: `1 process: ${one.lost} lost, ${one.duplicated} duplicated; ${PROCESSES} processes: ${many.lost} lost, ${many.duplicated} duplicated`,
          },
          context.scaleLabel,
        ),
      ];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      context.log(`not measured: ${reason}`);
      return [throughputRow, exactRow].map((row) =>
        notMeasured(row.name, row.unit, row.target, context.scaleLabel, reason),
      );
    } finally {
      await bouncer?.stop();
      await postgres?.stop();
    }
  },
};
