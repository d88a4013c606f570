import { normalizeOptions } from './internal/normalize-options.js';
import { AnalyticsResource } from './resources/analytics.js';
import { ChatSessionsResource } from './resources/chat-sessions.js';
import { IngestResource } from './resources/ingest.js';
import { InteractionsResource } from './resources/interactions.js';
import { MissedQuestionsResource } from './resources/missed-questions.js';
import { SessionsResource } from './resources/sessions.js';
import { TagsResource } from './resources/tags.js';
import type { ObservatoryClientOptions } from './transport/options.js';
import { Transport } from './transport/transport.js';

/**
 * A client of the Observatory API: `sessions`, `missedQuestions` and `analytics` over one transport, plus
 * `ingest` for recording sessions in a local Observatory.
 *
 * @example
 * ```ts
 * const client: ObservatoryClient = createObservatoryClient({ baseUrl, token, organizationId });
 * ```
 */
export interface ObservatoryClient {
  readonly sessions: SessionsResource;
  readonly missedQuestions: MissedQuestionsResource;
  readonly analytics: AnalyticsResource;
  readonly ingest: IngestResource;
  /** The published `/chat-sessions` operations: record, complete and delete sessions. */
  readonly chatSessions: ChatSessionsResource;
  /** The organization's tags (`createTag`, `listTags_1`). */
  readonly tags: TagsResource;
  /** hbf-data-manager's interaction log: list the organization's steps, delete sessions' logs. */
  readonly interactions: InteractionsResource;
}

/**
 * Creates a client of the Observatory API (the platform's published wire format, or the local server).
 * Options are validated once here; see {@link CLIENT_DEFAULTS} for the defaults. `baseUrl`, `token` and
 * `organizationId` left out are read from `OBSERVATORY_URL`, `OBSERVATORY_TOKEN` and `OBSERVATORY_ORG`
 * ({@link CLIENT_ENV}), so with the three lines `observatory serve` prints exported, `createObservatoryClient()`
 * is enough.
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * const client = createObservatoryClient({
 *   baseUrl: 'http://127.0.0.1:4319', token: process.env.OBSERVATORY_TOKEN ?? '', organizationId: 'org-1',
 *   timeout: 10_000, retry: 3,
 * });
 * const page = await client.sessions.list({ agents: ['faq-bot'] });
 * // Or, with OBSERVATORY_URL, OBSERVATORY_TOKEN and OBSERVATORY_ORG set:
 * const fromEnv = createObservatoryClient();
 * const lastWeek = await fromEnv.sessions.list({ preset: 'last7Days', timeZone: 'Europe/Athens' });
 * ```
 */
export function createObservatoryClient(options: ObservatoryClientOptions = {}): ObservatoryClient {
  const transport = new Transport(normalizeOptions(options));
  return Object.freeze({
    sessions: new SessionsResource(transport),
    missedQuestions: new MissedQuestionsResource(transport),
    analytics: new AnalyticsResource(transport),
    ingest: new IngestResource(transport),
    chatSessions: new ChatSessionsResource(transport),
    tags: new TagsResource(transport),
    interactions: new InteractionsResource(transport),
  });
}
