import { PassThrough } from 'node:stream';
import type { SessionInput } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from '../../../../test/support/local-server.js';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';

// The browsing commands against a real local server holding a small, hand-written November (times UTC; printed
// in Europe/Athens, UTC+2): what the product page shows is checked in the CLI's output.
const local = useLocalServer({ token: 'browse-token', organizationId: 'acme' });

function captureIo(terminal: { columns?: number; color?: boolean } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const env = {
    OBSERVATORY_URL: local.url,
    OBSERVATORY_TOKEN: local.token,
    OBSERVATORY_ORG: local.organizationId,
  };
  const io: CliIo = {
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env,
    cwd: process.cwd(),
    ...terminal,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function cli(
  args: string[],
  terminal: { columns?: number; color?: boolean } = { columns: 120, color: false },
) {
  const capture = captureIo(terminal);
  const code = await runCli(args, capture.io);
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

const NOVEMBER = ['--from', '2026-11-01', '--to', '2026-11-30', '--tz', 'Europe/Athens'];
const CYPRUS = 'Do you ship to Cyprus?';
const CRYPTO = 'Can I pay with crypto?';

const user = (id: string, text: string, createdAt: string) => ({
  id,
  role: 'user' as const,
  text,
  createdAt,
});

const sessions: SessionInput[] = [
  {
    id: 's-old',
    agentId: 'shop',
    contact: { id: 'c-4' },
    createdAt: '2026-10-05T10:00:00.000Z',
    messages: [user('o1', CYPRUS, '2026-10-05T10:00:00.000Z')],
  },
  {
    id: 's-live',
    agentId: 'shop',
    deployment: { id: 'web', name: 'Website' },
    contact: { id: 'c-1', name: 'Maria Papadopoulou', email: 'maria@example.test' },
    createdAt: '2026-11-10T08:00:00.000Z',
    tags: ['billing'],
    messages: [
      user('l1', 'Where is my refund for order ORD-77?', '2026-11-10T08:00:00.000Z'),
      {
        id: 'l2',
        role: 'agent',
        text: 'Let me hand you to a colleague.',
        createdAt: '2026-11-10T08:00:05.000Z',
      },
      {
        id: 'l3',
        role: 'system',
        kind: 'event',
        createdAt: '2026-11-10T08:00:10.000Z',
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      },
      {
        id: 'l4',
        role: 'system',
        kind: 'event',
        createdAt: '2026-11-10T08:00:20.000Z',
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' },
      },
    ],
  },
  {
    id: 's-fallback',
    agentId: 'shop',
    contact: { id: 'c-2', name: 'Nikos' },
    createdAt: '2026-11-12T09:00:00.000Z',
    tags: ['shipping'],
    messages: [
      user('f1', CYPRUS, '2026-11-12T09:00:00.000Z'),
      {
        id: 'f2',
        role: 'agent',
        text: 'Sorry, I did not understand.',
        category: 'FALLBACK',
        createdAt: '2026-11-12T09:00:02.000Z',
      },
      {
        id: 'f3',
        role: 'user',
        kind: 'event',
        createdAt: '2026-11-12T09:01:00.000Z',
        event: { type: 'csat', surveyId: 'csat-1', status: 'ANSWERED', scores: { score: 4 } },
      },
    ],
  },
  {
    id: 's-faq',
    agentId: 'faq-bot',
    contact: { id: 'c-3' },
    createdAt: '2026-11-20T15:30:00.000Z',
    messages: [user('q1', 'What are your opening hours?', '2026-11-20T15:30:00.000Z')],
  },
  {
    id: 's-ship2',
    agentId: 'shop',
    contact: { id: 'c-2', name: 'Nikos' },
    createdAt: '2026-11-25T18:00:00.000Z',
    messages: [
      user('t1', CYPRUS, '2026-11-25T18:00:00.000Z'),
      {
        id: 't2',
        role: 'agent',
        text: 'Sorry?',
        category: 'FALLBACK',
        createdAt: '2026-11-25T18:00:01.000Z',
      },
      user('t3', CYPRUS, '2026-11-25T18:00:30.000Z'),
      user('t4', CRYPTO, '2026-11-25T18:01:00.000Z'),
    ],
  },
];

const reports = [
  ['s-old', 'o1', CYPRUS],
  ['s-fallback', 'f1', CYPRUS],
  ['s-ship2', 't1', CYPRUS],
  ['s-ship2', 't3', CYPRUS],
  ['s-ship2', 't4', CRYPTO],
] as const;

let cyprusId = '';
let cryptoId = '';

beforeAll(async () => {
  for (const session of sessions) await local.client.ingest.upsertSession(session);
  await local.client.ingest.recordInteractions('s-live', [
    {
      id: 'step-1',
      messageId: 'l1',
      type: 'node',
      name: 'Find order',
      timestamp: '2026-11-10T08:00:01.000Z',
      payload: {},
    },
    {
      id: 'step-2',
      messageId: 'l1',
      type: 'variable',
      name: 'orderId',
      timestamp: '2026-11-10T08:00:02.000Z',
      payload: { name: 'orderId', value: 'ORD-77' },
    },
  ]);
  // The variables after the run of l1, as a runtime records them (the ingest path's `hbfEventId`).
  const variables = await fetch(
    `${local.url}/organizations/acme/chat-sessions/s-live/variables?hbfEventId=l1`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${local.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { name: 'orderId', value: 'ORD-77' },
        { name: 'refund', value: 'pending' },
      ]),
    },
  );
  expect(variables.status).toBe(204);
  for (const [sessionId, messageId, question] of reports) {
    await local.client.missedQuestions.report({ tenantId: 'shop', question, sessionId, messageId });
  }
  const listed = await local.client.missedQuestions.list({});
  cyprusId = listed.items.find((item) => item.question === CYPRUS)?.id ?? '';
  cryptoId = listed.items.find((item) => item.question === CRYPTO)?.id ?? '';
});

/** The rows of a table: the lines between the rule under the header and the footer. */
function tableRows(stdout: string): string[] {
  const lines = stdout.split('\n');
  const rule = lines.findIndex((line) => /^─+$/.test(line));
  const rows: string[] = [];
  for (const line of lines.slice(rule + 1)) {
    if (line === '' || /^(sessions|missed questions|no |flags:)/.test(line)) break;
    rows.push(line);
  }
  return rows;
}

describe('observatory sessions list', () => {
  it('prints the sessions of a range newest first in a wide terminal, times and range in the zone given', async () => {
    const result = await cli(['sessions', 'list', ...NOVEMBER]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]?.split(/\s+/)).toEqual([
      'id',
      'created',
      'agent',
      'contact',
      'msgs',
      'flags',
      'tags',
      'preview',
    ]);
    const rows = tableRows(result.stdout);
    expect(rows.map((row) => row.split(' ')[0])).toEqual(['s-ship2', 's-faq', 's-fallback', 's-live']);
    // 08:00 UTC is 10:00 in Athens; the contact by name; L for the LiveChat handoff; the first user text.
    expect(rows[3]).toMatch(
      /^s-live\s+2026-11-10 10:00\s+shop\s+Maria Papadopoulou\s+4\s+L\s+billing\s+Where is my refund for order ORD-77\?$/,
    );
    expect(rows[2]).toMatch(
      /^s-fallback\s+2026-11-12 11:00\s+shop\s+Nikos\s+3\s+FC\s+shipping\s+Do you ship to Cyprus\?$/,
    );
    expect(lines).toContain('sessions 1–4 of 4, 2026-11-01 – 2026-11-30 (Europe/Athens)');
    expect(lines.at(-1)).toBe('flags: F fallback, B feedback, C CSAT, L LiveChat');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
  });

  it('fits a 60-column terminal: one line per session, ids whole, columns cut or dropped', async () => {
    const result = await cli(['sessions', 'list', ...NOVEMBER], { columns: 60, color: false });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines.filter((l) => !l.startsWith('sessions ') && !l.startsWith('flags:'))) {
      expect([...line].length).toBeLessThanOrEqual(60);
    }
    const rows = tableRows(result.stdout);
    expect(rows.map((row) => row.split(' ')[0])).toEqual(['s-ship2', 's-faq', 's-fallback', 's-live']);
    expect(rows[3]).toMatch(/^s-live\s+2026-11-10 10:00/);
    // The header lost columns rather than wrapping: it is one line, shorter than the wide one.
    expect(lines[0]?.split(/\s+/).length).toBeLessThan(8);
    expect(lines[0]?.split(/\s+/).slice(0, 2)).toEqual(['id', 'created']);
  });

  it.each([
    [['--contains-livechat'], ['s-live']],
    [['--contains-fallback'], ['s-ship2', 's-fallback']],
    [['--contains-csat'], ['s-fallback']],
    [['--agent', 'faq-bot'], ['s-faq']],
    [['--deployment', 'web'], ['s-live']],
    [
      ['--tag', 'shipping', '--tag', 'billing'],
      ['s-fallback', 's-live'],
    ],
    [['--contact', 'papadopoulou'], ['s-live']],
    [['--search', 'refund'], ['s-live']],
    [
      ['--search', 'ship', '--search-mode', 'full-word'],
      ['s-ship2', 's-fallback'],
    ],
    [
      ['--search', 'ship', '--search-mode', 'full-word', '--sort', 'created-asc'],
      ['s-fallback', 's-ship2'],
    ],
    [['--search', 'ORD-[0-9]+', '--search-mode', 'regex'], ['s-live']],
    [['--search', 'ORD-77', '--search-mode', 'variable', '--variable', 'orderId'], ['s-live']],
  ])('filters with %j', async (filters, ids) => {
    const result = await cli(['sessions', 'list', ...NOVEMBER, ...filters, '--json']);
    expect(result.stderr).toBe('');
    const body = JSON.parse(result.stdout) as { total: number; items: Array<{ id: string }> };
    expect(body.items.map((item) => item.id)).toEqual(ids);
    expect(body.total).toBe(ids.length);
  });

  it('pages with --page and --page-size, and prints every page with --all', async () => {
    const second = await cli(['sessions', 'list', ...NOVEMBER, '--page-size', '3', '--page', '2']);
    expect(tableRows(second.stdout).map((row) => row.split(' ')[0])).toEqual(['s-live']);
    expect(second.stdout).toContain('sessions 4–4 of 4, 2026-11-01 – 2026-11-30 (Europe/Athens)');
    const first = await cli(['sessions', 'list', ...NOVEMBER, '--page-size', '3']);
    expect(first.stdout).toContain(
      'sessions 1–3 of 4 (next: --page 2), 2026-11-01 – 2026-11-30 (Europe/Athens)',
    );
    const all = await cli(['sessions', 'list', ...NOVEMBER, '--page-size', '1', '--all', '--json']);
    expect((JSON.parse(all.stdout) as { items: unknown[] }).items).toHaveLength(4);
  });

  it('says a --page past the last one is past it, naming the last page, for sessions and missed questions', async () => {
    const past = await cli(['sessions', 'list', ...NOVEMBER, '--page-size', '3', '--page', '9']);
    expect(past.code).toBe(2);
    expect(past.stdout).toBe('');
    expect(past.stderr).toBe('error: --page 9 is past the last page (2) of 4 sessions at 3 a page\n');
    const missed = await cli(['missed', 'list', ...NOVEMBER, '--page', '2']);
    expect(missed.code).toBe(2);
    expect(missed.stderr).toBe(
      'error: --page 2 is past the last page (1) of 2 missed questions at 20 a page\n',
    );
  });

  it("gives the page's advice when nothing matches, with the range in the user's zone", async () => {
    const result = await cli(['sessions', 'list', ...NOVEMBER, '--agent', 'nobody']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'No sessions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agent nobody: check the range and agent filter.\n',
    );
  });

  it.each([
    [['--search-mode', 'regex'], 'error: --search-mode regex: give --search, the text to find\n'],
    [
      ['--variable', 'orderId', '--search', 'x'],
      'error: --variable goes with --search-mode variable (and --search, the value to find)\n',
    ],
    [['--page', '0'], 'error: --page: expected a whole number from 1 (got "0")\n'],
    [['--page-size', '5000'], 'error: --page-size: expected a whole number from 1 to 1000 (got "5000")\n'],
    [['--all', '--page', '2'], 'error: --all prints every page: give --all or --page, not both\n'],
  ])('refuses %j in one line with exit code 2', async (flags, message) => {
    const result = await cli(['sessions', 'list', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
  });
  it('names --search when the server refuses its regular expression, in one line with exit code 2', async () => {
    for (const command of [
      ['sessions', 'list'],
      ['export', 'sessions', '--out', '-', '--quiet'],
    ]) {
      const result = await cli([...command, '--search', '(', '--search-mode', 'regex']);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^error: --search: expected a regular expression in RE2 syntax.* \(got "\("\)\n$/,
      );
    }
  });
});

