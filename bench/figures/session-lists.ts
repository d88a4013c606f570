import { SessionQuery, type SessionQueryInput, sessionQueryToParams } from '@observatory/core';
import { seedSessions, settleAfterSeeding } from '../data/seed.js';
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

// Ours against the statements the store ran for the same request, replayed straight on the engine.
const ENGINE_TARGET = { op: '<=', limit: 2 } as const;
const engines = [
  { label: 'embedded', open: openEmbeddedEngine },
  { label: 'PostgreSQL', open: openPostgresEngine },
] as const;
// The seeded data spans 2026-09-01 … 2026-11-30; the lists ask for October, as a user picking a month would.
const RANGE = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

type ListRequest = SessionQueryInput & { page: number };

/** Every filter set of the Sessions page, quick filters included, on first and later pages. */
export const LIST_REQUESTS: readonly ListRequest[] = [
  { range: RANGE, page: 0 },
  { page: 0 },
  { range: RANGE, agents: ['faq-bot'], containsFallback: true, page: 0 },
  { range: RANGE, containsLiveChat: true, page: 0 },
  { range: RANGE, containsCSATSurvey: true, page: 2 },
  { range: RANGE, containsCSATSurvey: true, csatStatuses: ['ANSWERED'], page: 0 },
  { range: RANGE, containsFeedback: true, page: 0 },
  { range: RANGE, tags: ['billing'], page: 0 },
  { range: RANGE, deployments: ['wa'], status: 'COMPLETED', page: 0 },
  { range: RANGE, containsFallback: true, containsLiveChat: true, sort: { order: 'asc' }, page: 1 },
  { range: RANGE, page: 10 },
];

// Terms users type into the search box: cities in other casings and scripts, a phrase, common words, and an order
// number no session holds (the search that finds nothing must not read every session either).
const PLAIN_SEARCHES: readonly ListRequest[] = [
  { range: RANGE, search: { term: 'REYKJAVÍK', mode: 'plain' }, page: 0 },
  { range: RANGE, search: { term: 'ship my order to', mode: 'plain' }, page: 0 },
  { range: RANGE, search: { term: 'ΚΎΠΡΟΣ', mode: 'plain' }, page: 0 },
  { search: { term: 'tbilisi', mode: 'plain' }, page: 0 },
  { search: { term: 'order ORD-58213', mode: 'plain' }, page: 0 },
];
const FULL_WORD_SEARCHES: readonly ListRequest[] = [
  { range: RANGE, search: { term: 'Reykjavík', mode: 'fullWord' }, page: 0 },
  { range: RANGE, search: { term: 'orders', mode: 'fullWord' }, page: 0 },
  { range: RANGE, search: { term: 'заказ', mode: 'fullWord' }, page: 0 },
  { search: { term: 'Tbilisi', mode: 'fullWord' }, page: 0 },
  { search: { term: 'ORD-58213', mode: 'fullWord' }, page: 0 },
];

const rowsOf = (label: string): FigureRow[] => [
  { name: `session list p50, every filter set (${label})`, unit: 'ms', target: ENGINE_TARGET },
  { name: `session list p99, every filter set (${label})`, unit: 'ms' },
  { name: `transcript search p50, plain (${label})`, unit: 'ms', target: ENGINE_TARGET },
  { name: `transcript search p50, full word (${label})`, unit: 'ms', target: ENGINE_TARGET },
];

/**
 * The URL of one list request on the organization API.
 *
 * @example
 * ```ts
 * listUrl('http://127.0.0.1:8080', { containsFallback: true, page: 0 });
 * ```
 */
export function listUrl(base: string, request: ListRequest): string {
  const { page, ...query } = request;
  const params = sessionQueryToParams(SessionQuery.parse(query), { page, pageSize: 20 });
  return `${base}/organizations/${BENCH_ORG}/chat-sessions?${params}`;
}

/**
 * GETs a URL with the benchmark token and returns its parsed JSON, failing on any non-2xx answer.
 *
 * @example
 * ```ts
 * const page = await getJson(listUrl(server.url, { page: 0 }));
 * ```
 */
export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Latencies of `requests` calls of `fn` (ms), after a warm-up round over the first few.
 *
 * @example
 * ```ts
 * const times = await latencies(20, (i) => getJson(urls[i % urls.length]));
 * ```
 */
