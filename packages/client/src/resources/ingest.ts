import {
  ChatSessionDto,
  type Message,
  messageToWire,
  Session,
  type SessionInput,
  sessionFromWire,
  sessionToWire,
  type TraceStep,
  TraceStep as TraceStepSchema,
  traceStepToWire,
} from '@observatory/core';
import { z } from 'zod';
import { parseInput } from '../internal/parse-input.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';
import { agentQuery, type SessionCallOptions } from './session-agent.js';

const VariableValues = z.record(z.string().min(1), z.unknown());

const InteractionReceipt = z.looseObject({ received: z.number().int(), inserted: z.number().int() });

/**
 * `client.ingest`: local-server write paths under `/organizations/{orgId}/chat-sessions` of a **local
 * Observatory** (`@observatory/server`). `client.chatSessions` records sessions through the published routes,
 * on the platform and locally alike; `ingest` remains for what they lack: the interaction log, sent with the
 * session by `upsertSession` or appended later by `recordInteractions`.
 *
 * @example
 * ```ts
 * await client.ingest.upsertSession(session); // the session and its trace, in one request
 * await client.ingest.recordInteractions(session.id, laterSteps);
 * ```
 */
export class IngestResource {
  readonly #transport: Transport;

  /**
   * Built by `createObservatoryClient`, which owns the transport; not constructed directly.
   *
   * @internal
   */
  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /**
   * Creates or updates a session (metadata, tags, CSAT, live chats; messages merged by id) with its
   * `interactions` (the trace; steps merged by id) in the same request and transaction, then records its
   * `variableSnapshots` one by one with {@link IngestResource.recordVariables} (a snapshot replaces the one
   * stored for the same message). Safe to retry. The answer is the stored session as the create returns it.
   *
   * @example
   * ```ts
   * const stored = await client.ingest.upsertSession({
   *   id: 's1', agentId: 'faq-bot', contact: { id: 'user-1' }, createdAt: new Date().toISOString(),
   *   messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: new Date().toISOString() }],
   *   interactions: [{ id: 'llm-1', messageId: 'm1', type: 'llm', timestamp: new Date().toISOString(), payload: {} }],
   * });
   * ```
   */
  async upsertSession(session: SessionInput, options?: CallOptions): Promise<Session> {
    const parsed = parseInput(Session, session, 'session');
    const json =
      parsed.interactions.length === 0
        ? sessionToWire(parsed)
        : {
            ...sessionToWire(parsed),
            interactions: parsed.interactions.map((step) => traceStepToWire(step, parsed.id)),
          };
    const stored = await this.#transport.json(
      { method: 'POST', path: this.#base(), json, idempotent: true },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto),
    );
    // The session's wire form has no variables: each snapshot is its own request, as a runtime sends it.
    for (const snapshot of parsed.variableSnapshots) {
      await this.recordVariables(parsed.id, snapshot.variables, {
        ...options,
        ...(snapshot.messageId === null ? {} : { messageId: snapshot.messageId }),
      });
    }
    return stored;
  }

  /**
   * Records the variables a workflow run left: with `messageId`, the values after the run of that user message
   * (its hbfEventId, what the trace shows on the run's last step); without it, the session's final values. A
   * snapshot replaces the one stored for the same message. Safe to retry. Sent on the runtimes' write path
   * (`POST /organizations/{orgId}/chat-sessions/{id}/variables?hbfEventId=…`, body `[{ name, value }]` as the
   * published `addVariables`); values may be any JSON.
   *
   * @throws ObservatoryInputError (field `variables`) when they are not an object of named values.
   * @example
   * ```ts
   * await client.ingest.recordVariables('s1', { orderId: 'ORD-7', language: 'en' }, { messageId: 'm1' });
   * ```
   */
  async recordVariables(
    sessionId: string,
    variables: Readonly<Record<string, unknown>>,
    options: SessionCallOptions & { readonly messageId?: string } = {},
  ): Promise<void> {
    const parsed = parseInput(VariableValues, variables, 'variables');
    const { messageId, ...callOptions } = options;
    const params = messageId === undefined ? undefined : new URLSearchParams({ hbfEventId: messageId });
    const { response } = await this.#transport.send(
      {
        method: 'POST',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${sessionId}/variables`,
        ...agentQuery(callOptions, params),
        json: Object.entries(parsed).map(([name, value]) => ({ name, value })),
        idempotent: true,
      },
      callOptions,
    );
    await response.body?.cancel();
  }

  /**
   * Appends messages to a session, in order. Not retried: appending is not idempotent.
   *
   * @example
   * ```ts
   * await client.ingest.appendMessages('s1', [{ id: 'm2', role: 'agent', kind: 'text', text: 'Hello!', createdAt: new Date().toISOString() }]);
   * ```
   */
  async appendMessages(
    sessionId: string,
    messages: readonly Message[],
    options?: SessionCallOptions,
  ): Promise<Session> {
    return this.#transport.json(
      {
        method: 'POST',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${sessionId}/messages/batch`,
        json: messages.map(messageToWire),
        ...agentQuery(options),
        idempotent: false,
      },
      ChatSessionDto,
      options,
      (dto) => sessionFromWire(dto),
    );
  }

  /**
   * Records interaction-log steps of a session. Steps are keyed by id, so a retry inserts nothing twice.
   * Returns how many were new.
   *
   * @example
   * ```ts
   * const { inserted } = await client.ingest.recordInteractions('s1', ctx.steps);
   * ```
   */
  async recordInteractions(
    sessionId: string,
    steps: readonly TraceStep[],
    options?: SessionCallOptions,
  ): Promise<{ received: number; inserted: number }> {
    const parsed = parseInput(z.array(TraceStepSchema).min(1), steps, 'steps');
    return this.#transport.json(
      {
        method: 'POST',
        path: path`/organizations/${this.#transport.organizationId}/chat-sessions/${sessionId}/interactions`,
        json: parsed.map((step) => traceStepToWire(step, sessionId)),
        ...agentQuery(options),
        idempotent: true,
      },
      InteractionReceipt,
      options,
      (receipt) => ({ received: receipt.received, inserted: receipt.inserted }),
    );
  }

  #base(): string {
    return path`/organizations/${this.#transport.organizationId}/chat-sessions`;
  }
}
