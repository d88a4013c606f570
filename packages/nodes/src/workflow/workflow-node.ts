import type { NodeContext } from '../context/node-context.js';

/**
 * A workflow node: a plain object with a `type`, its `config`, and `execute(ctx)` that resolves to the output
 * port taken (`'next'`, `'escalate'`, `'error'`, …). No base class, no global state: an engine looks up the
 * edge leaving that port and runs the next node.
 *
 * @example
 * ```ts
 * import type { NodeContext, WorkflowNode } from '@observatory/nodes';
 * // Any engine: run a node, follow the port it returns.
 * async function step(node: WorkflowNode, ctx: NodeContext, edges: Record<string, string | undefined>) {
 *   const port = await node.execute(ctx);
 *   return edges[port]; // id of the next node, or undefined at the end of the workflow
 * }
 * ```
 */
export interface WorkflowNode<Config = unknown, Port extends string = string> {
  /** The node kind, e.g. `'missed_question'`, `'tag'`, `'http_request'`. */
  readonly type: string;
  /** The configuration the node was created with (normalised). */
  readonly config: Config;
  /** The output ports this node may take, for engines that validate their graph. */
  readonly ports: readonly Port[];
  execute(ctx: NodeContext): Promise<Port>;
}
