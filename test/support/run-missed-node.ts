import {
  createNodeContext,
  type MissedQuestionPort,
  type MissedQuestionReporter,
  missedQuestionNode,
} from '@observatory/nodes';

/**
 * One workflow run of the Missed Question node on one user message, in a fresh context, as a runtime starts one
 * per session; resolves with the port the node took.
 *
 * @example
 * ```ts
 * expect(await runMissedNode(reporter, 'session-1', 'm1', 'Opening hours?')).toBe('next');
 * ```
 */
export async function runMissedNode(
  reporter: MissedQuestionReporter,
  sessionId: string,
  messageId: string,
  text: string,
): Promise<MissedQuestionPort> {
  const ctx = createNodeContext({ session: { id: sessionId, tenantId: 'faq-bot' } });
  ctx.beginTurn({ id: messageId, text });
  const port = await missedQuestionNode({ reporter }).execute(ctx);
  ctx.endTurn();
  return port;
}
