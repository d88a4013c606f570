import {
  type Deployment,
  initialMissCounterState,
  MissCounter,
  type MissCounterState,
  type TraceStep,
  type VariableSnapshot,
} from '@observatory/core';
import { ReadonlyVariableError, TurnStateError } from '../errors/errors.js';
import {
  type NodeContext,
  type NodeMessage,
  type NodeSession,
  type NodeStepInput,
  SYSTEM_VARIABLES,
  type VariableStore,
} from './node-context.js';

/**
 * Options of {@link createNodeContext}.
 *
 * @example
 * ```ts
 * import { type CreateNodeContextOptions, createNodeContext } from '@observatory/nodes';
 * const options: CreateNodeContextOptions = {
 *   session: { id: 's1', tenantId: 'faq-bot', tags: ['vip'] },
 *   variables: { orderId: 'A-17' },
 *   counters: { missedQuestionsCount: 2, consecutiveMissedQuestionsCount: 1, lastMissedMessageId: 'm3' },
 *   threshold: 3,
 * };
 * const ctx = createNodeContext(options);
 * ```
 */
export interface CreateNodeContextOptions {
  readonly session: {
    readonly id: string;
    readonly tenantId: string;
    readonly deployment?: Deployment;
    readonly tags?: Iterable<string>;
  };
  /** Workflow variables to start with. @default {} */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Counter values to resume from (e.g. loaded from a runtime's store). @default zeros */
  readonly counters?: MissCounterState;
  /** Consecutive misses at which `counters` emits `threshold`. @default no threshold event */
  readonly threshold?: number;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** Cancels the node work of this session. @default a signal that never aborts */
  readonly signal?: AbortSignal;
  /** Ids for recorded steps. @default crypto.randomUUID */
  readonly createId?: () => string;
}

/**
 * What a finished turn left behind: whether the message was missed, the counters after it, the steps its
 * nodes recorded and the variables it left.
 *
 * @example
 * ```ts
 * const turn: TurnResult = ctx.endTurn();
 * console.log(turn.missed, turn.counters.consecutiveMissedQuestionsCount, turn.steps.length);
 * ```
 */
export interface TurnResult {
  readonly message: NodeMessage;
  readonly missed: boolean;
  readonly counters: MissCounterState;
  readonly steps: readonly TraceStep[];
  /** The variables as the turn left them (the snapshot also kept in `variableSnapshots`). */
  readonly variables: VariableSnapshot;
}

/**
 * An in-memory {@link NodeContext} with a turn lifecycle: `beginTurn(message)` before running a user message's
 * workflow, `endTurn()` after it. Ending a turn dispatches core's `turnEnded` event, so a turn without a miss
 * resets the consecutive counter exactly as `reduceMissCounters` does on replay.
 *
 * @example
 * ```ts
 * const turn = ctx.beginTurn({ id: 'm1', text: 'Hi' }); // then run nodes with ctx
 * const result = ctx.endTurn();
 * ```
 */
export interface InMemoryNodeContext extends NodeContext {
  /** Starts the workflow run of one user message. Throws `TurnStateError` if a turn is open. */
  beginTurn(message: NodeMessage): void;
  /** Ends the open turn; throws `TurnStateError` if none is open. */
  endTurn(): TurnResult;
  /** Whether a turn is open. */
  readonly inTurn: boolean;
  /** Every step recorded in the session so far. */
  readonly steps: readonly TraceStep[];
  /**
   * The variables after each ended turn, oldest first: one snapshot per user message (its `messageId`), taken
   * when the turn ends — what a runtime records with `client.ingest.recordVariables(…, { messageId })`.
   */
  readonly variableSnapshots: readonly VariableSnapshot[];
}

/**
 * Creates an in-memory node context for runtimes that have none of their own.
 *
 * @example
 * ```ts
 * import { createNodeContext, missedQuestionNode } from '@observatory/nodes';
 * const ctx = createNodeContext({ session: { id: 's1', tenantId: 'faq-bot' } });
 * const missed = missedQuestionNode({ escalateAfter: 3 });
 * ctx.beginTurn({ id: 'm1', text: 'Can I pay with crypto?' });
 * const port = await missed.execute(ctx); // 'next'
 * ctx.endTurn();
 * ctx.variables.get('missedQuestionsCount'); // 1
 * ```
 */
export function createNodeContext(options: CreateNodeContextOptions): InMemoryNodeContext {
  return new MemoryContext(options);
}

class MemoryContext implements InMemoryNodeContext {
  readonly session: NodeSession;
  readonly variables: VariableStore;
  readonly counters: MissCounter;
  readonly signal: AbortSignal;
  readonly #now: () => Date;
  readonly #createId: () => string;
  readonly #steps: TraceStep[] = [];
  readonly #snapshots: VariableSnapshot[] = [];
  #turn: { message: NodeMessage; firstStep: number } | undefined;

