import os from 'node:os';
import { createObservatoryClient } from '@observatory/client';
// The store's report statements, run straight on the engine for the baseline: one report per transaction, as the
// server runs a batch of one (on PostgreSQL the batch's key locks, then the report statement).
import { reportMissedQuestionRows } from '../../packages/server/src/store/sql/sql-report.js';
import {
  describeCpuBudget,
  processTreeMeter,
  startCpuBudget,
  thisProcessMeter,
} from '../harness/cpu-budget.js';
import { type Figure, type FigureRow, scaled } from '../harness/figure.js';
import {
  BENCH_ORG,
  BENCH_TOKEN,
  type Engine,
  type EngineHost,
  hostEmbeddedEngine,
  hostPostgresEngine,
} from '../harness/local-server.js';
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';
import { serveMeter, startServeProcess } from '../harness/serve-process.js';
import { percentile } from '../harness/stats.js';
import { type Report, reportsToSend } from './server-ingest.js';

const REPORTERS = 32;
const BASELINE_ORG = 'bench-baseline-org';
const RATIO_TARGET = { op: '>=', limit: 0.5 } as const;
const EXACT_TARGET = { op: '<=', limit: 0 } as const;
const engines = [
  { label: 'embedded', host: async () => hostEmbeddedEngine(), issueTarget: 800 },
  { label: 'PostgreSQL', host: hostPostgresEngine, issueTarget: 3_000 },
] as const;

const rowsOf = (label: string): FigureRow[] => [
  { name: `missed reports/s, ${REPORTERS} reporters (${label})`, unit: 'reports/s', target: RATIO_TARGET },
  { name: `missed report p50 latency (${label})`, unit: 'ms' },
  { name: `missed reports lost + duplicated (${label})`, unit: 'occurrences', target: EXACT_TARGET },
];

/** Runs `send` over `reports` from {@link REPORTERS} concurrent loops; returns reports/s and latencies. */
async function drive(
  reports: readonly Report[],
  send: (report: Report) => Promise<unknown>,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const reporter = async () => {
    for (let i = next++; i < reports.length; i = next++) {
      const start = performance.now();
      await send(reports[i] as Report);
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: REPORTERS }, reporter));
  return { perSecond: (reports.length / (performance.now() - start)) * 1000, latencies };
}

/** Lost, duplicated and unexpected pairs stored for `orgId` against the distinct pairs sent. */
async function exactness(engine: Engine, orgId: string, distinct: Set<string>) {
  const stored = await engine.driver.query(
    'SELECT session_id, message_id FROM missed_question_occurrences WHERE org_id = $1',
    [orgId],
  );
  const pairs = new Set(stored.map((row) => `${String(row.session_id)}\u0000${String(row.message_id)}`));
  let lost = 0;
  for (const pair of distinct) if (!pairs.has(pair)) lost++;
  const unexpected = [...pairs].filter((pair) => !distinct.has(pair)).length;
  return { stored: stored.length, lost, duplicated: stored.length - pairs.size, unexpected };
}

/** Reports sent before the timed run (JIT in both processes, the server's pool), on pairs of their own. */
function warmupReports(count: number): Report[] {
  return Array.from({ length: count }, (_, i) => ({
    agentId: 'bench-warmup-agent',
    question: `Warm-up question ${i % 50}?`,
    sessionId: `warmup-s${i % 100}`,
    messageId: `warmup-m${i}`,
  }));
}

