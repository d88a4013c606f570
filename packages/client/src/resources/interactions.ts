import { InteractionMetadataDto, type LoggedTraceStep, loggedTraceStepFromWire } from '@observatory/core';
import { z } from 'zod';
import { ObservatoryError } from '../errors/errors.js';
import { parseInput } from '../internal/parse-input.js';
import { path } from '../internal/path.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';
import { agentQuery, type SessionCallOptions } from './session-agent.js';

const InteractionLog = z.array(InteractionMetadataDto);
const SessionIds = z.array(z.string().min(1));

/**
 * `client.interactions`: hbf-data-manager's interaction log as a whole (the steps of one session are read with
 * `sessions.get(id, { include: ['interactions'] })`): list the organization's latest steps, delete the log of
 * sessions. Calls go to the `dataManagerUrl` option; without it they throw `ObservatoryError` before any request.
 *
 * @example
 * ```ts
 * const steps = await client.interactions.list();
 * await client.interactions.deleteForSessions([...new Set(steps.map((step) => step.sessionId))]);
 * ```
 */
export class InteractionsResource {
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
   * Lists the organization's interaction-log steps, newest first (`InteractionsController_list`,
   * `GET /orgs/{orgId}/interactions`), each with the session it was recorded in. The platform lists without
   * paging; the local server answers the latest 1000. A token scoped to some agents sees their steps only.
   *
   * @example
   * ```ts
   * const failed = (await client.interactions.list()).filter((step) => step.hasError);
   * ```
   */
  async list(options?: CallOptions): Promise<LoggedTraceStep[]> {
    this.#requireDataManager('list');
    return this.#transport.json(
      {
        method: 'GET',
        service: 'dataManager',
        path: path`/orgs/${this.#transport.organizationId}/interactions`,
        idempotent: true,
      },
      InteractionLog,
      options,
      (body) => body.map((dto, position) => loggedTraceStepFromWire(dto, position)),
    );
  }

  /**
   * Deletes the interaction log of one session (`InteractionsDeleteController_deleteSessionInteractions`,
   * `DELETE /chat-sessions/{sessionId}/interactions`); the session and its transcript stay. Answered 202: the
   * platform deletes asynchronously, the local server before answering. A session unknown, or of an agent
   * outside the token's scope, is skipped (nothing deleted, still 202). An id `''`, `.` or `..` throws
   * `ObservatoryInputError` before any request.
   *
   * @example
   * ```ts
   * await client.interactions.deleteForSession('s1');
   * ```
   */
  async deleteForSession(sessionId: string, options?: SessionCallOptions): Promise<void> {
    this.#requireDataManager('deleteForSession');
    const request = { method: 'DELETE' as const, path: path`/chat-sessions/${sessionId}/interactions` };
    await this.#send({ ...request, ...agentQuery(options) }, options);
  }

  /**
   * Deletes the interaction logs of sessions
   * (`InteractionsDeleteController_bulkDeleteSessionInteractions`, `POST /chat-sessions/interactions/bulk-delete`);
   * the sessions stay. Ids unknown, or of sessions outside the token's scope, are skipped. The local server
   * takes at most 1000 ids a request. An empty id throws `ObservatoryInputError` before any request.
   *
   * @example
   * ```ts
   * await client.interactions.deleteForSessions(['s1', 's2']);
   * ```
   */
  async deleteForSessions(sessionIds: readonly string[], options?: SessionCallOptions): Promise<void> {
    this.#requireDataManager('deleteForSessions');
    const parsed = parseInput(SessionIds, sessionIds, 'sessionIds');
    const json = { sessionIds: parsed };
    await this.#send(
      { method: 'POST', path: '/chat-sessions/interactions/bulk-delete', json, ...agentQuery(options) },
      options,
    );
  }

  #requireDataManager(method: string): void {
    if (!this.#transport.hasDataManager)
      throw new ObservatoryError(`interactions.${method}: needs the dataManagerUrl option`);
  }

  /** Sends a request to hbf-data-manager answered 202 (no body); deleting twice deletes nothing more. */
  async #send(
    request: { method: 'POST' | 'DELETE'; path: string; json?: unknown; searchParams?: URLSearchParams },
    options: CallOptions | undefined,
  ): Promise<void> {
    const { response } = await this.#transport.send(
      { ...request, service: 'dataManager', idempotent: true },
      options,
    );
    await response.body?.cancel();
  }
}
