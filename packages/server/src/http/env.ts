/**
 * What a request may touch: its organization and, for an agent-scoped token, the agents.
 *
 * @example
 * ```ts
 * const scope: Scope = { organizationId: 'org-1', agents: ['faq-bot'] };
 * ```
 */
export interface Scope {
  readonly organizationId: string;
  /** Undefined: every agent of the organization. */
  readonly agents?: readonly string[] | undefined;
}

/** Hono environment of the server: the authenticated scope of the request. */
export interface ServerEnv {
  Variables: { scope: Scope };
}