export async function latencies(requests: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(4, requests); i++) await fn(i); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const begin = performance.now();
    await fn(i);
    times.push(performance.now() - begin);
  }
  return times;
}

/** p50 and p99 of the requests over HTTP, and p50 of the same statements replayed straight on the engine. */
async function measure(
  engine: Engine,
  base: string,
  requests: readonly ListRequest[],
  rounds: number,
): Promise<{ ours: number[]; engine: number[] }> {
  const recorded: RecordedQuery[][] = [];
  for (const request of requests) recorded.push(await engine.record(() => getJson(listUrl(base, request))));
  const count = requests.length * rounds;
  const ours = await latencies(count, (i) =>
    getJson(listUrl(base, requests[i % requests.length] as ListRequest)),
  );
  const straight = await latencies(count, async (i) => {
    for (const query of recorded[i % recorded.length] ?? [])
      await engine.driver.query(query.sql, query.params);
  });
  return { ours, engine: straight };
}

async function lists(engine: Engine, context: FigureContext, label: string): Promise<BenchResult[]> {
  const sessions = scaled(context, 100_000);
  const started = performance.now();
  await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 7, count: sessions }));
  await settleAfterSeeding(engine.driver);
  context.log(
    `${label}: seeded ${sessions} sessions in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const server = await serveStore(engine.store);
  try {
    // 11 filter sets × 20 = 220 requests at full size, so the p99 is the third slowest, not the slowest.
    const rounds = context.quick ? 3 : 20;
    const list = await measure(engine, server.url, LIST_REQUESTS, rounds);
    const plain = await measure(engine, server.url, PLAIN_SEARCHES, rounds);
    const fullWord = await measure(engine, server.url, FULL_WORD_SEARCHES, rounds);
    const [listP50, listP99, plainP50, fullWordP50] = rowsOf(label) as [
      FigureRow,
      FigureRow,
      FigureRow,
      FigureRow,
    ];
    const size = `${sessions.toLocaleString('en-US')} sessions of 20 messages, pages of 20`;
    const versus = 'HTTP request vs the statements the store ran for it, replayed straight on the engine';
    return [
      toResult(
        {
          ...listP50,
          value: percentile(list.ours, 50),
          baseline: percentile(list.engine, 50),
          note: `${size}; ${LIST_REQUESTS.length} filter sets (month, all time, agent, each quick filter, CSAT status, tag, deployment + status, later pages) × ${rounds}; ${versus}`,
        },
        context.scaleLabel,
      ),
      toResult(
        { ...listP99, value: percentile(list.ours, 99), baseline: percentile(list.engine, 99) },
        context.scaleLabel,
      ),
      toResult(
        {
          ...plainP50,
          value: percentile(plain.ours, 50),
          baseline: percentile(plain.engine, 50),
          note: `${PLAIN_SEARCHES.length} terms (Latin, Greek, phrase, all time, none matching) × ${rounds}; p99 ${percentile(plain.ours, 99).toFixed(0)} ms`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          ...fullWordP50,
          value: percentile(fullWord.ours, 50),
          baseline: percentile(fullWord.engine, 50),
          note: `${FULL_WORD_SEARCHES.length} terms (city, common, Cyrillic, all time, none matching) × ${rounds}; p99 ${percentile(fullWord.ours, 99).toFixed(0)} ms`,
        },
        context.scaleLabel,
      ),
    ];
  } finally {
    await server.close();
  }
}

/**
 * Session lists of 20 with every filter set (quick filters included) and transcript search, over HTTP on both
 * engines, each against the statements the store ran for the request replayed straight on the engine.
 */
export const sessionListsFigure: Figure = {
  id: 'session-lists',
  title: '9. session lists and transcript search',
  rows: engines.flatMap(({ label }) => rowsOf(label)),
  async run(context) {
    const results: BenchResult[] = [];
    for (const { label, open } of engines) {
      let engine: Engine | undefined;
      try {
        engine = await open();
        results.push(...(await lists(engine, context, label)));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        context.log(`${label}: not measured: ${reason}`);
        for (const row of rowsOf(label))
          results.push(notMeasured(row.name, row.unit, row.target, context.scaleLabel, reason));
      } finally {
        await engine?.close();
      }
    }
    return results;
  },
};
