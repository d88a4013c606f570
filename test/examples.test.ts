import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';
import { resolveDateRange, type SessionInput } from '@observatory/core';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useProcesses } from './support/processes.js';

// Every example runs as a user would run it: its own Node process with tsx, from the repository root, talking
// to a real Observatory on 127.0.0.1.
const root = fileURLToPath(new URL('..', import.meta.url));
const token = 'examples-token';
const organizationId = 'acme';
const DAY = 86_400_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const processes = useProcesses();

async function runExample(
  name: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): Promise<Run> {
  const child = processes.startTsx(join('examples', name, 'src', 'index.ts'), args, { cwd: root, env });
  const { code } = await child.exited();
  return { code: code ?? 1, stdout: child.stdout(), stderr: child.stderr() };
}

/** A realistic session `daysAgo` days back: a greeting, the user's questions, the bot's answers. */
function session(id: string, daysAgo: number, questions: readonly string[]): SessionInput {
  const start = Date.now() - daysAgo * DAY;
  const at = (i: number) => new Date(start + i * 5_000).toISOString();
  return {
    id,
    agentId: 'faq-bot',
    deployment: { id: 'web', name: 'Website widget' },
    contact: { id: `contact-${id}`, name: 'Ana Papadopoulou' },
    channel: 'web',
    status: 'COMPLETED',
    createdAt: at(0),
    durationMs: 60_000,
    tags: ['shop'],
    messages: [
      { id: `${id}-greet`, role: 'agent', kind: 'text', text: 'Hi! How can I help?', createdAt: at(0) },
      ...questions.flatMap((text, i) => [
        { id: `${id}-u${i}`, role: 'user' as const, kind: 'text' as const, text, createdAt: at(2 * i + 1) },
        {
          id: `${id}-a${i}`,
          role: 'agent' as const,
          kind: 'text' as const,
          text: 'Sorry, I do not know that yet.',
          createdAt: at(2 * i + 2),
        },
      ]),
    ],
  };
}

// Wordings differ from those the custom-runtime example reports, so its run cannot change these counts.
const INSTALMENTS = 'Can I pay in instalments?';
const PATRAS = 'Do you have a store in Patras?';
const DOGS = 'Is the café dog-friendly? 🐶';
const OLD = 'Do you sell vinyl records?';
const seeded: SessionInput[] = [
  session('recent-1', 1, [INSTALMENTS, PATRAS]),
  session('recent-2', 2, [INSTALMENTS, DOGS]),
  session('recent-3', 3, [INSTALMENTS, '=HYPERLINK("http://evil.example")']),
  // Handed over to a person: a live chat and a summary, which a list leaves out unless asked for.
  {
    ...session('recent-4', 4, [PATRAS]),
    liveChats: [{ conversationId: 'lc-4', agents: ['maria'], lastEventType: 'LIVECHAT_TERMINATED' }],
    analysis: { summary: 'Asked about a store in Patras; handed over to Maria.' },
  },
  session('old-1', 30, [OLD]),
  // Asked before the last 7 days too, in other sessions: its distinct sessions in the range stay 3.
  session('old-2', 20, [INSTALMENTS]),
  session('old-3', 25, [INSTALMENTS]),
];
const recentIds = ['recent-1', 'recent-2', 'recent-3', 'recent-4'];

let running: RunningServer;
let client: ObservatoryClient;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  running = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    hostname: '127.0.0.1',
    auth: { tokens: [{ token, organizationId }] },
  });
  client = createObservatoryClient({
    baseUrl: running.url,
    dataManagerUrl: running.url,
    token,
    organizationId,
    retry: 0,
  });
  for (const input of seeded) {
    const stored = await client.ingest.upsertSession(input);
    // Every user message was unanswered: report each as the bot's Missed Question node would have.
    for (const message of stored.messages.filter((m) => m.role === 'user')) {
      await client.missedQuestions.report({
        tenantId: stored.agentId,
        question: message.text,
        sessionId: stored.id,
        messageId: message.id,
      });
    }
  }
  dir = await mkdtemp(join(tmpdir(), 'observatory-examples-'));
  env = { OBSERVATORY_URL: running.url, OBSERVATORY_TOKEN: token, OBSERVATORY_ORG: organizationId };
});

afterAll(async () => {
  await running?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function readXlsx(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow((row) => {
    // `cell.text`: a text cell is an inline rich-text string, read back as an object by `value`.
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
    rows.push(cells);
  });
  return rows;
}

/** Rows in id order (the first cell), to compare files written in different orders. */
const byId = (rows: readonly string[][]) => [...rows].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));

/** The rows are exactly the sessions of the last 7 days, each with its whole transcript. */
function expectSessionRows(header: readonly string[], rows: readonly string[][]): void {
  const column = (name: string) => header.indexOf(name);
  expect(rows.map((row) => row[column('id')]).sort()).toEqual(recentIds);
  for (const row of rows) {
    const input = seeded.find((s) => s.id === row[column('id')]);
    expect(Number(row[column('messageCount')])).toBe(input?.messages?.length);
    for (const message of input?.messages ?? []) {
      expect(row[column('transcript')]).toContain(message.text);
    }
  }
}

