import { resolveDateRange } from '@observatory/core';
import { generateOccurrences } from '../data/occurrences.js';
import { seedOccurrences, seedSessions } from '../data/seed.js';
import { generateSessions } from '../data/sessions.js';
import { type Figure, type FigureContext, type FigureRow, scaled } from '../harness/figure.js';
import {
  BENCH_ORG,
  BENCH_TOKEN,
  type Engine,
  openEmbeddedEngine,
  openPostgresEngine,
  type RecordedQuery,
  serveStore,
} from '../harness/local-server.js';
import { timePair } from '../harness/measure.js';
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';

const ENGINE_TARGET = { op: '<=', limit: 2 } as const;
/** The issue's absolute target for both reads, stated in each row's note. */
const ISSUE_TARGET_MS = 50;
const engines = [
  { label: 'embedded', open: openEmbeddedEngine },
  { label: 'PostgreSQL', open: openPostgresEngine },
] as const;
// The seeded data spans 2026-09-01 … 2026-11-30. The list asks for October's local days of a zone 45 minutes off
// UTC (so the partial days at both ends are read too), the trend for 30 local days of Athens.
const LIST_ZONE = 'Asia/Kathmandu';
const TREND_ZONE = 'Europe/Athens';

const rowsOf = (label: string): FigureRow[] => [
  { name: `grouped missed list p50, rollups (${label})`, unit: 'ms', target: ENGINE_TARGET },
  { name: `missed-vs-answered trend 30 days p50 (${label})`, unit: 'ms', target: ENGINE_TARGET },
];

function groupedListUrl(base: string): string {
  // The list takes instants: October's local days of the zone, resolved as a page showing them would.
  const october = resolveDateRange(
    { from: '2026-10-01', to: '2026-10-31' },
    { timeZone: LIST_ZONE, now: new Date('2026-12-01T00:00:00.000Z') },
  );
  const params = new URLSearchParams({
    startDate: october.from,
    endDate: october.to,
    sortBy: 'filteredOccurrences',
    order: 'DESC',
    page: '0',
    pageSize: '20',
  });
  return `${base}/organizations/${BENCH_ORG}/missed-questions?${params}`;
}

function trendUrl(base: string): string {
  const params = new URLSearchParams({
    startDate: '2026-10-01',
    endDate: '2026-10-30',
    timeZone: TREND_ZONE,
    bucket: 'day',
  });
  return `${base}/organizations/${BENCH_ORG}/analytics/missed-questions?${params}`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * p50 of `url` over HTTP and of the statements the store ran for it, replayed straight on the engine: the two
 * alternate request by request after a warm-up of each (`timePair`), so a moment of load (another process, the
 * embedded engine's autovacuum pass) falls on both sides alike.
 */
async function timed(engine: Engine, url: string, requests: number) {
  const recorded: RecordedQuery[] = await engine.record(() => getJson(url));
  const replay = async () => {
    for (const query of recorded) await engine.driver.query(query.sql, query.params);
  };
  const times = await timePair({ warmup: Math.min(3, requests), runs: requests }, () => getJson(url), replay);
  return { value: times.ours, baseline: times.baseline, statements: recorded.length };
}

async function reads(engine: Engine, context: FigureContext, label: string): Promise<BenchResult[]> {
  const sessions = scaled(context, 100_000);
  const occurrences = scaled(context, 1_000_000);
  const started = performance.now();
  await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 7, count: sessions }));
  await seedOccurrences(
    engine.driver,
    BENCH_ORG,
    generateOccurrences({
      seed: 8,
      count: occurrences,
      distinctWordings: scaled(context, 20_000),
      perSession: 10,
    }),
  );
  context.log(`${label}: seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const server = await serveStore(engine.store);
  try {
    const requests = context.quick ? 10 : 20;
    const list = await timed(engine, groupedListUrl(server.url), requests);
    const trend = await timed(engine, trendUrl(server.url), context.quick ? 5 : 10);
    const size = `${sessions.toLocaleString('en-US')} sessions / ${occurrences.toLocaleString('en-US')} occurrences`;
    const against = (ms: number) =>
      `the issue's ${ISSUE_TARGET_MS} ms is ${ms <= ISSUE_TARGET_MS ? 'met' : 'not met'}`;
    const [listRow, trendRow] = rowsOf(label) as [FigureRow, FigureRow];
    return [
      toResult(
        {
          ...listRow,
          value: list.value,
          baseline: list.baseline,
          note: `${size}; October in ${LIST_ZONE}, top 20 by count; HTTP vs the ${list.statements} statement(s) the store ran, straight on the engine; ${against(list.value)}`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          ...trendRow,
          value: trend.value,
          baseline: trend.baseline,
          note: `${size}; 30 local days of ${TREND_ZONE}, daily buckets; HTTP vs the ${trend.statements} statement(s) the store ran, straight on the engine; ${against(trend.value)}`,
        },
        context.scaleLabel,
      ),
    ];
  } finally {
    await server.close();
  }
}

/**
 * The grouped missed-question list and the missed-vs-answered trend at 1,000,000 occurrences (issue 16), read
 * over HTTP against the same statements run straight on the engine, embedded and PostgreSQL.
 */
export const missedReadsFigure: Figure = {
  id: 'missed-reads',
  title: '10. missed-question list and trend at 1M occurrences',
  rows: engines.flatMap((engine) => rowsOf(engine.label)),
  async run(context) {
    const results: BenchResult[] = [];
    for (const { label, open } of engines) {
      try {
        const engine = await open();
        try {
          results.push(...(await reads(engine, context, label)));
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