describe('observatory sessions show', () => {
  it('prints the metadata and the transcript with its LiveChat events, times in the zone given', async () => {
    const result = await cli(['sessions', 'show', 's-live', '--tz', 'Europe/Athens']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Session s-live');
    expect(result.stdout).toMatch(/^Tags: +billing$/m);
    expect(lines).toContain('Transcript (Europe/Athens; each message id in [ ], for --highlight)');
    expect(lines).toContain('   2026-11-10 10:00:00  User: Where is my refund for order ORD-77?  [l1]');
    expect(lines).toContain('   2026-11-10 10:00:05  Agent: Let me hand you to a colleague.  [l2]');
    // Events rendered with their kind, never as blank lines.
    expect(lines).toContain('   2026-11-10 10:00:10  System: LiveChat requested  [l3]');
    expect(lines).toContain('   2026-11-10 10:00:20  System: LiveChat accepted  [l4]');
    expect(result.stdout).not.toContain('>>');
  });

  it('gives the span of the messages as the duration when none was recorded, and lists the LiveChat events', async () => {
    // s-live was recorded without a duration; its messages run from 08:00:00 to 08:00:20 and it has no LiveChat
    // conversation recorded apart, only the two LiveChat events in its transcript.
    const result = await cli(['sessions', 'show', 's-live', '--tz', 'Europe/Athens']);
    expect(result.stdout).toMatch(/^Duration: +0m 20s$/m);
    expect(result.stdout).toMatch(/^LiveChat: +LiveChat requested 10:00:10, LiveChat accepted 10:00:20$/m);
    const oneMessage = await cli(['sessions', 'show', 's-faq', '--tz', 'Europe/Athens']);
    expect(oneMessage.stdout).toMatch(/^Duration: +0m 00s$/m);
    expect(oneMessage.stdout).toMatch(/^LiveChat: +-$/m);
  });

  it('renders a CSAT answer with its score', async () => {
    const result = await cli(['sessions', 'show', 's-fallback', '--tz', 'Europe/Athens']);
    expect(result.stdout.split('\n')).toContain('   2026-11-12 11:01:00  User: CSAT answered: 4  [f3]');
  });

  it('marks --highlight with >> off a terminal and in inverse video on one', async () => {
    const plain = await cli(['sessions', 'show', 's-ship2', '--tz', 'Europe/Athens', '--highlight', 't3']);
    expect(plain.stdout.split('\n').filter((line) => line.startsWith('>> '))).toEqual([
      `>> 2026-11-25 20:00:30  User: ${CYPRUS}  [t3]`,
    ]);
    const tty = await cli(['sessions', 'show', 's-ship2', '--tz', 'Europe/Athens', '--highlight', 't3'], {
      columns: 120,
      color: true,
    });
    expect(tty.stdout).not.toContain('>>');
    expect(tty.stdout).toContain(`\u001b[7m2026-11-25 20:00:30  User: ${CYPRUS}  [t3]\u001b[27m`);
  });

  it('prints each message id, so a message can be marked with --highlight without --json', async () => {
    const shown = await cli(['sessions', 'show', 's-ship2', '--tz', 'Europe/Athens']);
    const line = shown.stdout.split('\n').find((text) => text.includes(CRYPTO)) ?? '';
    const id = /\[([^\]]+)\]$/.exec(line)?.[1] ?? '';
    expect(id).toBe('t4');
    const marked = await cli(['sessions', 'show', 's-ship2', '--tz', 'Europe/Athens', '--highlight', id]);
    expect(marked.stdout.split('\n').filter((text) => text.startsWith('>> '))).toEqual([
      `>> 2026-11-25 20:01:00  User: ${CRYPTO}  [t4]`,
    ]);
  });

  it("reads the terminal from stdout as the process's own: its columns, isTTY and NO_COLOR", async () => {
    const run = async (env: Record<string, string>) => {
      // A stdout that says it is a 60-column terminal, as process.stdout does on one; no io.columns or io.color.
      const capture = captureIo();
      Object.assign(capture.io.stdout, { isTTY: true, columns: 60 });
      const io = { ...capture.io, env: { ...capture.io.env, ...env } };
      expect(
        await runCli(['sessions', 'show', 's-ship2', '--tz', 'Europe/Athens', '--highlight', 't1'], io),
      ).toBe(0);
      expect(await runCli(['sessions', 'list', ...NOVEMBER], io)).toBe(0);
      return capture.stdout();
    };
    const tty = await run({});
    expect(tty).toContain(`\u001b[7m2026-11-25 20:00:00  User: ${CYPRUS}  [t1]\u001b[27m`);
    const table = tty.split('\n').filter((line) => line.startsWith('s-') || line.startsWith('id '));
    expect(table).toHaveLength(5);
    for (const line of table) expect([...line].length).toBeLessThanOrEqual(60);
    const noColor = await run({ NO_COLOR: '1' });
    expect(noColor).toContain(`>> 2026-11-25 20:00:00  User: ${CYPRUS}`);
    expect(noColor).not.toContain('\u001b[');
  });

  it('prints the workflow steps and the variables with --trace', async () => {
    const result = await cli(['sessions', 'show', 's-live', '--tz', 'Europe/Athens', '--trace']);
    expect(result.stderr).toBe('');
    const trace = result.stdout.split('\nTrace\n')[1] ?? '';
    expect(trace.split('\n')).toEqual([
      '  1. 2026-11-10 10:00:01  node: Find order',
      '  2. 2026-11-10 10:00:02  variable: orderId: name=orderId, value=ORD-77',
      '       orderId = ORD-77',
      '       refund = pending',
      '',
    ]);
  });

  it('says which session it did not find, and which message is not in it', async () => {
    const missing = await cli(['sessions', 'show', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'error: no session "nope" in organization "acme" (the server answered 404)\n',
    );
    const message = await cli(['sessions', 'show', 's-live', '--highlight', 'zz']);
    expect(message.code).toBe(2);
    expect(message.stderr).toBe('error: --highlight: session "s-live" has no message "zz"\n');
  });

  it('names the agents holding an id several agents hold, and shows the one --agent chooses', async () => {
    // Session ids are unique per agent: two agents' sessions of one id, outside every range the suite lists.
    for (const agentId of ['shop', 'helpdesk']) {
      await local.client.ingest.upsertSession({
        id: 's-shared',
        agentId,
        contact: { id: `c-${agentId}` },
        createdAt: '2020-01-01T00:00:00.000Z',
        messages: [user(`x-${agentId}`, `Hello from ${agentId}`, '2020-01-01T00:00:00.000Z')],
      });
    }
    const both = await cli(['sessions', 'show', 's-shared']);
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(
      'error: session "s-shared" is held by the sessions of several agents (helpdesk, shop): choose one with --agent\n',
    );
    const chosen = await cli(['sessions', 'show', 's-shared', '--agent', 'helpdesk', '--tz', 'UTC']);
    expect(chosen.stderr).toBe('');
    expect(chosen.stdout).toContain('User: Hello from helpdesk');
    expect(chosen.stdout).not.toContain('Hello from shop');
  });
});

describe('observatory missed list and show', () => {
  it('lists the missed questions of a range by occurrences in it, fitted to the terminal', async () => {
    for (const columns of [120, 60]) {
      const result = await cli(['missed', 'list', ...NOVEMBER], { columns, color: false });
      expect(result.code).toBe(0);
      const rows = tableRows(result.stdout);
      // The ids cut to their first 8 characters (missed show takes them), so the question keeps its room.
      expect(rows.map((row) => row.split(' ')[0])).toEqual([cyprusId.slice(0, 8), cryptoId.slice(0, 8)]);
      expect(rows[0]).toContain(columns === 120 ? CYPRUS : CYPRUS.slice(0, 16));
      // The occurrences in the range (what the table is sorted by) stay at any width.
      expect(rows.map((row) => /\s(\d+)(?:\s|$)/.exec(row)?.[1])).toEqual(['3', '1']);
      for (const line of result.stdout.trimEnd().split('\n').slice(0, -1)) {
        expect([...line].length).toBeLessThanOrEqual(columns);
      }
      expect(result.stdout).toContain('missed questions 1–2 of 2, 2026-11-01 – 2026-11-30 (Europe/Athens)');
    }
    const wide = tableRows((await cli(['missed', 'list', ...NOVEMBER])).stdout);
    // In range 3 of a total of 4 (one in October).
    expect(wide[0]).toMatch(
      new RegExp(
        `^${cyprusId.slice(0, 8)}\\s+${CYPRUS.replace('?', '\\?')}\\s+3\\s+4\\s+2026-11-25 20:00\\s+UNRESOLVED\\s+shop$`,
      ),
    );
  });

  it('gives when each question was last asked in the range (not when it was stored), labelled so', async () => {
    const november = await cli(['missed', 'list', ...NOVEMBER, '--json']);
    const asked = (stdout: string) =>
      (JSON.parse(stdout) as { items: Array<{ question: string; lastOccurredLocal: string }> }).items.map(
        (item) => [item.question, item.lastOccurredLocal],
      );
    // Cyprus: last asked at t3 (18:00:30 UTC), crypto at t4 (18:01:00 UTC), in Athens time.
    expect(asked(november.stdout)).toEqual([
      [CYPRUS, '2026-11-25 20:00:30'],
      [CRYPTO, '2026-11-25 20:01:00'],
    ]);
    // In October Cyprus was asked once, on 5 October at 10:00 UTC (13:00 in Athens, summer time).
    const october = await cli([
      'missed',
      'list',
      '--from',
      '2026-10-01',
      '--to',
      '2026-10-31',
      '--tz',
      'Europe/Athens',
      '--json',
    ]);
    expect(asked(october.stdout)).toEqual([[CYPRUS, '2026-10-05 13:00:00']]);
    const table = await cli(['missed', 'list', ...NOVEMBER]);
    expect(table.stdout.split('\n')[0]).toMatch(/\blast asked\b/);
    expect(tableRows(table.stdout)[1]).toContain('2026-11-25 20:01');
  });

  it('sorts by question and searches the wording', async () => {
    const sorted = await cli(['missed', 'list', ...NOVEMBER, '--sort', 'question', '--json']);
    expect(
      (JSON.parse(sorted.stdout) as { items: Array<{ question: string }> }).items.map((i) => i.question),
    ).toEqual([CRYPTO, CYPRUS]);
    const all = await cli(['missed', 'list', ...NOVEMBER, '--all', '--json']);
    expect((JSON.parse(all.stdout) as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual([
      cyprusId,
      cryptoId,
    ]);
    const second = await cli(['missed', 'list', ...NOVEMBER, '--page-size', '1', '--page', '2']);
    expect(tableRows(second.stdout).map((row) => row.split(' ')[0])).toEqual([cryptoId.slice(0, 8)]);
    expect(second.stdout).toContain('missed questions 2–2 of 2, 2026-11-01 – 2026-11-30 (Europe/Athens)');
    const searched = await cli(['missed', 'list', ...NOVEMBER, '--search', 'crypto', '--json']);
    expect((JSON.parse(searched.stdout) as { items: Array<{ id: string }> }).items.map((i) => i.id)).toEqual([
      cryptoId,
    ]);
  });

  it('shows the three stats, the latest transcript with the missed message marked, then one row per session', async () => {
    const result = await cli(['missed', 'show', cyprusId, ...NOVEMBER]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${CYPRUS}  (shop, UNRESOLVED)`);
    expect(lines[1]).toBe('3 in range · 4 since the agent was created · 2 sessions in range');
    // The transcript comes right after the stats and the range, before the list of sessions.
    expect(lines.slice(3, 5)).toEqual(['', 'Transcript of s-ship2 (the latest; --session for another)']);
    expect(lines.filter((line) => line.startsWith('>> '))).toEqual([
      `>> 2026-11-25 20:00:00  User: ${CYPRUS}`,
      `>> 2026-11-25 20:00:30  User: ${CYPRUS}`,
    ]);
    expect(lines).toContain(`   2026-11-25 20:01:00  User: ${CRYPTO}`);
    expect(lines).toContain(
      'The whole session: observatory sessions show s-ship2 --agent shop --highlight t1 --highlight t3',
    );
    const table = lines.indexOf('Sessions where it appeared');
    expect(table).toBeGreaterThan(lines.indexOf('Transcript of s-ship2 (the latest; --session for another)'));
    // One row per session, newest first: how many times it was asked there and when last.
    const rows = lines.slice(table).filter((line) => line.startsWith('s-'));
    expect(rows.map((line) => line.split(/\s+/))).toEqual([
      ['s-ship2', '2', '2026-11-25', '20:00:30'],
      ['s-fallback', '1', '2026-11-12', '11:00:00'],
    ]);
    expect(result.stdout).not.toContain('more session');
  });

  it('lists the latest --limit sessions of a question and says how many more there are', async () => {
    const result = await cli(['missed', 'show', cyprusId, ...NOVEMBER, '--limit', '1']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    const table = lines.indexOf('Sessions where it appeared');
    expect(
      lines
        .slice(table)
        .filter((line) => line.startsWith('s-'))
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['s-ship2']);
    expect(lines).toContain('and 1 more session (--limit 2 lists every one)');
    const bad = await cli(['missed', 'show', cyprusId, ...NOVEMBER, '--limit', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --limit must be an integer from 1 to 1000 (got "0")\n');
  });

  it('says "1 session in range" for a question asked in one session', async () => {
    const result = await cli(['missed', 'show', cryptoId, ...NOVEMBER]);
    expect(result.stdout.split('\n')[1]).toBe(
      '1 in range · 1 since the agent was created · 1 session in range',
    );
  });

  it('prints the details panel as JSON with --json', async () => {
    const result = await cli(['missed', 'show', cyprusId, ...NOVEMBER, '--json']);
    const body = JSON.parse(result.stdout) as {
      id: string;
      stats: Record<string, number>;
      sessions: Array<{ sessionId: string; occurrences: number; messageIds: string[] }>;
      moreSessions: number;
      transcript: { sessionId: string; lines: Array<{ messageId: string; highlighted: boolean }> };
    };
    expect(body.id).toBe(cyprusId);
    expect(body.stats).toEqual({ occurrencesInRange: 3, totalSinceCreated: 4, distinctSessions: 2 });
    expect(body.sessions.map((at) => [at.sessionId, at.occurrences, at.messageIds])).toEqual([
      ['s-ship2', 2, ['t3', 't1']],
      ['s-fallback', 1, ['f1']],
    ]);
    expect(body.moreSessions).toBe(0);
    expect(body.transcript.sessionId).toBe('s-ship2');
    expect(body.transcript.lines.filter((line) => line.highlighted).map((line) => line.messageId)).toEqual([
      't1',
      't3',
    ]);
  });

  it('shows the transcript of --session, coloured on a terminal', async () => {
    const result = await cli(['missed', 'show', cyprusId, ...NOVEMBER, '--session', 's-fallback'], {
      columns: 60,
      color: true,
    });
    expect(result.stdout).toContain('Transcript of s-fallback\n');
    expect(result.stdout).toContain(`\u001b[7m2026-11-12 11:00:00  User: ${CYPRUS}\u001b[27m`);
    expect(result.stdout).not.toContain('>>');
    const elsewhere = await cli(['missed', 'show', cyprusId, ...NOVEMBER, '--session', 's-live']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toBe(
      'error: --session: the question was not asked in session "s-live" in 2026-11-01 – 2026-11-30 (Europe/Athens); its sessions are listed without --session\n',
    );
  });

  it('resolves, ignores and reopens a question, which --status then finds', async () => {
    const resolved = await cli(['missed', 'resolve', cryptoId]);
    expect(resolved.stdout).toBe(`${cryptoId}: UNRESOLVED → RESOLVED  ${CRYPTO}\n`);
    const byStatus = async (status: string) =>
      (
        JSON.parse((await cli(['missed', 'list', ...NOVEMBER, '--status', status, '--json'])).stdout) as {
          items: Array<{ id: string }>;
        }
      ).items.map((item) => item.id);
    expect(await byStatus('resolved')).toEqual([cryptoId]);
    expect(await byStatus('UNRESOLVED')).toEqual([cyprusId]);
    expect((await cli(['missed', 'ignore', cryptoId])).stdout).toBe(
      `${cryptoId}: RESOLVED → IGNORED  ${CRYPTO}\n`,
    );
    expect(await byStatus('IGNORED')).toEqual([cryptoId]);
    expect((await cli(['missed', 'reopen', cryptoId])).stdout).toBe(
      `${cryptoId}: IGNORED → UNRESOLVED  ${CRYPTO}\n`,
    );
    const unknown = await cli(['missed', 'resolve', 'no-such-question']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'error: no missed question "no-such-question" in organization "acme" (the server answered 404)\n',
    );
  });
});

describe('observatory export with the filters of sessions list', () => {
  it('writes the sessions of the quick filter to stdout with --out -', async () => {
    const result = await cli([
      'export',
      'sessions',
      ...NOVEMBER,
      '--contains-livechat',
      '--agent',
      'shop',
      '--out',
      '-',
      '--quiet',
      '--no-bom',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const records = parse(result.stdout, { columns: true, delimiter: ';' }) as Array<Record<string, string>>;
    expect(records.map((record) => record.id)).toEqual(['s-live']);
    expect(records[0]?.containsLiveChat).toBe('true');
  });

  it('refuses to write an xlsx to stdout when stdout is a terminal, and writes it into a pipe', async () => {
    const args = ['export', 'sessions', ...NOVEMBER, '--format', 'xlsx', '--out', '-', '--quiet'];
    const terminal = captureIo();
    // A stdout that says it is a terminal, as process.stdout does on one.
    Object.assign(terminal.io.stdout, { isTTY: true });
    expect(await runCli(args, terminal.io)).toBe(2);
    expect(terminal.stderr()).toBe(
      'error: --format xlsx is binary and stdout is a terminal: give --out sessions.xlsx, or redirect stdout (> sessions.xlsx)\n',
    );
    expect(terminal.stdout()).toBe('');
    const piped = captureIo();
    const bytes: Buffer[] = [];
    piped.io.stdout.on('data', (chunk: Buffer) => bytes.push(chunk));
    expect(await runCli(args, piped.io)).toBe(0);
    // An xlsx file is a zip archive: it starts with "PK".
    expect(Buffer.concat(bytes).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a session-only filter on a missed-questions export', async () => {
    const result = await cli(['export', 'missed-questions', '--contains-fallback', '--out', '-']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: --contains-fallback filters sessions only; the missed-questions export takes --agent and --search\n',
    );
  });
});

describe('range flags', () => {
  it('takes --from alone as until now, and refuses --to alone', async () => {
    const result = await cli(['sessions', 'list', '--from', '2026-11-11', '--tz', 'Europe/Athens', '--json']);
    const body = JSON.parse(result.stdout) as {
      range: { from: string; to: string };
      items: Array<{ id: string }>;
    };
    expect(body.range.from).toBe('2026-11-10T22:00:00.000Z');
    expect(Date.parse(body.range.to)).toBeGreaterThan(Date.parse('2026-11-30T00:00:00Z'));
    expect(body.items.map((item) => item.id)).toEqual(['s-ship2', 's-faq', 's-fallback']);
    const to = await cli(['sessions', 'list', '--to', '2026-11-30']);
    expect(to.code).toBe(2);
    expect(to.stderr).toBe(
      'error: --to needs --from: give the start of the range too (--from alone runs until now)\n',
    );
  });

  it('prints a range of instants as local times of the zone it was given in', async () => {
    const args = [
      'sessions',
      'list',
      '--from',
      '2026-11-10T07:00:00Z',
      '--to',
      '2026-11-10T09:30:00Z',
      '--tz',
      'Europe/Athens',
    ];
    const result = await cli(args);
    expect(result.stdout).toContain('sessions 1–1 of 1, 2026-11-10 09:00 – 2026-11-10 11:30 (Europe/Athens)');
  });

  it.each(['thisWeek', 'lastWeek', 'lastMonth'])('accepts --preset %s', async (preset) => {
    const result = await cli(['sessions', 'list', '--preset', preset, '--tz', 'Europe/Athens', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
