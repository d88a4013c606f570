import { createObservatoryClient } from '@observatory/client';
import type { Session, TraceStep } from '@observatory/core';
import { INSERT_SESSION_ROWS, sessionRowValues } from '../../packages/server/src/store/sql/session-row.js';
import { generateSessions } from '../data/sessions.js';
import { type Figure, type FigureContext, type FigureRow, scaled } from '../harness/figure.js';
import {
  BENCH_ORG,
  BENCH_TOKEN,
  type Engine,
  openEmbeddedEngine,
  openPostgresEngine,
  serveStore,
} from '../harness/local-server.js';
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';

const RECORDERS = 16;
const RATIO_TARGET = { op: '>=', limit: 0.5 } as const;
const engines = [
  { label: 'embedded', open: openEmbeddedEngine },
  { label: 'PostgreSQL', open: openPostgresEngine },
] as const;

const rowsOf = (label: string): FigureRow[] => [
  {
    name: `recording a 20-message session with its trace (${label})`,
    unit: 'sessions/s',
    target: RATIO_TARGET,
  },
];

/** A session's trace as a runtime records it: one model call per answer, plus its missed-question steps. */
function withTrace(session: Session): Session {
  const calls: TraceStep[] = session.messages
    .filter((message) => message.role === 'agent')
    .map((message) => ({
      id: `${session.id}-llm-${message.id}`,
      messageId: message.responseToId ?? message.id,
      type: 'llm',
      timestamp: message.createdAt,
      payload: { model: 'bench-model', promptTokens: 412, completionTokens: 64 },
    }));
  return { ...session, interactions: [...session.interactions, ...calls] };
}

/** Runs `work` on every item with `workers` in flight; returns the wall time in ms. */
async function concurrently<T>(items: readonly T[], workers: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
    }),
  );
  return performance.now() - begin;
}

async function record(engine: Engine, context: FigureContext, label: string): Promise<BenchResult[]> {
  const count = scaled(context, 5_000, 200);
  const sessions = [...generateSessions({ seed: 9, count })].map(withTrace);
  const steps = sessions.reduce((sum, s) => sum + s.interactions.length, 0);
  const server = await serveStore(engine.store);
  try {
    const client = createObservatoryClient({
      baseUrl: server.url,
      token: BENCH_TOKEN,
      organizationId: BENCH_ORG,
    });
    // What a runtime does at the end of a conversation: the session with its trace, in one request.
    const recordOne = async (session: Session) => {
      await client.ingest.upsertSession(session);
    };
    // Warm-up (JIT, plans, connections) on other ids, so each timed write is a first write.
    const warmUp = sessions.slice(0, RECORDERS).map((s) => ({ ...s, id: `${s.id}-warm-up` }));
    await concurrently(warmUp, RECORDERS, (s) =>
      recordOne({ ...s, interactions: s.interactions.map((step) => ({ ...step, id: `${step.id}-w` })) }),
    );
    const ours = await concurrently(sessions, RECORDERS, recordOne);
    // The same rows written straight on the engine: one transaction per session, its row and its steps in one
    // statement each, at the same concurrency.
    const baselineOrg = `${BENCH_ORG}-baseline`;
    const straight = await concurrently(sessions, RECORDERS, (session) =>
      engine.driver.transaction(async (tx) => {
        const doc = { ...session, interactions: [] };
        await tx.query(INSERT_SESSION_ROWS, [
          baselineOrg,
          JSON.stringify([{ ...sessionRowValues(doc), doc }]),
        ]);
        await tx.query(
          `INSERT INTO interactions (org_id, agent_id, session_id, id, message_id, ts, doc)
           SELECT $1, $2, $3, step ->> 'id', step ->> 'messageId', (step ->> 'timestamp')::timestamptz, step
           FROM jsonb_array_elements($4::jsonb) AS step`,
          [baselineOrg, session.agentId, session.id, JSON.stringify(session.interactions)],
        );
      }),
    );
    const [stored] = await engine.driver.query(
      "SELECT count(*) AS n FROM interactions WHERE org_id = $1 AND session_id NOT LIKE '%-warm-up'",
      [BENCH_ORG],
    );
    if (Number(stored?.n) !== steps) throw new Error(`recorded ${steps} steps, found ${String(stored?.n)}`);
    const [row] = rowsOf(label) as [FigureRow];
    return [
      toResult(
        {
          ...row,
          value: (count * 1000) / ours,
          baseline: (count * 1000) / straight,
          note: `${count} sessions of 20 messages and ${(steps / count).toFixed(1)} trace steps on average, ${RECORDERS} concurrent recorders over HTTP (one upsertSession carrying the trace) vs the same rows written straight on the engine (2 statements in a transaction per session); every step stored once`,
        },
        context.scaleLabel,
      ),
    ];
  } finally {
    await server.close();
  }
}

/** Recording sessions with their traces over HTTP, on both engines, against the engine's own floor. */
export const sessionRecordFigure: Figure = {
  id: 'session-record',
  title: '10. recording sessions with their traces',
  rows: engines.flatMap(({ label }) => rowsOf(label)),
  async run(context) {
    const results: BenchResult[] = [];
    for (const { label, open } of engines) {
      let engine: Engine | undefined;
      try {
        engine = await open();
        results.push(...(await record(engine, context, label)));
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
