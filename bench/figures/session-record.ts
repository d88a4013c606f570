import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import type { Session, TraceStep } from '@observatory/core';
import type { SqlDriver } from '../../packages/server/src/store/sql/driver.js';
import { openPgDriver } from '../../packages/server/src/store/sql/pg-driver.js';
import { openPgliteDriver } from '../../packages/server/src/store/sql/pglite-driver.js';
import { INSERT_SESSION_ROWS, sessionRowValues } from '../../packages/server/src/store/sql/session-row.js';
import { startPostgres } from '../../packages/server/src/testing/postgres.js';
import { generateSessions } from '../data/sessions.js';
import {
  describeCpuBudget,
  processTreeMeter,
  startCpuBudget,
  thisProcessMeter,
} from '../harness/cpu-budget.js';
import { type Figure, type FigureContext, type FigureRow, scaled } from '../harness/figure.js';
import { BENCH_ORG, BENCH_TOKEN } from '../harness/local-server.js';
import { type BenchResult, notMeasured, toResult } from '../harness/result.js';
import { serveMeter, startServeProcess } from '../harness/serve-process.js';

const RECORDERS = 16;
const RATIO_TARGET = { op: '>=', limit: 0.5 } as const;
/** Issue 16's absolute target, sessions/s, set on PostgreSQL only: the CPU budget's ceiling is set beside it. */
const issueTarget = (label: string) => (label === 'PostgreSQL' ? 1_000 : undefined);

/**
 * Where the figure stores sessions: the store URL an `observatory serve` process opens, and the benchmark's own
 * connection to the same database (for the engine's baseline and the check).
 */
interface RecordingEngine {
  readonly storeUrl: string;
  /** The benchmark's own connection: on the embedded engine only while no serve process holds the folder. */
  openDriver(): Promise<SqlDriver>;
  /** The process PostgreSQL runs under (its tree holds every backend); undefined for PGlite, run by its opener. */
  processId(): number | undefined;
  /** Stops PostgreSQL or deletes the embedded engine's folder. */
  dispose(): Promise<void>;
}

// The embedded engine as `observatory serve` keeps it by default: a PGlite folder, here a temporary one.
async function embeddedEngine(): Promise<RecordingEngine> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-record-'));
  return {
    storeUrl: `pglite://${dir}`,
    openDriver: () => openPgliteDriver(dir),
    processId: () => undefined,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresEngine(): Promise<RecordingEngine> {
  const postgres = await startPostgres();
  return {
    storeUrl: postgres.url,
    openDriver: () => openPgDriver(postgres.url),
    processId: postgres.processId,
    dispose: () => postgres.stop(),
  };
}

const engines = [
  { label: 'embedded', open: embeddedEngine },
  { label: 'PostgreSQL', open: postgresEngine },
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

async function record(
  engine: RecordingEngine,
  context: FigureContext,
  label: string,
): Promise<BenchResult[]> {
  const count = scaled(context, 5_000, 200);
  const sessions = [...generateSessions({ seed: 9, count })].map(withTrace);
  const steps = sessions.reduce((sum, s) => sum + s.interactions.length, 0);
  // Over HTTP to an `observatory serve` process, as users run it; the recorders' client in this process.
  const server = await startServeProcess(engine.storeUrl);
  let ours: number;
  let budget: string;
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
    // Every process of the run: the engine's own on PostgreSQL (PGlite runs inside the serve process).
    const engineRuns = engine.processId() !== undefined;
    const cpu = startCpuBudget([
      serveMeter(server),
      thisProcessMeter("recorders' process"),
      ...(engineRuns ? [processTreeMeter('PostgreSQL', engine.processId)] : []),
    ]);
    ours = await concurrently(sessions, RECORDERS, recordOne);
    budget = `${describeCpuBudget(cpu.stop(count, ours), 'session', issueTarget(label))}${engineRuns ? '' : '; PGlite runs inside the serve process'}; load average ${os.loadavg()[0]?.toFixed(1)}`;
  } finally {
    await server.stop();
  }
  // The benchmark's own connection once the server has let go of the store (PGlite: one process at a time).
  const driver = await engine.openDriver();
  try {
    const [stored] = await driver.query(
      "SELECT count(*) AS n FROM interactions WHERE org_id = $1 AND session_id NOT LIKE '%-warm-up'",
      [BENCH_ORG],
    );
    if (Number(stored?.n) !== steps) throw new Error(`recorded ${steps} steps, found ${String(stored?.n)}`);
    // The same rows written straight on the engine: one transaction per session, its row and its steps in one
    // statement each, at the same concurrency.
    const baselineOrg = `${BENCH_ORG}-baseline`;
    const straight = await concurrently(sessions, RECORDERS, (session) =>
      driver.transaction(async (tx) => {
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
    const [row] = rowsOf(label) as [FigureRow];
    return [
      toResult(
        {
          ...row,
          value: (count * 1000) / ours,
          baseline: (count * 1000) / straight,
          note: `${count} sessions of 20 messages and ${(steps / count).toFixed(1)} trace steps on average, ${RECORDERS} concurrent recorders over HTTP to an \`observatory serve\` process (one upsertSession carrying the trace) vs the same rows written straight on the engine by this process (2 statements in a transaction per session); every step stored once. ${budget}`,
        },
        context.scaleLabel,
      ),
    ];
  } finally {
    await driver.close();
  }
}

/**
 * Recording sessions with their traces over HTTP to an `observatory serve` process, on both engines, against the
 * engine's own floor.
 */
export const sessionRecordFigure: Figure = {
  id: 'session-record',
  title: '10. recording sessions with their traces',
  rows: engines.flatMap(({ label }) => rowsOf(label)),
  async run(context) {
    const results: BenchResult[] = [];
    for (const { label, open } of engines) {
      let engine: RecordingEngine | undefined;
      try {
        engine = await open();
        results.push(...(await record(engine, context, label)));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        context.log(`${label}: not measured: ${reason}`);
        for (const row of rowsOf(label))
          results.push(notMeasured(row.name, row.unit, row.target, context.scaleLabel, reason));
      } finally {
        await engine?.dispose();
      }
    }
    return results;
  },
};
