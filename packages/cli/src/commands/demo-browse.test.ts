import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { RunningServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';
import { type DemoSummary, demoCommand } from './demo.js';
import { serveCommand } from './serve.js';

const now = new Date('2026-11-25T12:00:00Z');

function captureIo(env: Record<string, string> = {}, terminal: { columns?: number; color?: boolean } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = {
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env,
    cwd: tmpdir(),
    ...terminal,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

// The newcomer's path: run the demo into a store folder, follow the lines it prints to serve that store, then
// browse the demo's data with the new commands down to the highlighted missed message.
describe('browsing what observatory demo made', () => {
  let dir: string;
  let store: string;
  let printed: string;
  let summary: DemoSummary;
  let running: RunningServer | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'observatory-demo-browse-'));
    store = `pglite://${join(dir, 'store')}`;
    const demo = captureIo();
    const flags = {
      seed: '7',
      sessions: '60',
      days: '10',
      tz: 'Europe/Athens',
      out: join(dir, 'out'),
      store,
      quiet: true,
    };
    summary = await demoCommand(flags, demo.io, now);
    printed = demo.stdout();
    running = await serveCommand(
      { store, host: '127.0.0.1', port: '0', token: 'demo-browse', org: 'demo', json: true },
      captureIo().io,
    );
    env = { OBSERVATORY_URL: running.url, OBSERVATORY_TOKEN: 'demo-browse', OBSERVATORY_ORG: 'demo' };
  }, 180_000);

  afterAll(async () => {
    await running?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the serve line for its store and the browse commands', () => {
    // `npx observatory`: a bare `observatory` is on no PATH in a clone of the repository.
    expect(printed).toContain(`  npx observatory serve --store ${store} --org demo\n`);
    expect(printed).toContain('  npx observatory sessions list --preset last30Days --tz Europe/Athens\n');
    expect(printed).toMatch(/^ {2}npx observatory missed show \S+ --preset last30Days --tz Europe\/Athens$/m);
    expect(printed).not.toMatch(/^ {2}observatory /m);
  });

  const RANGE = ['--from', '2026-11-15', '--to', '2026-11-25', '--tz', 'Europe/Athens'];

  it('lists the demo sessions in a narrow terminal, one line each', async () => {
    const capture = captureIo(env, { columns: 60, color: false });
    expect(await runCli(['sessions', 'list', ...RANGE, '--page-size', '10'], capture.io)).toBe(0);
    const lines = capture.stdout().trimEnd().split('\n');
    const rows = lines.filter((line) => line.startsWith('demo-7-'));
    expect(rows).toHaveLength(10);
    for (const line of lines.slice(0, 12)) expect([...line].length).toBeLessThanOrEqual(60);
    expect(lines).toContain('sessions 1–10 of 60 (next: --page 2), 2026-11-15 – 2026-11-25 (Europe/Athens)');
  });

  it("shows the variables each workflow run left in a demo session's trace, in the CLI and on the page", async () => {
    const list = captureIo(env, { columns: 120, color: false });
    expect(await runCli(['sessions', 'list', ...RANGE, '--page-size', '5', '--json'], list.io)).toBe(0);
    const ids = (JSON.parse(list.stdout()) as { items: Array<{ id: string }> }).items.map((item) => item.id);
    type Trace = Array<{ messageId: string; variables: Array<{ name: string; value: string }> }>;
    // The first of them whose workflow recorded steps (a greeting runs no node that records one).
    let id = '';
    let view: { trace: Trace } = { trace: [] };
    for (const candidate of ids) {
      const json = captureIo(env);
      expect(
        await runCli(['sessions', 'show', candidate, '--trace', '--json', ...RANGE.slice(-2)], json.io),
      ).toBe(0);
      view = JSON.parse(json.stdout()) as { trace: Trace };
      id = candidate;
      if (view.trace.length > 0) break;
    }
    const runs = new Set(view.trace.map((step) => step.messageId));
    expect(runs.size).toBeGreaterThan(0);
    // Every workflow run ends with the variables it left: the language, the miss counters.
    const withVariables = view.trace.filter((step) => step.variables.length > 0);
    expect(withVariables.map((step) => step.messageId)).toEqual([...runs]);
    for (const step of withVariables) {
      const names = step.variables.map((variable) => variable.name);
      expect(names).toEqual(expect.arrayContaining(['language', 'missedQuestionsCount']));
    }
    const text = captureIo(env, { columns: 120, color: false });
    expect(await runCli(['sessions', 'show', id, '--trace', ...RANGE.slice(-2)], text.io)).toBe(0);
    expect(text.stdout().split('\nTrace\n')[1]).toMatch(/^ {7}language = (en|el|es|de)$/m);

    const signIn = await fetch(`${running?.url}/?token=demo-browse`, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const page = await fetch(`${running?.url}/sessions/${id}?timeZone=Europe%2FAthens`, {
      headers: { cookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.match(/<summary>\d+ variables<\/summary>/g)).toHaveLength(runs.size);
    expect(html).toMatch(/<dt>language<\/dt><dd>(en|el|es|de)<\/dd>/);
  });

  it('opens the top missed question down to its highlighted message', async () => {
    const top = summary.topMissedQuestions[0];
    const id = /npx observatory missed show (\S+) /.exec(printed)?.[1] ?? '';
    const capture = captureIo(env, { columns: 120, color: false });
    expect(await runCli(['missed', 'show', id, ...RANGE], capture.io)).toBe(0);
    const lines = capture.stdout().split('\n');
    expect(lines[0]?.startsWith(`${top?.question}  (${top?.agentId}, UNRESOLVED)`)).toBe(true);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${top?.occurrences} in range · \\d+ since the agent was created · \\d+ sessions in range$`,
      ),
    );
    const marked = lines.filter((line) => line.startsWith('>> '));
    expect(marked.length).toBeGreaterThan(0);
    for (const line of marked) expect(line).toMatch(/^>> 2026-11-\d\d \d\d:\d\d:\d\d {2}User: /);
  });
});
