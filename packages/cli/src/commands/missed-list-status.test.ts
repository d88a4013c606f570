import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from '../../../../test/support/local-server.js';
import type { CliIo } from '../io.js';
import { runCli } from '../program.js';

// `missed list --status` asks the server for one page of the statuses wanted (the API's `status` filter), not
// every page to filter here: the CLI talks to the real local server through a pass-through that records each
// request's path and query.
const local = useLocalServer({ token: 'status-token', organizationId: 'acme' });
const requests: string[] = [];
let relay: Server;
let relayUrl: string;

beforeAll(async () => {
  const target = new URL(local.url);
  relay = createServer((incoming, outgoing) => {
    requests.push(incoming.url ?? '');
    const forwarded = request(
      {
        hostname: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  // Twelve questions asked now; the four whose number is a multiple of 3 resolved.
  for (let n = 1; n <= 12; n++) {
    const { id } = await local.client.missedQuestions.report({
      tenantId: 'shop',
      question: `Question ${String(n).padStart(2, '0')}?`,
      sessionId: `s-${n}`,
      messageId: 'm1',
    });
    if (n % 3 === 0) await local.client.missedQuestions.update(id, { status: 'RESOLVED' });
  }
});
afterAll(async () => {
  await new Promise<void>((resolve) => relay?.close(() => resolve()) ?? resolve());
});

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io: CliIo = {
    stdout,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env: { OBSERVATORY_URL: relayUrl, OBSERVATORY_TOKEN: local.token, OBSERVATORY_ORG: local.organizationId },
    cwd: process.cwd(),
    columns: 120, // wide enough for the whole wordings beside the ids and the last-asked time
    color: false,
  };
  const code = await runCli(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const WEEK = ['--preset', 'last7Days', '--tz', 'Europe/Athens'];

describe('observatory missed list --status', () => {
  it('shows a page of the resolved questions with one request, the status and page sent to the server', async () => {
    requests.length = 0;
    const args = ['missed', 'list', ...WEEK, '--status', 'resolved', '--sort', 'question'];
    const result = await cli([...args, '--page', '2', '--page-size', '2']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Question 09?');
    expect(result.stdout).toContain('Question 12?');
    expect(result.stdout).not.toContain('Question 03?');
    expect(result.stdout).not.toContain('Question 10?');
    expect(result.stdout).toContain('missed questions 3–4 of 4, ');
    expect(requests).toHaveLength(1);
    const query = new URL(requests[0] ?? '', relayUrl).searchParams;
    expect([query.get('status'), query.get('page'), query.get('pageSize')]).toEqual(['RESOLVED', '1', '2']);
  });

  it('reads every page of the statuses asked for with --all, and names a bad status', async () => {
    const all = await cli(['missed', 'list', ...WEEK, '--status', 'UNRESOLVED', '--all', '--json']);
    const body = JSON.parse(all.stdout) as { total: number; items: Array<{ status: string }> };
    expect(body.total).toBe(8);
    expect(new Set(body.items.map((item) => item.status))).toEqual(new Set(['UNRESOLVED']));
    const bad = await cli(['missed', 'list', ...WEEK, '--status', 'solved']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('error: --status: expected UNRESOLVED, RESOLVED, IGNORED (got "solved")\n');
  });
});
