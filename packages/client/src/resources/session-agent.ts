import type { CallOptions } from '../transport/options.js';

/**
 * The per-call options of a method that names one session by id: {@link CallOptions} and `agentId`, the agent
 * whose session of that id is meant. The local server keeps session ids unique per agent, not per organization:
 * when several of the token's agents hold the id, it answers 409 (an `ObservatoryApiError` whose problem has
 * `field: 'id'` and `agents`, the agents holding it), and `agentId` chooses one. Sent as the `tenantId` query
 * parameter (a local-server extension), only when given.
 *
 * @example
 * ```ts
 * const session = await client.sessions.get('s1', {}, { agentId: 'faq-bot' });
 * await client.chatSessions.delete('s1', { agentId: 'sales-bot', signal: AbortSignal.timeout(5_000) });
 * ```
 */
export interface SessionCallOptions extends CallOptions {
  /** The agent (tenant) whose session of the id is meant; needed only when several agents hold the id. */
  readonly agentId?: string | undefined;
}

/**
 * The request's `searchParams` with `tenantId` set from `options.agentId` when given: `{}` when there is neither.
 *
 * @example
 * ```ts
 * await transport.send({ method: 'DELETE', path: path`/chat-sessions/${id}`, ...agentQuery(options) }, options);
 * ```
 */
export function agentQuery(
  options: SessionCallOptions | undefined,
  params?: URLSearchParams,
): { searchParams?: URLSearchParams } {
  const agentId = options?.agentId;
  if (agentId === undefined) return params === undefined ? {} : { searchParams: params };
  const searchParams = new URLSearchParams(params);
  searchParams.set('tenantId', agentId);
  return { searchParams };
}
