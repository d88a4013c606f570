import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createObservatoryClient } from '@observatory/client';
import { sessionToWire } from '@observatory/core';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The client's contract suite is written to run against any server holding its fixture: here, ours.
import { describeClientContract } from '../packages/client/src/testing/client-contract.js';
import { contractFixture } from '../packages/client/src/testing/contract-fixture.js';

const token = 'socket-token';
const auth = { tokens: [{ token, organizationId: 'org-1' }] };

async function send(url: string, method: string, path: string, body: unknown): Promise<Response> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

/** Loads the client contract's fixture through the HTTP write paths, as a runtime would. */
async function seed(url: string): Promise<void> {
  const fixture = contractFixture();
  for (const session of fixture.sessions) {
    await send(url, 'POST', '/organizations/org-1/chat-sessions', sessionToWire(session));
  }
  for (const occurrence of fixture.occurrences) {
    await send(url, 'POST', '/organizations/org-1/missed-questions', {
      missedQuestion: {
        id: occurrence.missedQuestionId,
        tenantId: occurrence.agentId,
        question: occurrence.question,
      },
      sessionId: occurrence.sessionId,
      messageId: occurrence.messageId,
      occurredAt: occurrence.occurredAt,
    });
  }
}

describe('client ↔ server over a loopback socket', () => {
  let running: RunningServer;
  beforeAll(async () => {
    running = await startObservatoryServer({ storeUrl: 'memory://', port: 0, hostname: '127.0.0.1', auth });
    await seed(running.url);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('keeps one occurrence per (sessionId, messageId) when 32 reporters send overlapping reports at once', async () => {
    const pairs = Array.from({ length: 6 }, (_, i) => ({
      sessionId: `race-${i % 3}`,
      messageId: `race-m${i}`,
    }));
    const statuses = await Promise.all(
      Array.from({ length: 32 }, (_, reporter) =>
        Promise.all(
          pairs
            .filter((_, i) => (i + reporter) % 3 !== 0)
            .map(async (pair) => {
              const res = await fetch(`${running.url}/organizations/org-1/missed-questions`, {
                method: 'POST',
                headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  missedQuestion: { tenantId: 'faq-bot', question: 'Racing?' },
                  ...pair,
                }),
              });
              return res.status;
            }),
        ),
      ),
    );
    expect(statuses.flat().filter((status) => status === 201)).toHaveLength(pairs.length);
    expect(statuses.flat().every((status) => status === 201 || status === 200)).toBe(true);
    const client = createObservatoryClient({
      baseUrl: running.url,
      token,
      organizationId: 'org-1',
      retry: 0,
    });
    const [question] = (await client.missedQuestions.list({ question: 'Racing?' })).items;
    expect(question?.occurrences).toBe(pairs.length);
  });

  describeClientContract('local server (memory://)', (overrides) =>
    createObservatoryClient({
      baseUrl: running.url,
      dataManagerUrl: running.url,
      token,
      organizationId: 'org-1',
      retry: 0,
      ...overrides,
    }),
  );
});

describe('persistence: nothing acknowledged is lost across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'observatory-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps sessions, tags and reports written over HTTP on pglite://', async () => {
    const storeUrl = `pglite://${dir}`;
    const first = await startObservatoryServer({ storeUrl, port: 0, hostname: '127.0.0.1', auth });
    await seed(first.url);
    await send(first.url, 'PATCH', '/organizations/org-1/chat-sessions/s3/tags', ['kept']);
    await first.close();

    const second = await startObservatoryServer({ storeUrl, port: 0, hostname: '127.0.0.1', auth });
    try {
      const client = createObservatoryClient({
        baseUrl: second.url,
        token,
        organizationId: 'org-1',
        retry: 0,
      });
      const fixture = contractFixture();
      expect((await client.sessions.list({ pageSize: 100 })).total).toBe(fixture.sessions.length);
      expect((await client.sessions.get('s3')).tags).toEqual(['kept']);
      expect((await client.missedQuestions.get('q1')).occurrences).toBe(fixture.occurrences.length);
      const occurrences = await client.missedQuestions.occurrences('q1');
      expect(occurrences).toHaveLength(fixture.occurrences.length);
    } finally {
      await second.close();
    }
  });
});