async function measure(
  host: EngineHost,
  count: number,
  label: string,
  issueTarget: number,
  scale: string,
  log: (message: string) => void,
): Promise<BenchResult[]> {
  const { reports, distinct } = reportsToSend(count);
  // Baseline: each report alone in its transaction with the statements the store runs for a batch of one, straight
  // on the driver, at the same concurrency. The server batches concurrent reports (group commit), the baseline not.
  // The bench's handle is closed before `observatory serve` opens the store: PGlite's directory is one process's.
  let engine = await host.open();
  let baseline: Awaited<ReturnType<typeof drive>>;
  try {
    baseline = await drive(reports, (report) =>
      engine.driver.transaction((tx) =>
        reportMissedQuestionRows(tx, [{ orgId: BASELINE_ORG, report }], {
          concurrent: engine.name === 'PostgreSQL',
        }),
      ),
    );
  } finally {
    await engine.close();
  }

  // As users run it: the Observatory in its own process (`observatory serve --store …`), the reporters (the
  // client, as a runtime sends reports) in this one.
  const warmup = warmupReports(Math.max(REPORTERS * 4, Math.round(count / 20)));
  const server = await startServeProcess(host.storeUrl);
  let ours: Awaited<ReturnType<typeof drive>>;
  let budget: string;
  try {
    const client = createObservatoryClient({
      baseUrl: server.url,
      token: BENCH_TOKEN,
      organizationId: BENCH_ORG,
    });
    const send = (report: Report) =>
      client.missedQuestions.report({
        tenantId: report.agentId,
        question: report.question,
        sessionId: report.sessionId,
        messageId: report.messageId,
      });
    await drive(warmup, send);
    log(`${label}: ${count} reports over HTTP to observatory serve (after ${warmup.length} warm-up reports)`);
    // Every process of the run: the engine's own on PostgreSQL (PGlite runs inside the serve process).
    const engineRuns = host.processId() !== undefined;
    const cpu = startCpuBudget([
      serveMeter(server),
      thisProcessMeter("reporters' process"),
      ...(engineRuns ? [processTreeMeter('PostgreSQL', host.processId)] : []),
    ]);
    const start = performance.now();
    ours = await drive(reports, send);
    budget = `${describeCpuBudget(cpu.stop(count, performance.now() - start), 'report', issueTarget)}${engineRuns ? '' : '; PGlite runs inside the serve process'}; load average ${os.loadavg()[0]?.toFixed(1)}`;
  } finally {
    await server.stop();
  }

  engine = await host.open();
  try {
    const expected = new Set([
      ...distinct,
      ...warmup.map((report) => `${report.sessionId}\u0000${report.messageId}`),
    ]);
    const checks = [
      await exactness(engine, BENCH_ORG, expected),
      await exactness(engine, BASELINE_ORG, distinct),
    ];
    const wrong = checks.reduce((sum, c) => sum + c.lost + c.duplicated + c.unexpected, 0);
    const [throughput, p50, exact] = rowsOf(label) as [FigureRow, FigureRow, FigureRow];
    const sent = `${count.toLocaleString('en-US')} reports (${distinct.size.toLocaleString('en-US')} distinct pairs, ~10 % repeats)`;
    return [
      toResult(
        {
          ...throughput,
          value: ours.perSecond,
          baseline: baseline.perSecond,
          note: `${sent} via the client over HTTP to \`observatory serve\` in its own process, which runs concurrent reports as one batch (group commit), after a warm-up; vs each report alone in its transaction with the statements the store runs for a batch of one, straight on the engine from the bench process; both ${REPORTERS} concurrent. The issue's absolute target ${issueTarget.toLocaleString('en-US')}/s is ${ours.perSecond >= issueTarget ? 'met' : 'not met'}. ${budget}`,
        },
        scale,
      ),
      toResult(
        { ...p50, value: percentile(ours.latencies, 50), baseline: percentile(baseline.latencies, 50) },
        scale,
      ),
      toResult(
        {
          ...exact,
          value: wrong,
          note: checks
            .map(
              (c, i) =>
                `${i === 0 ? 'HTTP (warm-up included)' : 'engine'}: ${c.stored} stored, ${c.lost} lost, ${c.duplicated} duplicated, ${c.unexpected} not sent`,
            )
            .join('; '),
        },
        scale,
      ),
    ];
  } finally {
    await engine.close();
  }
}

/**
 * Missed-question reports per second from 32 concurrent reporters over HTTP to an `observatory serve` process
 * (as users run it: the Observatory in its own process, the runtimes' reporters in theirs), against the store's
 * statements for one report (a batch of one) run straight on the same engine at the same concurrency, one report
 * per transaction (issue 16), embedded and PostgreSQL.
 */
export const missedReportFigure: Figure = {
  id: 'missed-report',
  title: '9. missed-question reports at 32 concurrent reporters',
  rows: engines.flatMap((engine) => rowsOf(engine.label)),
  async run(context) {
    const count = scaled(context, 20_000);
    const results: BenchResult[] = [];
    for (const { label, host: start, issueTarget } of engines) {
      context.log(`${label}: ${count} reports, twice (engine, then HTTP to observatory serve)`);
      try {
        const host = await start();
        try {
          results.push(...(await measure(host, count, label, issueTarget, context.scaleLabel, context.log)));
        } finally {
          await host.dispose();
        }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        context.log(`${label}: not measured: ${reason}`);
        for (const row of rowsOf(label))
          results.push(notMeasured(row.name, row.unit, row.target, context.scaleLabel, reason));
      }
    }
    return results;
  },
};
