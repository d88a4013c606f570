import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MissedQuestionReport, MissedQuestionReportSink } from '../../reporter/report-types.js';

/** A request the loopback server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** How the loopback server answers one request. */
export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly delayMs?: number;
}

/**
 * Test stand-in for the Observatory's missed-question endpoint on 127.0.0.1: records every request and stores
 * occurrences idempotently on (sessionId, messageId), like the platform. It can be stopped and restarted on the
 * same port to simulate an outage. `respond` overrides the answer per request.
 */
export class LoopbackObservatory {
  readonly requests: ReceivedRequest[] = [];
  readonly occurrences = new Map<string, unknown>();
  respond:
    | ((request: ReceivedRequest) => { status: number; body?: unknown; delayMs?: number } | undefined)
    | undefined;
  #server: Server | undefined;
  #port = 0;

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        this.requests.push(request);
        const custom = this.respond?.(request);
        const answer: Answer = custom ?? this.#store(request);
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** POSTs to the missed-questions path with the given key. */
  deliveriesOf(sessionId: string, messageId: string): number {
    return this.requests.filter((request) => {
      if (request.method !== 'POST' || !request.url.endsWith('/missed-questions')) return false;
      const body = JSON.parse(request.body) as { sessionId?: string; messageId?: string };
      return body.sessionId === sessionId && body.messageId === messageId;
    }).length;
  }

  /** A report sink speaking the platform's wire format to this server (what the real client does). */
  sink(organizationId = 'acme'): MissedQuestionReportSink {
    return {
      missedQuestions: {
        report: async (input: MissedQuestionReport, options?: { timeout?: number }) => {
          const response = await fetch(`${this.baseUrl}/organizations/${organizationId}/missed-questions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              missedQuestion: { question: input.question, tenantId: input.tenantId },
              sessionId: input.sessionId,
              messageId: input.messageId,
            }),
            signal: AbortSignal.timeout(options?.timeout ?? 5_000),
          });
          if (!response.ok) {
            throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status });
          }
          return response.json();
        },
      },
    };
  }

  #store(request: ReceivedRequest): Answer {
    if (request.method !== 'POST' || !request.url.endsWith('/missed-questions')) return { status: 404 };
    const body = JSON.parse(request.body) as {
      sessionId?: string;
      messageId?: string;
      missedQuestion?: unknown;
    };
    const key = JSON.stringify([body.sessionId, body.messageId]);
    if (this.occurrences.has(key)) return { status: 200, body: this.occurrences.get(key) };
    this.occurrences.set(key, body);
    return { status: 201, body };
  }
}
