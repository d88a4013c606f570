import type { NodeContext, WorkflowNode } from '@observatory/nodes';

/** A workflow graph: nodes by id, and for each node the next node id per output port. */
export interface WorkflowGraph {
  readonly start: string;
  readonly nodes: Readonly<Record<string, WorkflowNode>>;
  readonly edges: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The whole engine: run a node, follow the edge of the port it took, stop at a node without an edge for it.
 * This is all a runtime needs to host `@observatory/nodes`.
 */
export async function runWorkflow(graph: WorkflowGraph, ctx: NodeContext): Promise<string[]> {
  const path: string[] = [];
  let current: string | undefined = graph.start;
  // A bound on steps keeps a mis-wired cycle from spinning forever.
  for (let steps = 0; current !== undefined && steps < 100; steps++) {
    const node: WorkflowNode | undefined = graph.nodes[current];
    if (!node) throw new Error(`Workflow has no node "${current}"`);
    const port: string = await node.execute(ctx);
    path.push(`${current}:${port}`);
    current = graph.edges[current]?.[port];
  }
  return path;
}
