// Opens our exports in a real spreadsheet program and compares every cell with the API. The exports come from
// the real local server's export routes and from the `observatory export` command; LibreOffice (headless)
// converts them with its own filters to CSV, which is read back with its quoting (a quoted cell is a text
// cell), and to flat ODS, where a formula cell would show as `table:formula`. Without `soffice` the suite skips
// with a message, except under CI=true, where it must run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { missedQuestionCsvColumns, sessionCsvColumns } from '@observatory/core';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/cli/src/io.js';
import { runCli } from '../packages/cli/src/program.js';
import {
  type ApiValue,
  asLibreOfficeShows,
  csvCell,
  missedQuestionValues,
  sessionValues,
  type WireMissedQuestion,
  type WireSession,
  wallClock,
  xlsxCell,
} from './spreadsheet/expected-cells.js';
import {
  CSV_OUT,
  convert,
  csvDefaultImport,
  csvTextImport,
  findSoffice,
  type OutputCell,
  readOutputCsv,
} from './spreadsheet/libreoffice.js';
import { DATASET_AGENTS, DATASET_RANGE, NASTY_TEXTS, nastySessions } from './spreadsheet/nasty-dataset.js';

const soffice = findSoffice();
const inCi = process.env.CI === 'true';
if (soffice === undefined && !inCi) {
  console.warn(
    'spreadsheet suite skipped: LibreOffice (`soffice`) is not installed ' +
      '(apt-get install libreoffice-calc-nogui); under CI=true it runs and fails without it',
  );
}

const ORG = 'acme';
const TOKEN = 'spreadsheet-token';
const ZONE = 'Europe/Athens';
const SESSIONS = 300;
// A cold LibreOffice start on a busy machine can take minutes; each conversion gets this long.
const SOFFICE_DEADLINE_MS = 300_000;
const AGENTS = DATASET_AGENTS.slice(0, 2);
// The suite's filter, as the route and list take it: two of three agents, November in Athens time.
const FILTER = new URLSearchParams({
  tenantsFilter: AGENTS.join(','),
  startDate: `${DATASET_RANGE.from}T00:00:00+02:00`,
  endDate: '2026-12-01T00:00:00+02:00',
});

const XLSX_HEADER = sessionCsvColumns.map((column) =>
  column === 'createdAt'
    ? 'createdAt (UTC)'
    : column === 'createdAtLocal'
      ? `createdAtLocal (${ZONE})`
      : column === 'durationMs'
        ? 'durationSeconds'
        : column,
);

function captureIo(env: Record<string, string>): { io: CliIo; stderr: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const err: string[] = [];
  stdout.resume();
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return {
    io: { stdout, stderr: stderr as unknown as NodeJS.WriteStream, env, cwd: process.cwd() },
    stderr: () => err.join(''),
  };
}

// Under CI=true the suite must run: without soffice this test fails (and the suite below is skipped).
it.runIf(inCi)('has LibreOffice (`soffice`) to open the exports with, under CI=true', () => {
  expect(soffice, 'apt-get install libreoffice-calc-nogui (.ci/run does)').toBeDefined();
});

