import type { Session } from '@observatory/core';
import { seedSessions, settleAfterSeeding } from '../data/seed.js';
import { generateSessions } from '../data/sessions.js';
import type { Figure, FigureContext, FigureRow } from '../harness/figure.js';
import { BENCH_ORG, openPostgresEngine, serveStore } from '../harness/local-server.js';
import { notMeasured, toResult } from '../harness/result.js';
import { percentile } from '../harness/stats.js';
import { getJson, LIST_REQUESTS, latencies, listUrl } from './session-lists.js';

const FLAT_TARGET = { op: '<=', limit: 2 } as const;
const ROW: FigureRow = {
  name: 'session list p50 at 1M vs 10k sessions (PostgreSQL)',
  unit: 'ms',
  target: FLAT_TARGET,
};

/** Keeps the first user turn and its answer: the list reads 20 rows a page whatever their size. */
function* trimmed(sessions: Iterable<Session>): Generator<Session> {
  for (const session of sessions) yield { ...session, messages: session.messages.slice(0, 2) };
}

/** The list p50 over every filter set of figure 9 on a fresh PostgreSQL holding `size` sessions. */
async function listP50At(size: number, seed: number, context: FigureContext): Promise<number> {
  const engine = await openPostgresEngine();
  try {
    const started = performance.now();
    await seedSessions(engine.driver, BENCH_ORG, trimmed(generateSessions({ seed, count: size })));
    await settleAfterSeeding(engine.driver);
    context.log(`${size} sessions seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const server = await serveStore(engine.store);
    try {
      const urls = LIST_REQUESTS.map((request) => listUrl(server.url, request));
      return percentile(
        await latencies(urls.length * 3, (i) => getJson(urls[i % urls.length] as string)),
        50,
      );
    } finally {
      await server.close();
    }
  } finally {
    await engine.close();
  }
}

/**
 * Session list p50 (every filter set of figure 9) for an organization of 10k, 100k and 1M sessions on one
 * PostgreSQL (1k / 10k / 100k under `--quick`): the largest against the smallest, which must stay within 2×.
 */
export const sessionListScaleFigure: Figure = {
  id: 'session-list-scale',
  title: '11. session list at 10k, 100k and 1M sessions',
  rows: [ROW],
  async run(context) {
    const sizes = [10_000, 100_000, 1_000_000].map((n) => Math.round(n * context.scale));
    try {
      const p50s: number[] = [];
      for (const [index, size] of sizes.entries()) p50s.push(await listP50At(size, 20 + index, context));
      const label = (n: number) => n.toLocaleString('en-US');
      return [
        toResult(
          {
            ...ROW,
            value: p50s.at(-1) as number,
            baseline: p50s[0] as number,
            note: `p50 over ${LIST_REQUESTS.length} filter sets × 3 at ${sizes.map(label).join(' / ')} sessions: ${p50s.map((p) => p.toFixed(1)).join(' / ')} ms; a fresh PostgreSQL each, sessions of 2 messages`,
          },
          context.scaleLabel,
        ),
      ];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [notMeasured(ROW.name, ROW.unit, ROW.target, context.scaleLabel, reason)];
    }
  },
};
