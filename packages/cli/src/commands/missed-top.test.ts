import { PassThrough } from 'node:stream';
import { createObservatoryClient } from '@observatory/client';
import type { RunningServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';
import { serveCommand } from './serve.js';

function captureIo(env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.resume();
  const io: CliIo = { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env, cwd: process.cwd() };
  return { io, stdout: () => out.join('') };
}

const DAY = 86_400_000;

// `missed top` ranks by the occurrences in the range (the product page: "sort by Occurrences to prioritize",
// within the date range), ties by the most recent occurrence, then by question (docs/concepts.md).
describe('observatory missed top against a local server', () => {
  let running: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    const serve = captureIo();
    running = await serveCommand(
      { store: 'memory://', host: '127.0.0.1', port: '0', token: 'top-token', org: 'acme', json: true },
      serve.io,
    );
    env = { OBSERVATORY_URL: running.url, OBSERVATORY_TOKEN: 'top-token', OBSERVATORY_ORG: 'acme' };
    const client = createObservatoryClient({
      baseUrl: running.url,
      token: 'top-token',
      organizationId: 'acme',
    });
    const now = Date.now();
    // [question, days ago of each occurrence]
    const asked: Array<[string, number[]]> = [
      // 9 times ever, once this week.
      ['Old favourite?', [1.5, 40, 40, 41, 41, 42, 42, 43, 43]],
      // 3 times this week each; "Zebra" was asked more recently than "Apple", so it ranks first of the two.
      ['Apple question?', [4, 3, 2]],
      ['Zebra question?', [4, 3, 1]],
      ['Twice this week?', [2, 2.5]],
    ];
    let n = 0;
    for (const [question, daysAgo] of asked) {
      for (const days of daysAgo) {
        const id = `s${n++}`;
        const createdAt = new Date(now - days * DAY).toISOString();
        await client.ingest.upsertSession({
          id,
          agentId: 'shop',
          contact: { id: `c-${id}` },
          createdAt,
          messages: [{ id: `m-${id}`, role: 'user', text: question, createdAt }],
        });
        await client.missedQuestions.report({
          tenantId: 'shop',
          question,
          sessionId: id,
          messageId: `m-${id}`,
        });
      }
    }
  });

  afterAll(async () => {
    await running?.close();
  });

  it('ranks by occurrences in the range, not by the all-time total', async () => {
    const capture = captureIo(env);
    const args = ['missed', 'top', '--preset', 'last7Days', '--limit', '3', '--json'];
    expect(await runCli(args, capture.io)).toBe(0);
    const result = JSON.parse(capture.stdout()) as {
      total: number;
      items: { question: string; filteredOccurrences: number; occurrences: number }[];
    };
    expect(result.total).toBe(4);
    expect(result.items.map((item) => [item.question, item.filteredOccurrences, item.occurrences])).toEqual([
      ['Zebra question?', 3, 3],
      ['Apple question?', 3, 3],
      ['Twice this week?', 2, 2],
    ]);
  });

  it('prints the same ranking as a table', async () => {
    const capture = captureIo(env);
    expect(await runCli(['missed', 'top', '--preset', 'last7Days', '--limit', '2'], capture.io)).toBe(0);
    const rows = capture
      .stdout()
      .split('\n')
      .filter((line) => /question\?/.test(line))
      .map((line) => line.trim().split(/\s{2,}/));
    // Rank, the id's start (what missed show takes), question, in range, total.
    expect(rows.map((cells) => [cells[0], cells[1]?.length, ...cells.slice(2, 5)])).toEqual([
      ['1', 8, 'Zebra question?', '3', '3'],
      ['2', 8, 'Apple question?', '3', '3'],
    ]);
    expect(capture.stdout()).toContain('2 of 4 missed questions');
  });

  it('prints a range of instants in the footer as local times of the zone given, not UTC instants', async () => {
    const capture = captureIo(env);
    const day = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    const [from, to] = [`${day}T07:00:00Z`, `${day}T15:30:00Z`];
    const args = ['missed', 'top', '--from', from, '--to', to, '--tz', 'Asia/Kolkata'];
    expect(await runCli(args, capture.io)).toBe(0);
    // 07:00 and 15:30 UTC are 12:30 and 21:00 in Kolkata (UTC+5:30, no DST).
    expect(capture.stdout()).toContain(`missed questions, ${day} 12:30 – ${day} 21:00 (Asia/Kolkata)\n`);
  });
});