  constructor(options: CreateNodeContextOptions) {
    const { session } = options;
    this.session = {
      id: session.id,
      tenantId: session.tenantId,
      ...(session.deployment === undefined ? {} : { deployment: session.deployment }),
      tags: new Set(session.tags ?? []),
    };
    this.counters = new MissCounter({
      initial: options.counters ?? initialMissCounterState,
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
    this.variables = new MemoryVariables(options.variables ?? {}, () => this.counters.state);
    this.signal = options.signal ?? new AbortController().signal;
    this.#now = options.now ?? (() => new Date());
    this.#createId = options.createId ?? (() => globalThis.crypto.randomUUID());
  }

  get message(): NodeMessage {
    if (!this.#turn) throw new TurnStateError('message', 'an open turn (call beginTurn(message) first)');
    return this.#turn.message;
  }

  get inTurn(): boolean {
    return this.#turn !== undefined;
  }

  get steps(): readonly TraceStep[] {
    return this.#steps;
  }

  get variableSnapshots(): readonly VariableSnapshot[] {
    return this.#snapshots;
  }

  now(): Date {
    return this.#now();
  }

  beginTurn(message: NodeMessage): void {
    if (this.#turn)
      throw new TurnStateError('beginTurn', `no open turn (turn ${this.#turn.message.id} is open)`);
    this.#turn = { message: { ...message }, firstStep: this.#steps.length };
  }

  endTurn(): TurnResult {
    const turn = this.#turn;
    if (!turn) throw new TurnStateError('endTurn', 'an open turn (call beginTurn(message) first)');
    this.#turn = undefined;
    const counters = this.counters.turnEnded(turn.message.id);
    const variables: VariableSnapshot = {
      messageId: turn.message.id,
      takenAt: this.#now().toISOString(),
      variables: this.variables.snapshot(),
    };
    this.#snapshots.push(variables);
    return {
      message: turn.message,
      // Core's state remembers the last message counted as missed: that is the one source of "missed".
      missed: counters.lastMissedMessageId === turn.message.id,
      counters,
      steps: this.#steps.slice(turn.firstStep),
      variables,
    };
  }

  record(step: NodeStepInput): void {
    const messageId = this.message.id;
    this.#steps.push({
      id: this.#createId(),
      messageId,
      type: step.type,
      ...(step.name === undefined ? {} : { name: step.name }),
      timestamp: this.#now().toISOString(),
      ...(step.durationMs === undefined ? {} : { durationMs: step.durationMs }),
      ...(step.hasError === undefined ? {} : { hasError: step.hasError }),
      payload: step.payload,
    });
  }
}

class MemoryVariables implements VariableStore {
  readonly #values: Map<string, unknown>;
  readonly #counters: () => MissCounterState;

  constructor(initial: Readonly<Record<string, unknown>>, counters: () => MissCounterState) {
    this.#counters = counters;
    this.#values = new Map();
    for (const [name, value] of Object.entries(initial)) this.set(name, value);
  }

  get(name: string): unknown {
    const state = this.#counters();
    if (name === 'missedQuestionsCount') return state.missedQuestionsCount;
    if (name === 'consecutiveMissedQuestionsCount') return state.consecutiveMissedQuestionsCount;
    return this.#values.get(name);
  }

  set(name: string, value: unknown): void {
    if (SYSTEM_VARIABLES.includes(name)) throw new ReadonlyVariableError(name);
    this.#values.set(name, value);
  }

  has(name: string): boolean {
    return SYSTEM_VARIABLES.includes(name) || this.#values.has(name);
  }

  snapshot(): Record<string, unknown> {
    const state = this.#counters();
    return {
      ...Object.fromEntries(this.#values),
      missedQuestionsCount: state.missedQuestionsCount,
      consecutiveMissedQuestionsCount: state.consecutiveMissedQuestionsCount,
    };
  }
}
