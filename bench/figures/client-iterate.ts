import { createObservatoryClient } from '@observatory/client';
import { seedSessions, settleAfterSeeding } from '../data/seed.js';
import { generateSessions } from '../data/sessions.js';
import { type Figure, scaled } from '../harness/figure.js';
import { BENCH_ORG, BENCH_TOKEN, openEmbeddedEngine, serveStore } from '../harness/local-server.js';
import { timePair } from '../harness/measure.js';
import { toResult } from '../harness/result.js';

const TARGET = { op: '>=', limit: 0.7 } as const;
const NAME = 'client.sessions.iterate throughput';
// The largest page the API serves (core MAX_PAGE_SIZE): fewest round trips for both sides.
const PAGE_SIZE = 1000;

/** The baseline: the same page requests with fetch and JSON.parse, no validation, no mapping. */
async function rawPages(baseUrl: string): Promise<number> {
  let count = 0;
  for (let page = 0; ; page++) {
    const response = await fetch(
      `${baseUrl}/organizations/${BENCH_ORG}/chat-sessions?page=${page}&pageSize=${PAGE_SIZE}`,
      { headers: { authorization: `Bearer ${BENCH_TOKEN}` } },
    );
    if (!response.ok) throw new Error(`raw page ${page}: HTTP ${response.status}`);
    const body = JSON.parse(await response.text()) as { items: unknown[]; total: number };
    count += body.items.length;
    if (body.items.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= body.total) return count;
  }
}

/** Figure 5: client.sessions.iterate over a loopback server against raw fetch + JSON.parse of the same pages. */
export const clientIterateFigure: Figure = {
  id: 'client-iterate',
  title: '5. client.sessions.iterate',
  rows: [{ name: NAME, unit: 'sessions/s', target: TARGET }],
  async run(context) {
    const count = scaled(context, 100_000);
    const engine = await openEmbeddedEngine();
    try {
      context.log(`seeding ${count} sessions`);
      await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 5, count }));
      await settleAfterSeeding(engine.driver);
      const server = await serveStore(engine.store);
      try {
        const client = createObservatoryClient({
          baseUrl: server.url,
          token: BENCH_TOKEN,
          organizationId: BENCH_ORG,
          iteratePageSize: PAGE_SIZE,
        });
        const viaClient = async () => {
          let seen = 0;
          for await (const _session of client.sessions.iterate()) seen++;
          return seen;
        };
        const [ours, raw] = [await viaClient(), await rawPages(server.url)];
        if (ours !== count || raw !== count)
          throw new Error(`expected ${count} sessions, client saw ${ours}, raw ${raw}`);
        // The checked passes above were the warm-up.
        const plan = context.quick ? { warmup: 0, runs: 3 } : { warmup: 0, runs: 5 };
        const times = await timePair(plan, viaClient, () => rawPages(server.url));
        const perSecond = (ms: number) => (count / ms) * 1000;
        return [
          toResult(
            {
              name: NAME,
              unit: 'sessions/s',
              value: perSecond(times.ours),
              baseline: perSecond(times.baseline),
              target: TARGET,
              note: `${count.toLocaleString('en-US')} sessions, pages of ${PAGE_SIZE}, embedded store, loopback HTTP; server time is in both sides`,
            },
            context.scaleLabel,
          ),
        ];
      } finally {
        await server.close();
      }
    } finally {
      await engine.close();
    }
  },
};
