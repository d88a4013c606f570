import type { Deployment, MissCounter, TraceStep } from '@observatory/core';

/**
 * The session a node runs in. `tags` is the session's live tag set: the Tag node changes it in place.
 *
 * @example
 * ```ts
 * const session: NodeSession = { id: 's1', tenantId: 'faq-bot', deployment: { id: 'd1', name: 'Webchat' }, tags: new Set() };
 * ```
 */
export interface NodeSession {
  readonly id: string;
  /** The agent (the platform calls it tenant). */
  readonly tenantId: string;
  readonly deployment?: Deployment;
  readonly tags: Set<string>;
}

/**
 * The user message whose workflow run is executing (the platform's hbfEventId is its `id`).
 *
 * @example
 * ```ts
 * const message: NodeMessage = { id: 'm1', text: 'Where is my order?' };
 * ```
 */
export interface NodeMessage {
  readonly id: string;
  readonly text: string;
  readonly language?: string;
}

/**
 * A session's variables. `missedQuestionsCount` and `consecutiveMissedQuestionsCount` read the miss counters;
 * `set` on them throws `ReadonlyVariableError`.
 *
 * @example
 * ```ts
 * ctx.variables.set('orderId', 'A-17');
 * ctx.variables.get('missedQuestionsCount'); // 0
 * ```
 */
export interface VariableStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  has(name: string): boolean;
  /** Every variable, system ones included, as a plain object (what templates render from). */
  snapshot(): Record<string, unknown>;
}

/**
 * A step for the interaction log, as a node hands it over; the context adds `id`, `messageId` and `timestamp`.
 *
 * @example
 * ```ts
 * ctx.record({ type: 'tag', payload: { added: ['vip'], removed: [] } });
 * ```
 */
export interface NodeStepInput {
  readonly type: TraceStep['type'];
  readonly name?: string;
  readonly durationMs?: number;
  readonly hasError?: boolean;
  readonly payload: Record<string, unknown>;
}

/**
 * Everything a node may touch while it runs. A runtime implements it over its own state, or uses
 * {@link createNodeContext}. `counters` is core's `MissCounter` (the only writer of the two system variables);
 * `signal` aborts work when the runtime cancels the turn.
 *
 * @example
 * ```ts
 * import type { NodeContext } from '@observatory/nodes';
 * function greet(ctx: NodeContext): string {
 *   return `Session ${ctx.session.id}, message "${ctx.message.text}" at ${ctx.now().toISOString()}`;
 * }
 * ```
 */
export interface NodeContext {
  readonly session: NodeSession;
  readonly message: NodeMessage;
  readonly variables: VariableStore;
  readonly counters: MissCounter;
  record(step: NodeStepInput): void;
  now(): Date;
  readonly signal: AbortSignal;
}

/**
 * Names of the system variables a workflow can read but not write.
 *
 * @example
 * ```ts
 * import { SYSTEM_VARIABLES } from '@observatory/nodes';
 * SYSTEM_VARIABLES; // ['missedQuestionsCount', 'consecutiveMissedQuestionsCount']
 * const writable = (name: string) => !SYSTEM_VARIABLES.includes(name);
 * ```
 */
export const SYSTEM_VARIABLES: readonly string[] = Object.freeze([
  'missedQuestionsCount',
  'consecutiveMissedQuestionsCount',
]);

/**
 * Variables a template can use inside a node: the workflow's variables plus `session` (`id`, `tenantId`,
 * `deployment`, `tags`) and `message` (`id`, `text`, `language`), which take precedence over variables of the
 * same name so that ready-made configs mean the same everywhere.
 *
 * @example
 * ```ts
 * import { renderTemplate, templateScope } from '@observatory/nodes';
 * renderTemplate('Question: {{message.text}} ({{missedQuestionsCount}} missed)', templateScope(ctx));
 * ```
 */
export function templateScope(ctx: NodeContext): Record<string, unknown> {
  return {
    ...ctx.variables.snapshot(),
    session: {
      id: ctx.session.id,
      tenantId: ctx.session.tenantId,
      deployment: ctx.session.deployment,
      tags: [...ctx.session.tags],
    },
    message: { ...ctx.message },
  };
}