// Read-only examples first: the last two write sessions and reports of their own.
describe('examples, end to end against a local Observatory', () => {
  it('escalate-after-3-misses: scattered misses never escalate; the third in a row hands over once', async () => {
    const run = await runExample('escalate-after-3-misses');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const turns = [
      ...run.stdout.matchAll(
        /^(m\d+)\s+(\w+)\s+missedQuestionsCount=(\d+) consecutiveMissedQuestionsCount=(\d+)/gm,
      ),
    ].map(([, id, port, total, consecutive]) => ({
      id,
      port,
      total: Number(total),
      consecutive: Number(consecutive),
    }));
    expect(turns.length).toBeGreaterThan(3);
    // The counters follow the rule turn by turn: a miss adds one to both, an answer resets the streak only.
    let total = 0;
    let consecutive = 0;
    for (const turn of turns) {
      const miss = turn.port !== 'answered';
      total += miss ? 1 : 0;
      consecutive = miss ? consecutive + 1 : 0;
      expect(turn).toMatchObject({ total, consecutive });
    }
    const handoffs = [...run.stdout.matchAll(/^>>> handoff to LiveChat at (m\d+)/gm)].map((m) => m[1]);
    const last = turns.at(-1);
    expect(handoffs).toEqual([last?.id]);
    expect(last).toMatchObject({ port: 'escalate', consecutive: 3 });
    // Three misses happened before the handoff without any escalation: they were not in a row.
    const scattered = turns.find((turn) => turn.total === 3);
    expect(scattered?.consecutive).toBeLessThan(3);
    expect(turns.filter((turn) => turn.port === 'escalate')).toHaveLength(1);
  });

  it('pull-sessions-to-csv: writes one row per session of the last 7 days', async () => {
    const out = join(dir, 'sessions.csv');
    const run = await runExample('pull-sessions-to-csv', [], { ...env, OUT: out });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [header = [], ...rows] = parse(await readFile(out, 'utf8'), { delimiter: ';' }) as string[][];
    expectSessionRows(header, rows);
    // The same rows as the server's own CSV export of that range (the example writes them oldest first).
    const range = resolveDateRange({ preset: 'last7Days' }, { timeZone: 'UTC', now: new Date() });
    const file = await client.sessions.export({ range }, { fileType: 'csv' });
    const [serverHeader, ...serverRows] = parse(await new Response(file.body).text(), {
      delimiter: ';',
    }) as string[][];
    expect(header).toEqual(serverHeader);
    expect(byId(rows)).toEqual(byId(serverRows));
    expect(rows.find((row) => row[0] === 'recent-4')?.[header.indexOf('containsLiveChat')]).toBe('true');
  });

  it('pull-sessions-to-csv: FROM, TO and TZ_NAME select whole local days of that zone, and only those', async () => {
    const timeZone = 'Asia/Tokyo';
    // Calendar dates in the zone, by Intl directly: en-CA formats as YYYY-MM-DD.
    const localDate = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));
    const createdAt = (id: string) => seeded.find((s) => s.id === id)?.createdAt ?? '';
    // Two of the four recent days, from the data this file seeded: recent-3's day to recent-2's day.
    const from = localDate(createdAt('recent-3'));
    const to = localDate(createdAt('recent-2'));
    const expected = seeded
      .filter((s) => localDate(s.createdAt) >= from && localDate(s.createdAt) <= to)
      .map((s) => s.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(recentIds.length);
    const out = join(dir, 'range.csv');
    const run = await runExample('pull-sessions-to-csv', [], {
      ...env,
      OUT: out,
      FROM: from,
      TO: to,
      TZ_NAME: timeZone,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = parse(await readFile(out, 'utf8'), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((row) => row.id).sort()).toEqual(expected);
    // Local times are written in TZ_NAME too.
    for (const row of rows) expect(row.createdAtLocal?.slice(0, 10)).toBe(localDate(createdAt(row.id ?? '')));
  });

  it('export-sessions-to-xlsx: streams the range into a workbook, client side and server side', async () => {
    const local = join(dir, 'client-side.xlsx');
    const remote = join(dir, 'server-side.xlsx');
    const [clientRun, serverRun] = await Promise.all([
      runExample('export-sessions-to-xlsx', [local], env),
      runExample('export-sessions-to-xlsx', [remote, '--server-side'], env),
    ]);
    for (const run of [clientRun, serverRun]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const [localRows, remoteRows] = await Promise.all([readXlsx(local), readXlsx(remote)]);
    for (const [header = [], ...rows] of [localRows, remoteRows]) {
      expectSessionRows(header, rows);
    }
    expect(localRows[0]).toEqual(remoteRows[0]);
    expect(byId(localRows.slice(1))).toEqual(byId(remoteRows.slice(1)));
  });

  it('pull-missed-questions-into-your-tool: prints a JSON report of the last 7 days, top question detailed', async () => {
    const run = await runExample('pull-missed-questions-into-your-tool', [], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      questions: Array<{ question: string; occurrencesInRange: number }>;
      top: { question: string; occurrencesInRange: number; distinctSessions: number; occurrences: unknown[] };
    };
    const wordings = report.questions.map((q) => q.question);
    expect(wordings).toEqual(expect.arrayContaining([INSTALMENTS, PATRAS, DOGS]));
    expect(wordings).not.toContain(OLD);
    expect(report.questions[0]).toMatchObject({
      question: INSTALMENTS,
      occurrencesInRange: 3,
      totalOccurrences: 5,
    });
    expect(report.top).toMatchObject({
      question: INSTALMENTS,
      occurrencesInRange: 3,
      totalOccurrences: 5,
      distinctSessions: 3,
    });
    expect(report.top.occurrences).toEqual(
      expect.arrayContaining(
        ['recent-1', 'recent-2', 'recent-3'].map((sessionId) =>
          expect.objectContaining({ sessionId, messageId: `${sessionId}-u0` }),
        ),
      ),
    );
    expect(report.top.occurrences).toHaveLength(3);
  });

  it('report-with-http-node: the HTTP Request node alone reports the question; the log hides the token', async () => {
    const question = 'Do you deliver on Saturdays?';
    const run = await runExample('report-with-http-node', [question], {
      ...env,
      SESSION_ID: 'http-session',
      MESSAGE_ID: 'http-m1',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^port taken: next$/m);
    expect(run.stdout).toContain('[REDACTED]');
    expect(run.stdout).not.toContain(token);
    const step = JSON.parse(run.stdout.slice(run.stdout.indexOf('\n{') + 1)) as { type: string };
    expect(step.type).toBe('http');
    const [stored] = (await client.missedQuestions.list({ question })).items;
    expect(stored).toMatchObject({ question, agentId: 'faq-bot', occurrences: 1 });
    const occurrences = await client.missedQuestions.occurrences(stored?.id ?? '');
    expect(occurrences.map((o) => [o.sessionId, o.messageId])).toEqual([['http-session', 'http-m1']]);
    // The responseMapping added on top of the ready config kept the answer in workflow variables.
    expect(run.stdout).toContain(`reportStatus=201 missedQuestionId=${stored?.id}`);
  });

  it('custom-runtime: a token the server refuses is one line on stderr, saying what to check', async () => {
    const outbox = join(dir, 'refused-outbox.jsonl');
    const wrong = { ...env, OBSERVATORY_TOKEN: 'not-the-token', OBSERVATORY_OUTBOX: outbox };
    const run = await runExample('custom-runtime', [], wrong);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    // One line, naming the request and the server's answer; the session id is the run's own.
    expect(run.stderr.replace(/faq-\d+/, 'faq-<id>')).toBe(
      `error: PUT ${running.url}/chat-sessions/faq-<id> failed with 401 (Unauthorized: Invalid bearer token); check OBSERVATORY_TOKEN and OBSERVATORY_ORG\n`,
    );
    expect(run.stderr).not.toContain('not-the-token');
  });

  it('custom-runtime: reports through the file outbox, tags the session and pushes it with its log', async () => {
    const outbox = join(dir, 'outbox.jsonl');
    const run = await runExample('custom-runtime', [], { ...env, OBSERVATORY_OUTBOX: outbox });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = /^pushed session (\S+); missed questions delivered: (\d+), still queued: (\d+)$/m.exec(
      run.stdout,
    );
    const sessionId = summary?.[1] ?? '';
    expect(summary?.[3]).toBe('0');
    expect(existsSync(outbox)).toBe(true);
    const stored = await client.sessions.get(sessionId, {
      include: ['messages', 'interactions', 'variableSnapshots'],
    });
    expect(stored.tags).toEqual(expect.arrayContaining(['escalated', 'livechat']));
    // The variables each workflow run left, one snapshot per user message, with the miss counters.
    const userMessages = stored.messages.filter((m) => m.role === 'user').map((m) => m.id);
    expect(stored.variableSnapshots.map((snapshot) => snapshot.messageId)).toEqual(userMessages);
    for (const snapshot of stored.variableSnapshots) {
      expect(snapshot.variables).toHaveProperty('missedQuestionsCount');
    }
    expect(stored.messages.some((m) => m.role === 'user')).toBe(true);
    const missedSteps = stored.interactions.filter((step) => step.type === 'missed_question');
    expect(missedSteps.length).toBeGreaterThan(0);
    // Every missed_question step the runtime logged was delivered by the reporter, none more.
    expect(Number(summary?.[2])).toBe(missedSteps.length);
    // Every miss the runtime logged arrived once, as one occurrence in this session.
    const pairs: string[] = [];
    for await (const question of client.missedQuestions.iterate({ agents: ['faq-bot'] })) {
      for (const o of await client.missedQuestions.occurrences(question.id)) {
        if (o.sessionId === sessionId) pairs.push(o.messageId);
      }
    }
    expect(pairs).toHaveLength(missedSteps.length);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
