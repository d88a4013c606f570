import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, inject } from 'vitest';
import { demoCommand } from '../../packages/cli/src/commands/demo.js';

/** The organization `observatory demo` stores its data under. */
export const DEMO_ORG = 'demo';
/** The zone the suites seed and read the demo in. */
export const DEMO_ZONE = 'Europe/Athens';

/** The demo every browser suite serves (one seed per run, copied by each suite). */
export const DEMO_SIZE = { sessions: 300, days: 30 } as const;

/** The tokens of the demo server: the demo's whole organization, one of its agents, and another organization. */
export const DEMO_TOKENS = {
  demo: { token: 'browser-demo-token', organizationId: DEMO_ORG },
  supportBot: { token: 'browser-support-bot-token', organizationId: DEMO_ORG, agents: ['support-bot'] },
  other: { token: 'browser-other-org-token', organizationId: 'other-org' },
} as const;

/** What another organization holds: one session with one missed question, ids the demo's token must not reach. */
export const OTHER_ORG_IDS = { session: 'other-org-session-1', message: 'other-org-session-1-m0' } as const;

/**
 * The demo's data behind a running server of the test file. Its properties can be read once `beforeAll` has run.
 *
 * @example
 * ```ts
 * const demo = useDemoServer(DEMO_SIZE);
 * it('lists', async () => expect((await demo.client.sessions.list({})).total).toBe(300));
 * ```
 */
export interface DemoServer {
  readonly url: string;
  /** A client of the demo's organization (the full token), without retries. */
  readonly client: ObservatoryClient;
  /** A client of the other organization. */
  readonly otherClient: ObservatoryClient;
  /** The other organization's missed question (its id is only known after the seed). */
  readonly otherQuestionId: string;
  /** When the demo generated its data (its sessions lie in the `days` before it). */
  readonly now: Date;
}

/**
 * In `beforeAll`, copies the run's one `observatory demo` of these options (its seeded dataset driven through the
 * workflow nodes, as a user runs it; made by the first suite that asks, see `sharedDemoSeed`) into a temporary
 * PGlite folder of this suite, serves that folder on 127.0.0.1 with {@link DEMO_TOKENS} and stores one session and
 * missed question in the other organization. Closes the server and removes the folder in `afterAll` whatever
 * happened. Suites asking for the same options share one seed, so they ask for {@link DEMO_SIZE}.
 *
 * @example
 * ```ts
 * const demo = useDemoServer(DEMO_SIZE);
 * ```
 */
export function useDemoServer(options: { readonly sessions: number; readonly days?: number }): DemoServer {
  let dir: string | undefined;
  let running: RunningServer | undefined;
  let client: ObservatoryClient | undefined;
  let otherClient: ObservatoryClient | undefined;
  let otherQuestionId: string | undefined;
  let now: Date | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useDemoServer: read in beforeAll or a test, after the seed');
    return value;
  };
  beforeAll(async () => {
    const seeded = await sharedDemoSeed(options);
    now = seeded.now;
    dir = await mkdtemp(join(tmpdir(), 'observatory-browser-'));
    const storeUrl = `pglite://${join(dir, 'store')}`;
    await cp(seeded.store, join(dir, 'store'), { recursive: true });
    running = await startObservatoryServer({
      storeUrl,
      port: 0,
      hostname: '127.0.0.1',
      auth: { tokens: Object.values(DEMO_TOKENS).map((grant) => ({ ...grant })) },
    });
    const clientFor = (grant: { token: string; organizationId: string }) =>
      createObservatoryClient({
        baseUrl: started(running).url,
        dataManagerUrl: started(running).url,
        ...grant,
        retry: 0,
      });
    client = clientFor(DEMO_TOKENS.demo);
    otherClient = clientFor(DEMO_TOKENS.other);
    const createdAt = new Date(started(now).getTime() - 86_400_000).toISOString();
    await otherClient.chatSessions.upsert({
      id: OTHER_ORG_IDS.session,
      agentId: 'support-bot',
      contact: { id: 'other-contact' },
      createdAt,
      messages: [
        {
          id: OTHER_ORG_IDS.message,
          role: 'user',
          kind: 'text',
          text: 'Other organization question?',
          createdAt,
        },
      ],
    });
    otherQuestionId = (
      await otherClient.missedQuestions.report({
        tenantId: 'support-bot',
        question: 'Other organization question?',
        sessionId: OTHER_ORG_IDS.session,
        messageId: OTHER_ORG_IDS.message,
      })
    ).id;
  });
  afterAll(async () => {
    await running?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return {
    get url() {
      return started(running).url;
    },
    get client() {
      return started(client);
    },
    get otherClient() {
      return started(otherClient);
    },
    get otherQuestionId() {
      return started(otherQuestionId);
    },
    get now() {
      return started(now);
    },
  };
}

/** What {@link sharedDemoSeed} answers: the seeded store's folder (read-only: copy it) and the demo's clock. */
interface DemoSeed {
  readonly store: string;
  readonly now: Date;
}

/**
 * The demo of these options, seeded once per test run into the run's shared folder (test/support/
 * shared-folder.setup.ts) and reused by every later suite: the first suite takes a lock (an exclusive `mkdir`) and
 * runs `observatory demo` as a user runs it, the others wait for its `ready.json` (or its `failed.json`, which
 * fails them with the first suite's error).
 */
async function sharedDemoSeed(options: {
  readonly sessions: number;
  readonly days?: number;
}): Promise<DemoSeed> {
  const days = options.days ?? 30;
  const folder = join(inject('sharedFolder'), `demo-${options.sessions}-${days}`);
  const ready = join(folder, 'ready.json');
  const failed = join(folder, 'failed.json');
  const read = async (): Promise<DemoSeed> => {
    const { now } = JSON.parse(await readFile(ready, 'utf8')) as { now: string };
    return { store: join(folder, 'store'), now: new Date(now) };
  };
  const owner = await mkdir(folder).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      throw error;
    },
  );
  if (!owner) {
    // Bounded by the project's hook timeout: the seeding suite writes one of the two files whatever happens.
    for (;;) {
      if (existsSync(ready)) return read();
      if (existsSync(failed))
        throw new Error(`the shared demo seed failed: ${await readFile(failed, 'utf8')}`);
      await setTimeout(250);
    }
  }
  const now = new Date();
  try {
    const quiet = new PassThrough();
    quiet.resume();
    await demoCommand(
      {
        seed: '17',
        sessions: String(options.sessions),
        days: String(days),
        tz: DEMO_ZONE,
        out: join(folder, 'exports'),
        store: `pglite://${join(folder, 'store')}`,
        quiet: true,
        json: true,
      },
      { stdout: quiet, stderr: quiet as unknown as NodeJS.WriteStream, env: {}, cwd: folder },
      now,
    );
  } catch (error) {
    await writeFile(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
    throw error;
  }
  await writeFile(ready, JSON.stringify({ now: now.toISOString() }));
  return read();
}
