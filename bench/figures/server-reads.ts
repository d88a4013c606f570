import { SessionQuery, type SessionQueryInput, sessionQueryToParams } from '@observatory/core';
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
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';
import { percentile } from '../harness/stats.js';

const ENGINE_TARGET = { op: '<=', limit: 2 } as const;
const engines = [
  { label: 'embedded', open: openEmbeddedEngine },
  { label: 'PostgreSQL', open: openPostgresEngine },
] as const;
// The seeded data spans 2026-09-01 … 2026-11-30; the queries ask for October, as a user picking a month would.
const RANGE = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

const rowsOf = (label: string): FigureRow[] => [
  { name: `session list p50 (${label})`, unit: 'ms' },
  { name: `session list p99 (${label})`, unit: 'ms' },
  { name: `grouped missed list p50 (${label})`, unit: 'ms', target: ENGINE_TARGET },
  { name: `grouped missed list p99 (${label})`, unit: 'ms' },
];

// Session lists a user of the Sessions page asks for: a month, one agent, quick filters, a tag, later pages.
const SESSION_QUERIES: readonly (SessionQueryInput & { page: number })[] = [
  { range: RANGE, page: 0 },
  { range: RANGE, agents: ['faq-bot'], containsFallback: true, page: 0 },
  { range: RANGE, containsLiveChat: true, page: 0 },
  { range: RANGE, tags: ['billing'], page: 0 },
  { range: RANGE, containsCSATSurvey: true, page: 2 },
  { range: RANGE, page: 10 },
];

function sessionListUrl(base: string, input: SessionQueryInput & { page: number }): string {
  const { page, ...query } = input;
  const params = sessionQueryToParams(SessionQuery.parse(query), { page, pageSize: 20 });
  return `${base}/organizations/${BENCH_ORG}/chat-sessions?${params}`;
}

function groupedListUrl(base: string): string {
  const params = new URLSearchParams({
    startDate: RANGE.from,
    endDate: RANGE.to,
    sortBy: 'filteredOccurrences',
    order: 'DESC',
    page: '0',
    pageSize: '20',
  });
  return `${base}/organizations/${BENCH_ORG}/missed-questions?${params}`;
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

async function latencies(requests: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(3, requests); i++) await fn(i); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
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
    // The grouped list aggregates every occurrence in range, seconds per request at full size on the embedded
    // engine: fewer requests there keep the full run within minutes (p99 of 15 samples is close to the maximum).
    const requests = context.quick ? 20 : 50;
    const groupedRequests = context.quick ? 8 : 15;
    const sessionTimes = await latencies(requests, (i) =>
      getJson(
        sessionListUrl(
          server.url,
          SESSION_QUERIES[i % SESSION_QUERIES.length] as SessionQueryInput & { page: number },
        ),
      ),
    );
    const groupedTimes = await latencies(groupedRequests, () => getJson(groupedListUrl(server.url)));
    // The statements the store runs for one grouped-list request, replayed straight on the database driver.
    const recorded: RecordedQuery[] = await engine.record(() => getJson(groupedListUrl(server.url)));
    const engineTimes = await latencies(groupedRequests, async () => {
      for (const query of recorded) await engine.driver.query(query.sql, query.params);
    });
    const [listP50, listP99, groupedP50, groupedP99] = rowsOf(label) as [
      FigureRow,
      FigureRow,
      FigureRow,
      FigureRow,
    ];
    const size = `${sessions.toLocaleString('en-US')} sessions / ${occurrences.toLocaleString('en-US')} occurrences, ${requests} requests`;
    return [
      toResult(
        {
          ...listP50,
          value: percentile(sessionTimes, 50),
          note: `${size}; ${SESSION_QUERIES.length} filter sets (month, agent, quick filters, tag, later pages), pages of 20`,
        },
        context.scaleLabel,
      ),
      toResult({ ...listP99, value: percentile(sessionTimes, 99) }, context.scaleLabel),
      toResult(
        {
          ...groupedP50,
          value: percentile(groupedTimes, 50),
          baseline: percentile(engineTimes, 50),
          target: ENGINE_TARGET,
          note: `${groupedRequests} requests; HTTP request vs the ${recorded.length} SQL statement(s) the store ran for it, run straight on the engine`,
        },
        context.scaleLabel,
      ),
      toResult(
        { ...groupedP99, value: percentile(groupedTimes, 99), baseline: percentile(engineTimes, 99) },
        context.scaleLabel,
      ),
    ];
  } finally {
    await server.close();
  }
}

/** Figure 7: read latencies of the session list and the grouped missed-question list, embedded and PostgreSQL. */
export const serverReadsFigure: Figure = {
  id: 'server-reads',
  title: '7. server reads',
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