describe.skipIf(soffice === undefined)('exports opened in LibreOffice equal the API', () => {
  let dir: string;
  let running: RunningServer | undefined;
  const apiSessions: WireSession[] = [];
  const apiQuestions: WireMissedQuestion[] = [];
  // LibreOffice's view of each export file, by file name: read with the file's separator, and read splitting at
  // `;`, `,` and TAB alike (a cell holding any of them is quoted, so it stays whole).
  const shown = new Map<string, OutputCell[][]>();
  const shownAnySeparator = new Map<string, OutputCell[][]>();
  const formulaCells = new Map<string, number>();

  async function api(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${running?.url}/organizations/${ORG}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  async function listAll<T>(path: string, extra: Record<string, string>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0; ; page++) {
      const params = new URLSearchParams({ ...Object.fromEntries(FILTER), ...extra, page: String(page) });
      params.set('pageSize', '100');
      const body = (await (await api(`${path}?${params}`)).json()) as { items: T[] };
      items.push(...body.items);
      if (body.items.length < 100) return items;
    }
  }

  async function download(path: string, params: Record<string, string>, file: string): Promise<void> {
    const query = new URLSearchParams({ ...Object.fromEntries(FILTER), ...params });
    const response = await api(`${path}?${query}`);
    await writeFile(join(dir, file), Buffer.from(await response.arrayBuffer()));
  }

  async function cli(args: string[]): Promise<void> {
    const capture = captureIo({
      OBSERVATORY_URL: running?.url ?? '',
      OBSERVATORY_TOKEN: TOKEN,
      OBSERVATORY_ORG: ORG,
    });
    const range = ['--from', DATASET_RANGE.from, '--to', DATASET_RANGE.to, '--tz', ZONE];
    const agents = AGENTS.flatMap((agent) => ['--agent', agent]);
    const code = await runCli([...args, ...range, ...agents, '--quiet'], capture.io);
    if (code !== 0) throw new Error(`observatory ${args.join(' ')} exited ${code}: ${capture.stderr()}`);
  }

  async function libreOffice(
    files: readonly string[],
    to: string,
    outDir: string,
    inFilter?: string,
  ): Promise<void> {
    if (soffice === undefined) throw new Error('LibreOffice (`soffice`) is not installed');
    await convert({
      soffice,
      profileDir: join(dir, 'profile'),
      files: files.map((file) => join(dir, file)),
      to,
      outDir: join(dir, outDir),
      inFilter,
      deadlineMs: SOFFICE_DEADLINE_MS,
    });
  }

  async function readShown(
    outDir: string,
    files: readonly string[],
    into: Map<string, OutputCell[][]> = shown,
  ): Promise<void> {
    for (const file of files) {
      const name = file.replace(/\.\w+$/, '');
      into.set(file, readOutputCsv(await readFile(join(dir, outDir, `${name}.csv`), 'utf8')));
    }
  }

  async function countFormulas(outDir: string, files: readonly string[]): Promise<void> {
    for (const file of files) {
      const name = file.replace(/\.\w+$/, '');
      const flat = await readFile(join(dir, outDir, `${name}.fods`), 'utf8');
      // A non-empty flat ODS has a table; a formula cell carries table:formula. LibreOffice has no boolean
      // type and holds an xlsx boolean cell (the two flag columns) as the formula TRUE() or FALSE(): not counted.
      expect(flat).toContain('<table:table ');
      const formulas = flat.match(/table:formula="[^"]*"/g) ?? [];
      formulaCells.set(
        file,
        formulas.filter((formula) => !/^table:formula="of:=(TRUE|FALSE)\(\)"$/.test(formula)).length,
      );
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'observatory-libreoffice-'));
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: { tokens: [{ token: TOKEN, organizationId: ORG }] },
    });
    const { sessionToWire, Session } = await import('@observatory/core');
    const sessions = nastySessions(SESSIONS);
    for (const [i, input] of sessions.entries()) {
      await api('/chat-sessions', {
        method: 'POST',
        body: JSON.stringify(sessionToWire(Session.parse(input))),
      });
      const firstMessage = input.messages?.[0];
      if (i % 2 === 0 && firstMessage) {
        await api('/missed-questions', {
          method: 'POST',
          body: JSON.stringify({
            missedQuestion: { tenantId: input.agentId, question: NASTY_TEXTS[i % NASTY_TEXTS.length] },
            sessionId: input.id,
            messageId: firstMessage.id,
            occurredAt: input.createdAt,
          }),
        });
      }
    }
    apiSessions.push(
      ...(await listAll<WireSession>('/chat-sessions', { includeMessages: 'true', includeSummary: 'true' })),
    );
    apiQuestions.push(...(await listAll<WireMissedQuestion>('/missed-questions', {})));

    // Through the route (timeZone and bom are the local server's extensions) and through the CLI.
    await download('/chat-sessions/export', { fileType: 'xlsx', timeZone: ZONE }, 'sessions-route.xlsx');
    await download(
      '/chat-sessions/export',
      { fileType: 'csv', separator: ';', timeZone: ZONE },
      'sessions-route-semicolon.csv',
    );
    await download('/missed-questions/export', { separator: ',' }, 'missed-route-comma.csv');
    await cli(['export', 'sessions', '--format', 'xlsx', '--out', join(dir, 'sessions-cli.xlsx')]);
    await cli([
      'export',
      'sessions',
      '--format',
      'csv',
      '--separator',
      ',',
      '--out',
      join(dir, 'sessions-cli-comma.csv'),
    ]);
    await cli(['export', 'missed-questions', '--out', join(dir, 'missed-cli-semicolon.csv')]);

    const xlsx = ['sessions-route.xlsx', 'sessions-cli.xlsx'];
    const semicolon = ['sessions-route-semicolon.csv', 'missed-cli-semicolon.csv'];
    const comma = ['sessions-cli-comma.csv', 'missed-route-comma.csv'];
    const columns = sessionCsvColumns.length;
    await libreOffice(xlsx, CSV_OUT, 'xlsx-shown');
    await libreOffice(semicolon, CSV_OUT, 'semicolon-shown', csvTextImport(';', columns));
    await libreOffice(comma, CSV_OUT, 'comma-shown', csvTextImport(',', columns));
    await libreOffice([...semicolon, ...comma], CSV_OUT, 'any-shown', csvTextImport(';,\t', columns));
    await libreOffice(xlsx, 'fods', 'xlsx-flat');
    await libreOffice(semicolon, 'fods', 'semicolon-flat', csvDefaultImport(';'));
    await libreOffice(comma, 'fods', 'comma-flat', csvDefaultImport(','));
    await readShown('xlsx-shown', xlsx);
    await readShown('semicolon-shown', semicolon);
    await readShown('comma-shown', comma);
    await readShown('any-shown', [...semicolon, ...comma], shownAnySeparator);
    await countFormulas('xlsx-flat', xlsx);
    await countFormulas('semicolon-flat', semicolon);
    await countFormulas('comma-flat', comma);
  }, 1_800_000);

  afterAll(async () => {
    await running?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds the nasty cases in the filtered API data', () => {
    expect(apiSessions.length).toBeGreaterThan(150);
    expect(apiSessions.length).toBeLessThan(SESSIONS);
    expect(apiQuestions.length).toBeGreaterThan(30);
    const texts = apiSessions.flatMap((session) => [session.summary ?? '', ...session.tags]);
    for (const text of NASTY_TEXTS) expect(texts).toContain(text);
    const transcriptLength = (session: WireSession) =>
      session.messages.reduce((sum, message) => sum + (message.message ?? '').length, 0);
    expect(apiSessions.filter((session) => transcriptLength(session) > 40_000).length).toBeGreaterThan(0);
    expect(apiSessions.filter((session) => (session.summary ?? '').length > 40_000).length).toBeGreaterThan(
      0,
    );
  });

  /** Where a shown cell first differs from the expected one, with a little context (cells can be 40,000 long). */
  function difference(
    got: OutputCell | undefined,
    want: { value: string; quoted?: boolean | undefined },
  ): string {
    const shownValue = got?.value ?? '';
    let at = 0;
    while (at < shownValue.length && shownValue[at] === want.value[at]) at++;
    const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 20), at + 20));
    return `differs at ${at} of ${shownValue.length}/${want.value.length}: shown ${around(shownValue)} (text cell: ${got?.quoted}) expected ${around(want.value)} (text cell: ${want.quoted ?? 'any'})`;
  }

  /** Rows shown by LibreOffice, keyed by the first column (the id), after checking the header. */
  function rowsById(
    file: string,
    header: readonly string[],
    view: Map<string, OutputCell[][]> = shown,
  ): Map<string, OutputCell[]> {
    const rows = view.get(file);
    if (!rows) throw new Error(`no LibreOffice output for ${file}`);
    const [head, ...body] = rows;
    expect(head?.map((cell) => cell.value)).toEqual(header);
    const byId = new Map(body.map((row) => [row[0]?.value ?? '', row]));
    expect(byId.size).toBe(body.length);
    return byId;
  }

  function compareRows(
    file: string,
    byId: Map<string, OutputCell[]>,
    expected: ReadonlyArray<{ id: string; cells: ReadonlyArray<{ value: string; text?: boolean }> }>,
    header: readonly string[],
  ): void {
    // 0 rows lost, none added.
    expect([...byId.keys()].sort()).toEqual(expected.map((row) => row.id).sort());
    const mismatches: string[] = [];
    for (const row of expected) {
      const cells = byId.get(row.id) ?? [];
      expect(cells).toHaveLength(header.length);
      row.cells.forEach((cell, i) => {
        const got = cells[i];
        const want = asLibreOfficeShows(cell.value, file.endsWith('.xlsx') ? 'xlsx' : 'csv');
        if (got?.value !== want || (cell.text !== undefined && got.quoted !== cell.text)) {
          mismatches.push(
            `${file} row ${row.id} ${header[i]}: ${difference(got, { value: want, quoted: cell.text })}`,
          );
        }
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
  }

  const local = wallClock(ZONE);

  for (const file of ['sessions-route.xlsx', 'sessions-cli.xlsx']) {
    it(`${file}: every cell shows the API's value with its type (text stays text, dates are dates)`, () => {
      const expected = apiSessions.map((dto) => ({
        id: dto.id,
        cells: sessionValues(dto).map((value: ApiValue, i) => xlsxCell(value, local, i)),
      }));
      compareRows(file, rowsById(file, XLSX_HEADER), expected, XLSX_HEADER);
      expect(formulaCells.get(file)).toBe(0);
    });
  }

  for (const file of ['sessions-route-semicolon.csv', 'sessions-cli-comma.csv']) {
    it(`${file}: every cell shows the API's value (formula text neutralised), read with its separator or with all three, and no formula runs`, () => {
      const expected = apiSessions.map((dto) => ({
        id: dto.id,
        cells: sessionValues(dto).map((value, i) => ({ value: csvCell(value, local, i) })),
      }));
      compareRows(file, rowsById(file, sessionCsvColumns), expected, sessionCsvColumns);
      compareRows(file, rowsById(file, sessionCsvColumns, shownAnySeparator), expected, sessionCsvColumns);
      expect(formulaCells.get(file)).toBe(0);
    });
  }

  for (const file of ['missed-cli-semicolon.csv', 'missed-route-comma.csv']) {
    it(`${file}: every cell shows the API's value, read with its separator or with all three, and no formula runs`, () => {
      const expected = apiQuestions.map((dto) => ({
        id: dto.id,
        cells: missedQuestionValues(dto).map((value, i) => ({ value: csvCell(value, local, i) })),
      }));
      compareRows(file, rowsById(file, missedQuestionCsvColumns), expected, missedQuestionCsvColumns);
      const anySeparator = rowsById(file, missedQuestionCsvColumns, shownAnySeparator);
      compareRows(file, anySeparator, expected, missedQuestionCsvColumns);
      expect(formulaCells.get(file)).toBe(0);
    });
  }
});
