import { createObservatoryClient } from '@observatory/client';
import { generateOccurrences } from '../data/occurrences.js';
import { SeededRandom } from '../data/random.js';
import { type Figure, type FigureRow, scaled } from '../harness/figure.js';
import {
  BENCH_ORG,
  BENCH_TOKEN,
  type Engine,
  openEmbeddedEngine,
  openPostgresEngine,
  serveStore,
} from '../harness/local-server.js';
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';
import { percentile } from '../harness/stats.js';

const REPORTERS = 32;
const EXACT_TARGET = { op: '<=', limit: 0 } as const;
const engines = [
  { label: 'embedded', open: openEmbeddedEngine },
  { label: 'PostgreSQL', open: openPostgresEngine },
] as const;

const rowsOf = (label: string): FigureRow[] => [
  { name: `ingest throughput (${label})`, unit: 'reports/s' },
  { name: `ingest p50 latency (${label})`, unit: 'ms' },
  { name: `ingest p99 latency (${label})`, unit: 'ms' },
  { name: `ingest lost + duplicated occurrences (${label})`, unit: 'occurrences', target: EXACT_TARGET },
];

/** One report a benchmark reporter sends. */
export interface Report {
  readonly question: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly agentId: string;
}

/**
 * The reports the reporters send: distinct (sessionId, messageId) pairs plus ~10 % repeats (a retry, two nodes
 * on one path), shuffled so a repeat may race its original on another reporter.
 *
 * @example
 * ```ts
 * const { reports, distinct } = reportsToSend(10_000); // 10,000 reports, 9,091 distinct pairs
 * ```
 */
export function reportsToSend(count: number): { reports: Report[]; distinct: Set<string> } {
  const distinctCount = Math.round(count / 1.1);
  const occurrences = generateOccurrences({
    seed: 6,
    count: distinctCount,
    distinctWordings: Math.max(10, Math.round(distinctCount / 20)),
  });
  const random = new SeededRandom(60);
  const reports: Report[] = [...occurrences];
  while (reports.length < count) reports.push(random.pick(occurrences));
  for (let i = reports.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [reports[i], reports[j]] = [reports[j] as Report, reports[i] as Report];
  }
  return { reports, distinct: new Set(occurrences.map((o) => `${o.sessionId}\u0000${o.messageId}`)) };
}

async function ingest(engine: Engine, count: number, label: string, scale: string): Promise<BenchResult[]> {
  const { reports, distinct } = reportsToSend(count);
  const server = await serveStore(engine.store);
  try {
    const client = createObservatoryClient({
      baseUrl: server.url,
      token: BENCH_TOKEN,
      organizationId: BENCH_ORG,
    });
    const latencies: number[] = [];
    let next = 0;
    const reporter = async () => {
      for (let i = next++; i < reports.length; i = next++) {
        const report = reports[i] as Report;
        const start = performance.now();
        await client.missedQuestions.report({
          tenantId: report.agentId,
          question: report.question,
          sessionId: report.sessionId,
          messageId: report.messageId,
        });
        latencies.push(performance.now() - start);
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: REPORTERS }, reporter));
    const elapsed = performance.now() - start;

    const stored = await engine.driver.query(
      'SELECT session_id, message_id FROM missed_question_occurrences WHERE org_id = $1',
      [BENCH_ORG],
    );
    const storedPairs = new Set(
      stored.map((row) => `${String(row.session_id)}\u0000${String(row.message_id)}`),
    );
    const duplicated = stored.length - storedPairs.size;
    let lost = 0;
    for (const pair of distinct) if (!storedPairs.has(pair)) lost++;
    const unexpected = [...storedPairs].filter((pair) => !distinct.has(pair)).length;
    const [throughput, p50, p99, exact] = rowsOf(label) as [FigureRow, FigureRow, FigureRow, FigureRow];
    const sent = `${count.toLocaleString('en-US')} reports (${distinct.size.toLocaleString('en-US')} distinct pairs) from ${REPORTERS} concurrent reporters via the client`;
    return [
      toResult({ ...throughput, value: (count / elapsed) * 1000, note: sent }, scale),
      toResult({ ...p50, value: percentile(latencies, 50) }, scale),
      toResult({ ...p99, value: percentile(latencies, 99) }, scale),
      toResult(
        {
          ...exact,
          value: lost + duplicated + unexpected,
          target: EXACT_TARGET,
          note: `stored ${stored.length.toLocaleString('en-US')} occurrences for ${distinct.size.toLocaleString('en-US')} distinct pairs sent: ${lost} lost, ${duplicated} duplicated, ${unexpected} not sent`,
        },
        scale,
      ),
    ];
  } finally {
    await server.close();
  }
}

/** Figure 6: 32 concurrent reporters posting missed-question reports, on the embedded store and on PostgreSQL. */
export const serverIngestFigure: Figure = {
  id: 'server-ingest',
  title: '6. server ingest',
  rows: engines.flatMap((engine) => rowsOf(engine.label)),
  async run(context) {
    const count = scaled(context, 10_000);
    const results: BenchResult[] = [];
    for (const { label, open } of engines) {
      context.log(`${label}: ${count} reports`);
      try {
        const engine = await open();
        try {
          results.push(...(await ingest(engine, count, label, context.scaleLabel)));
        } finally {
          await engine.close();
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
