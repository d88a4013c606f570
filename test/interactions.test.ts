import { createObservatoryClient, type ObservatoryClient, ObservatoryError } from '@observatory/client';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpecValidator } from '../packages/client/src/testing/spec-validator.js';
import { publishedAnswerChecker } from '../packages/server/src/testing/published-spec.js';
import { rawRequest } from './support/raw-request.js';
import { clientPerToken, SCOPED_AUTH } from './support/scoped-tokens.js';

// hbf-data-manager's interaction-log operations (InteractionsController_list, the two InteractionsDeleteController
// operations), client against the real local server over a loopback socket; every request and answer is checked
// against the published spec.

const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();
const step = (id: string, messageId: string, second: number) => ({
  id,
  messageId,
  type: 'llm',
  timestamp: at(second),
  payload: { model: 'x' },
});

describe('hbf-data-manager interaction-log operations over a loopback socket', () => {
  let running: RunningServer;
  const violations: string[] = [];
  const seen = new Set<string>();
  const clients: Record<string, ObservatoryClient> = {};
  const org = () => clients['org-token'] as ObservatoryClient;
  const scoped = () => clients['faq-token'] as ObservatoryClient;
  // Setup and checks beyond hbf-data-manager's operations go through an unchecked client.
  const writer = () => clients.writer as ObservatoryClient;

  beforeAll(async () => {
    running = await startObservatoryServer({
      storeUrl: 'memory://',
      port: 0,
      hostname: '127.0.0.1',
      auth: SCOPED_AUTH,
    });
    const validateRequest = await createSpecValidator();
    const check = await publishedAnswerChecker();
    const checkedFetch = async (input: Request, init?: RequestInit): Promise<Response> => {
      const sent = new Request(input, init);
      const violation = await validateRequest(sent.clone(), 'dataManager');
      if (violation) violations.push(`${violation.method} ${violation.path}: ${violation.errors.join('; ')}`);
      const response = await fetch(sent);
      const result = check(
        sent.method,
        new URL(sent.url).pathname,
        response.status,
        response.headers.get('content-type') ?? '',
        await response.clone().text(),
      );
      if (result.operationId === undefined) violations.push(`${sent.method} ${sent.url}: not published`);
      else if (response.ok) seen.add(result.operationId);
      for (const v of result.violations) violations.push(`${v.operationId} ${v.where}: ${v.message}`);
      return response;
    };
    Object.assign(clients, clientPerToken(running.url, checkedFetch));
    // Recorded through the ingest path (the published specs have no write path for the log), unchecked.
    clients.writer = createObservatoryClient({
      baseUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
    });
    for (const [id, agentId, steps] of [
      ['faq-1', 'faq-bot', [step('f1', 'fm1', 1), step('f2', 'fm1', 2)]],
      ['sales-1', 'sales-bot', [step('s1', 'sm1', 3)]],
    ] as const) {
      await writer().ingest.upsertSession({
        id,
        agentId,
        contact: { id: 'u' },
        createdAt: at(0),
        messages: [{ id: steps[0].messageId, role: 'user', text: 'Hi', createdAt: at(0) }],
      });
      await writer().ingest.recordInteractions(id, [...steps]);
    }
  });
  afterAll(async () => {
    await running?.close();
  });

  const logged = async (client: ObservatoryClient) =>
    (await client.interactions.list()).map((s) => `${s.sessionId}/${s.id}`);

  it('InteractionsController_list: the organization log newest first, with sessions; a scoped token sees its agents only', async () => {
    const steps = await org().interactions.list();
    expect(steps.map((s) => [s.sessionId, s.id, s.messageId, s.type])).toEqual([
      ['sales-1', 's1', 'sm1', 'llm'],
      ['faq-1', 'f2', 'fm1', 'llm'],
      ['faq-1', 'f1', 'fm1', 'llm'],
    ]);
    expect(await logged(scoped())).toEqual(['faq-1/f2', 'faq-1/f1']);
    expect(await logged(clients['other-org-token'] as ObservatoryClient)).toEqual([]);
    expect(violations).toEqual([]);
  });

  it("deletes a session's log (202) and keeps the session; a scoped token cannot touch another agent's", async () => {
    // Another agent's session answers as an absent one: 202, nothing deleted.
    await scoped().interactions.deleteForSession('sales-1');
    await scoped().interactions.deleteForSession('no-such-session');
    expect(await logged(org())).toEqual(['sales-1/s1', 'faq-1/f2', 'faq-1/f1']);

    await org().interactions.deleteForSession('sales-1');
    expect(await logged(org())).toEqual(['faq-1/f2', 'faq-1/f1']);
    const kept = await writer().sessions.get('sales-1', { include: ['messages'] });
    expect(kept.messages.map((m) => m.id)).toEqual(['sm1']);
    expect(violations).toEqual([]);
  });

  it('bulk-deletes the logs of the sessions named, skipping unknown ones and those of other agents', async () => {
    await writer().ingest.recordInteractions('sales-1', [step('s2', 'sm1', 4)]);
    await scoped().interactions.deleteForSessions(['sales-1', 'faq-1', 'missing']);
    expect(await logged(org())).toEqual(['sales-1/s2']);
    await org().interactions.deleteForSessions(['sales-1']);
    expect(await logged(org())).toEqual([]);
    await org().interactions.deleteForSessions([]);
    expect([...seen].sort()).toEqual([
      'InteractionsController_list',
      'InteractionsDeleteController_bulkDeleteSessionInteractions',
      'InteractionsDeleteController_deleteSessionInteractions',
    ]);
    expect(violations).toEqual([]);
  });

  it("refuses ids '', '.' and '..' in the client before any request, and needs the dataManagerUrl", async () => {
    const calls: string[] = [];
    const client = createObservatoryClient({
      baseUrl: running.url,
      dataManagerUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
      fetch: async (input, init) => {
        calls.push(new Request(input, init).url);
        return fetch(input, init);
      },
    });
    for (const id of ['', '.', '..'])
      await expect(client.interactions.deleteForSession(id)).rejects.toMatchObject({ field: 'id' });
    await expect(client.interactions.deleteForSessions([''])).rejects.toMatchObject({
      field: expect.stringMatching(/^sessionIds/),
    });
    expect(calls).toEqual([]);
    const withoutDataManager = createObservatoryClient({
      baseUrl: running.url,
      token: 'org-token',
      organizationId: 'org-1',
    });
    await expect(withoutDataManager.interactions.list()).rejects.toThrow(ObservatoryError);
    await expect(withoutDataManager.interactions.list()).rejects.toThrow(/dataManagerUrl/);
  });

  it("answers a raw '.' or '..' session id, an empty id in a bulk body and a missing token with problem+json", async () => {
    const raw = (method: string, path: string, body: unknown, token = 'org-token') =>
      rawRequest(running.port, method, path, { token, body });
    for (const path of [
      '/chat-sessions/%2E%2E/interactions',
      '/chat-sessions/./interactions',
      '/chat-sessions/../interactions',
    ]) {
      const answer = await raw('DELETE', path, undefined);
      expect([path, answer.status, answer.type, answer.json.field]).toEqual([
        path,
        400,
        'application/problem+json',
        'sessionId',
      ]);
    }
    const empty = await raw('POST', '/chat-sessions/interactions/bulk-delete', { sessionIds: [''] });
    expect([empty.status, empty.type]).toEqual([400, 'application/problem+json']);
    expect(String(empty.json.field)).toMatch(/^sessionIds/);
    const missing = await raw('POST', '/chat-sessions/interactions/bulk-delete', {});
    expect([missing.status, missing.json.field]).toEqual([400, 'sessionIds']);
    const unknownToken = await raw('DELETE', '/chat-sessions/faq-1/interactions', undefined, 'nope');
    expect([unknownToken.status, unknownToken.type]).toEqual([401, 'application/problem+json']);
  });
});
