import type { HttpRequestNodeConfig } from './http-request-node.js';

/**
 * Options of {@link missedQuestionRequestConfig}.
 *
 * @example
 * ```ts
 * import {
 *   httpRequestNode,
 *   type MissedQuestionRequestOptions,
 *   missedQuestionRequestConfig,
 * } from '@observatory/nodes';
 * const options: MissedQuestionRequestOptions = {
 *   baseUrl: 'http://127.0.0.1:4319', organizationId: 'org-1', tokenVariable: 'apiToken', timeout: 5_000,
 * };
 * const report = httpRequestNode(missedQuestionRequestConfig(options)); // reads the token from {{apiToken}}
 * ```
 */
export interface MissedQuestionRequestOptions {
  /** The Observatory API root, e.g. `https://core-v5.helvia.io` or `http://127.0.0.1:4319`. */
  readonly baseUrl: string;
  readonly organizationId: string;
  /** Variable holding the bearer token (kept out of the interaction log). @default 'observatoryToken' */
  readonly tokenVariable?: string;
  /** Per-attempt timeout in ms. @default 10_000 */
  readonly timeout?: number;
}

/**
 * A ready HTTP Request node config that sends the platform's missed-question report by itself:
 * `POST {baseUrl}/organizations/{orgId}/missed-questions` with the `MissedQuestionCreateDto` body
 * `{ missedQuestion: { question, tenantId }, sessionId, messageId }` built from the current message and session.
 * POST is retried here (2 retries) because the (sessionId, messageId) pair makes the report idempotent.
 * Unlike the reporter, it has no outbox: if the API stays down, the node takes `error`. The message text is sent
 * as it is, so a question the platform refuses (empty, or over 500 characters) also takes `error`; the Missed
 * Question node with a reporter cuts long questions at 500 instead.
 *
 * @example
 * ```ts
 * import { httpRequestNode, missedQuestionRequestConfig } from '@observatory/nodes';
 * const report = httpRequestNode(missedQuestionRequestConfig({ baseUrl: 'http://127.0.0.1:4319', organizationId: 'acme' }));
 * ctx.variables.set('observatoryToken', process.env.OBSERVATORY_TOKEN);
 * await report.execute(ctx);
 * ```
 */
export function missedQuestionRequestConfig(options: MissedQuestionRequestOptions): HttpRequestNodeConfig {
  const tokenVariable = options.tokenVariable ?? 'observatoryToken';
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    name: 'Report missed question',
    method: 'POST',
    url: `${base}/organizations/${encodeURIComponent(options.organizationId)}/missed-questions`,
    headers: { Authorization: `Bearer {{${tokenVariable}}}`, Accept: 'application/json' },
    body: {
      missedQuestion: { question: '{{message.text}}', tenantId: '{{session.tenantId}}' },
      sessionId: '{{session.id}}',
      messageId: '{{message.id}}',
    },
    timeout: options.timeout ?? 10_000,
    retry: { limit: 2, methods: ['POST'] },
    redact: [tokenVariable],
  };
}
