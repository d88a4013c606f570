import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from '../../../../test/support/local-server.js';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';

// Short ids in the missed-question tables, and the commands that take an id taking a unique prefix of it, against
// a real local server holding three questions with ids of our choosing: two share their first 8 characters, and
// two agents were asked the same question.
const local = useLocalServer({ token: 'short-ids-token', organizationId: 'acme' });
const SUNDAYS = 'Do you deliver on Sundays?';
const RETURNS = 'How do I return a broken item?';
const SHOP_SUNDAYS = 'abcd1234-1000-4000-8000-000000000001';
const SHOP_RETURNS = 'abcd1234-2000-4000-8000-000000000002';
const FAQ_SUNDAYS = 'ef567890-3000-4000-8000-000000000003';
const WEEK = ['--preset', 'last7Days', '--tz', 'Europe/Athens'];

beforeAll(async () => {
  const asked: Array<[string, string, string, number]> = [
    [SHOP_SUNDAYS, 'shop', SUNDAYS, 3],
    [SHOP_RETURNS, 'shop', RETURNS, 2],
    [FAQ_SUNDAYS, 'faq-bot', SUNDAYS, 1],
  ];
  for (const [id, agentId, question, times] of asked) {
    for (let n = 1; n <= times; n++) {
      const sessionId = `${agentId}-${id.slice(9, 10)}-${n}`;
      const createdAt = new Date().toISOString();
      await local.client.ingest.upsertSession({
        id: sessionId,
        agentId,
        contact: { id: `c-${sessionId}` },
        createdAt,
        messages: [{ id: 'm1', role: 'user', text: question, createdAt }],
      });
      const res = await fetch(`${local.url}/organizations/acme/missed-questions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${local.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          missedQuestion: { id, tenantId: agentId, question },
          sessionId,
          messageId: 'm1',
        }),
      });
      expect(res.status).toBeLessThan(300);
    }
  }
});

async function cli(args: string[], columns = 80) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = {
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env: {
      OBSERVATORY_URL: local.url,
      OBSERVATORY_TOKEN: local.token,
      OBSERVATORY_ORG: local.organizationId,
    },
    cwd: process.cwd(),
    columns,
    color: false,
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The table's rows: the lines after the rule, before the footer. */
function rows(stdout: string): string[][] {
  const lines = stdout.trimEnd().split('\n');
  const rule = lines.findIndex((line) => /^─+$/.test(line));
  return lines.slice(rule + 1, -1).map((line) => line.split(/ {2,}/).map((cell) => cell.trim()));
}

describe('observatory missed list: short ids, the question readable', () => {
  it('at 80 columns: the shortest unique id prefix (8 characters at least), the whole question, status, agent', async () => {
    const result = await cli(['missed', 'list', ...WEEK], 80);
    expect(result.code).toBe(0);
    expect(rows(result.stdout)).toEqual([
      ['abcd1234-1', SUNDAYS, '3', '3', 'UNRESOLVED', 'shop'],
      ['abcd1234-2', RETURNS, '2', '2', 'UNRESOLVED', 'shop'],
      ['ef567890', SUNDAYS, '1', '1', 'UNRESOLVED', 'faq-bot'],
    ]);
    for (const line of result.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('at 60 columns: keeps at least 16 characters of the question, the status and the agent', async () => {
    const result = await cli(['missed', 'list', ...WEEK], 60);
    expect(result.code).toBe(0);
    const table = rows(result.stdout);
    expect(table.map((row) => row[0])).toEqual(['abcd1234-1', 'abcd1234-2', 'ef567890']);
    for (const [index, question] of [SUNDAYS, RETURNS, SUNDAYS].entries()) {
      const shown = table[index]?.[1] ?? '';
      expect(question.startsWith(shown.replace(/…$/, ''))).toBe(true);
      expect(shown.length).toBeGreaterThanOrEqual(16);
    }
    expect(table.map((row) => row.slice(-2))).toEqual([
      ['UNRESOLVED', 'shop'],
      ['UNRESOLVED', 'shop'],
      ['UNRESOLVED', 'faq-bot'],
    ]);
    // The table's lines (not the footer, which names the range).
    for (const line of result.stdout.trimEnd().split('\n').slice(0, -1)) {
      expect([...line].length).toBeLessThanOrEqual(60);
    }
  });
});

describe('a unique id prefix for missed show, resolve, ignore and reopen', () => {
  it('takes the short id of the list', async () => {
    const shown = await cli(['missed', 'show', 'ef567890', ...WEEK]);
    expect(shown.stderr).toBe('');
    expect(shown.stdout.split('\n')[0]).toBe(`${SUNDAYS}  (faq-bot, UNRESOLVED)`);
    const resolved = await cli(['missed', 'resolve', 'abcd1234-2']);
    expect(resolved.stdout).toBe(`${SHOP_RETURNS}: UNRESOLVED → RESOLVED  ${RETURNS}\n`);
    const reopened = await cli(['missed', 'reopen', 'abcd1234-2']);
    expect(reopened.stdout).toBe(`${SHOP_RETURNS}: RESOLVED → UNRESOLVED  ${RETURNS}\n`);
    const whole = await cli(['missed', 'ignore', FAQ_SUNDAYS]);
    expect(whole.stdout).toBe(`${FAQ_SUNDAYS}: UNRESOLVED → IGNORED  ${SUNDAYS}\n`);
    await cli(['missed', 'reopen', FAQ_SUNDAYS]);
  });

  it('refuses an ambiguous prefix and an unknown one in one line', async () => {
    const ambiguous = await cli(['missed', 'resolve', 'abcd1234']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      `error: missed question id "abcd1234" is the start of 2 ids (${SHOP_SUNDAYS}, ${SHOP_RETURNS}): give more of it\n`,
    );
    const show = await cli(['missed', 'show', 'abcd', ...WEEK]);
    expect(show.code).toBe(2);
    expect(show.stderr).toContain('error: missed question id "abcd" is the start of 2 ids');
    const unknown = await cli(['missed', 'show', 'zz', ...WEEK]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'error: no missed question "zz" in organization "acme" (the server answered 404)\n',
    );
  });
});

describe('observatory missed top', () => {
  it('shows the short id to pass to missed show, and the agent of identical questions, at 80 columns', async () => {
    const result = await cli(['missed', 'top', ...WEEK], 80);
    expect(result.code).toBe(0);
    const table = rows(result.stdout);
    expect(table.map((row) => [row[0], row[1], row.at(-1)])).toEqual([
      ['1', 'abcd1234-1', 'shop'],
      ['2', 'abcd1234-2', 'shop'],
      ['3', 'ef567890', 'faq-bot'],
    ]);
    for (const [index, question] of [SUNDAYS, RETURNS, SUNDAYS].entries()) {
      const shown = table[index]?.[2] ?? '';
      expect(shown.length).toBeGreaterThanOrEqual(24);
      expect(question.startsWith(shown.replace(/…$/, ''))).toBe(true);
    }
    for (const line of result.stdout.trimEnd().split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const next = await cli(['missed', 'show', table[0]?.[1] ?? '', ...WEEK]);
    expect(next.stdout.split('\n')[0]).toBe(`${SUNDAYS}  (shop, UNRESOLVED)`);
  });
});
