/**
 * Base class of the errors the server raises itself (core's `ObservatoryInputError` covers bad input). Each one
 * maps to one HTTP status in `http/problem.ts`.
 *
 * @example
 * ```ts
 * import { ObservatoryServerError } from '@observatory/server';
 * if (error instanceof ObservatoryServerError) console.log(error.status);
 * ```
 */
export class ObservatoryServerError extends Error {
  override readonly name: string = 'ObservatoryServerError';
  /** The HTTP status this error is answered with. */
  readonly status: number;
  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/**
 * A resource does not exist — or exists outside the caller's scope, which is answered the same way so that a
 * token cannot probe for another agent's ids.
 *
 * @example
 * ```ts
 * throw new NotFoundError('chat session', 's1');
 * ```
 */
export class NotFoundError extends ObservatoryServerError {
  override readonly name = 'NotFoundError';
  readonly resource: string;
  readonly id: string;
  constructor(resource: string, id: string) {
    super(404, `No ${resource} with id ${JSON.stringify(id)}`);
    this.resource = resource;
    this.id = id;
  }
}

/**
 * A write conflicts with stored data, e.g. re-sending a session under another agent. `stored` is the value kept,
 * when the caller may see it (it becomes the problem's `stored` member).
 *
 * @example
 * ```ts
 * throw new ConflictError('agentId', 'the agent the session was created with ("faq-bot")');
 * throw new ConflictError('missedQuestion.question', 'the question of the first report', 'Opening hours?');
 * ```
 */
export class ConflictError extends ObservatoryServerError {
  override readonly name: string = 'ConflictError';
  readonly field: string;
  readonly expected: string;
  readonly stored: string | undefined;
  constructor(field: string, expected: string, stored?: string) {
    super(409, `Conflicting ${field}: expected ${expected}`);
    this.field = field;
    this.expected = expected;
    this.stored = stored;
  }
}

/**
 * A by-id call names a session id that sessions of several agents hold (session ids are unique per agent), and
 * the caller did not say which agent's it means: a 409 on `id` naming those agents, only ever the ones within
 * the caller's scope. Send the request again with `tenantId` (the agent) to choose one.
 *
 * @example
 * ```ts
 * throw new AmbiguousSessionError('s1', ['agent-a', 'agent-b']);
 * ```
 */
export class AmbiguousSessionError extends ConflictError {
  override readonly name = 'AmbiguousSessionError';
  /** The agents holding a session of that id, within the caller's scope, byte-wise ascending. */
  readonly agents: readonly string[];
  constructor(id: string, agents: readonly string[]) {
    super(
      'id',
      `an id one agent's chat session holds: ${JSON.stringify(id)} is held by the chat sessions of agents ${agents.map((a) => JSON.stringify(a)).join(', ')}; choose one with tenantId`,
    );
    this.agents = agents;
  }
}

/**
 * The request carries no valid bearer token (401), or its token may not act on the organization (403).
 *
 * @example
 * ```ts
 * throw new AuthError(401, 'Missing bearer token');
 * ```
 */
export class AuthError extends ObservatoryServerError {
  override readonly name = 'AuthError';
  constructor(status: 401 | 403, message: string) {
    super(status, message);
  }
}

/**
 * The store cannot be reached or cannot take more work right now (database restarting or down, or the server's
 * queue in front of the store full). Answered as 503 with `Retry-After`: send the request again then. A full
 * queue did nothing; a connection lost during a commit may have committed, which the repeat of an idempotent
 * request (a report, a session upsert, messages with ids) absorbs.
 *
 * @example
 * ```ts
 * throw new StoreUnavailableError('The database is unavailable', 1);
 * ```
 */
export class StoreUnavailableError extends ObservatoryServerError {
  override readonly name = 'StoreUnavailableError';
  /** Seconds after which a retry may succeed (the `Retry-After` header). */
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super(503, message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
