import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { type DemoSummary, demoCommand } from './demo.js';

const now = new Date('2026-11-25T12:00:00Z');

async function runDemo(
  out: string,
  quiet = true,
): Promise<{ summary: DemoSummary; printed: string; progress: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  const progress: string[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => progress.push(chunk.toString()));
  const io: CliIo = { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env: {}, cwd: out };
  const summary = await demoCommand(
    {
      seed: '7',
      sessions: '120',
      days: '10',
      tz: 'Europe/Athens',
      out,
      store: 'memory://',
      quiet,
      json: true,
    },
    io,
    now,
  );
  return { summary, printed: chunks.join(''), progress: progress.join('') };
}

describe('observatory demo', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runDemo>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'observatory-demo-test-'));
    first = await runDemo(join(dir, 'a'));
  }, 120_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints its summary as JSON with --json', () => {
    expect(JSON.parse(first.printed)).toEqual(JSON.parse(JSON.stringify(first.summary)));
  });

  it('exports every generated session as csv and xlsx that read back', async () => {
    const csvFile = first.summary.exports.find((file) => file.endsWith('sessions.csv')) ?? '';
    const rows = parse(await readFile(csvFile), { columns: true, delimiter: ';', bom: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(120);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(first.summary.exports.find((file) => file.endsWith('.xlsx')) ?? '');
    expect((workbook.worksheets[0]?.rowCount ?? 0) - 1).toBe(120);
    // The escalations were driven by the nodes and tagged on the sessions the server stored.
    const escalated = rows.filter((row) => (row.tags ?? '').split('|').includes('escalated'));
    expect(escalated).toHaveLength(first.summary.escalations);
    expect(first.summary.escalations).toBeGreaterThan(0);
  });

  it('stores a varied workspace: agents, deployments, languages, CSAT and LiveChat handoffs as events', async () => {
    const csvFile = first.summary.exports.find((file) => file.endsWith('sessions.csv')) ?? '';
    const rows = parse(await readFile(csvFile), { columns: true, delimiter: ';', bom: true }) as Record<
      string,
      string
    >[];
    const distinct = (column: string) => new Set(rows.map((row) => row[column])).size;
    expect(distinct('agentId')).toBeGreaterThanOrEqual(3);
    expect(distinct('deploymentId')).toBeGreaterThanOrEqual(4);
    expect(distinct('language')).toBeGreaterThanOrEqual(3);
    expect(rows.filter((row) => row.csat === 'ANSWERED').length).toBeGreaterThan(0);
    // Every escalation handed over to LiveChat, and the server sees the handoff as a LiveChat event.
    const handedOver = rows.filter((row) => row.containsLiveChat === 'true');
    expect(handedOver.map((row) => row.id).sort()).toEqual(
      rows
        .filter((row) => (row.tags ?? '').split('|').includes('escalated'))
        .map((row) => row.id)
        .sort(),
    );
    const text = await readFile(first.summary.exports.find((file) => file.endsWith('.txt')) ?? '', 'utf8');
    // Events are written with their kind, as a person reads them (core's describeEvent).
    expect(text).toMatch(/System: LiveChat accepted$/m);
    expect(text).toMatch(/System: CSAT answered: [1-5]$/m);
  });

  it('writes the local times of its exports in --tz, the zone of its report', async () => {
    const csvFile = first.summary.exports.find((file) => file.endsWith('sessions.csv')) ?? '';
    const rows = parse(await readFile(csvFile), { columns: true, delimiter: ';', bom: true }) as Record<
      string,
      string
    >[];
    const athens = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Athens' });
    for (const row of rows) expect(row.createdAtLocal).toBe(athens(row.createdAt ?? ''));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(first.summary.exports.find((file) => file.endsWith('.xlsx')) ?? '');
    const header = workbook.worksheets[0]?.getRow(1).values as unknown[];
    expect(header).toContain('createdAtLocal (Europe/Athens)');
  });

  it('counts the missed questions the sessions contain', async () => {
    const missedFile = first.summary.exports.find((file) => file.endsWith('missed-questions.csv')) ?? '';
    const questions = parse(await readFile(missedFile), {
      columns: true,
      delimiter: ';',
      bom: true,
    }) as Record<string, string>[];
    // Each occurrence is dated by its message, so all of them fall in the demo's range (the test's clock is fixed,
    // the server's is not: an occurrence dated on arrival would fall outside it).
    for (const row of questions) expect(row.filteredOccurrences).toBe(row.occurrences);
    const total = questions.reduce((sum, row) => sum + Number(row.occurrences), 0);
    expect(total).toBe(first.summary.missedQuestions);
    expect(first.summary.topMissedQuestions[0]?.occurrences).toBe(
      Math.max(...questions.map((row) => Number(row.occurrences))),
    );
  });

  it('ends, on its memory store without --serve, by saying the data is gone and how to run it again to keep it', async () => {
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const io: CliIo = {
      stdout,
      stderr: new PassThrough() as unknown as NodeJS.WriteStream,
      env: {},
      cwd: dir,
    };
    const flags = { seed: '7', sessions: '12', days: '5', tz: 'UTC', out: join(dir, 'c'), quiet: true };
    await demoCommand(flags, io, now);
    const closing = chunks.join('').split('\n\n').at(-1) ?? '';
    expect(closing).toMatch(
      /^The demo kept its data in memory, gone now that it has ended\. To browse it, run it again with --serve/,
    );
    expect(closing).toContain('\n  npx observatory demo --store pglite://./observatory-demo/store\n');
    expect(closing).toContain(
      '\n  npx observatory serve --store pglite://./observatory-demo/store --org demo\n',
    );
    expect(closing).toContain('\n  npx observatory missed show <id> --preset last30Days --tz UTC\n');
    expect(closing).toMatch(/<id> is one of the ids missed list prints: every run makes new ids/);
    expect(closing).not.toMatch(/^ {2}observatory /m);
    expect(closing).not.toContain('Web pages');
  });

  it('is reproducible: the same seed gives the same results, and shows the progress of every phase', async () => {
    const second = await runDemo(join(dir, 'b'), false);
    const { exports: _a, ...one } = first.summary;
    const { exports: _b, ...two } = second.summary;
    expect(two).toEqual(one);
    // Not a terminal: a line per tenth of each phase, each phase ending complete, in the order they run.
    const finals = second.progress
      .trim()
      .split('\n')
      .filter((line) => /: (\d+)\/\1$/.test(line))
      .map((line) => line.replace(/: \d+\/\d+$/, ''));
    expect(finals).toEqual([
      'Driving conversations through the nodes',
      'Delivering missed-question reports',
      'Writing exports',
    ]);
  }, 120_000);
});
