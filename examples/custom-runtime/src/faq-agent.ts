import { type Message, Session } from '@observatory/core';
import {
  createNodeContext,
  type MissedQuestionReporterLike,
  missedQuestionNode,
  type TagSyncClient,
  tagNode,
  type WorkflowNode,
} from '@observatory/nodes';
import { runWorkflow, type WorkflowGraph } from './engine.js';

const FAQ: ReadonlyArray<{ keywords: readonly string[]; answer: string }> = [
  { keywords: ['hours', 'open'], answer: 'We are open 9:00–17:00, Monday to Friday.' },
  { keywords: ['ship', 'delivery'], answer: 'We ship across the EU in 3–5 working days.' },
  { keywords: ['refund', 'return'], answer: 'Returns are free within 30 days.' },
];

/** Options of {@link runFaqAgent}. */
export interface FaqAgentOptions {
  readonly sessionId: string;
  readonly tenantId?: string;
  /** What the user says, one message per turn. */
  readonly conversation: readonly string[];
  /** Where missed questions go (a reporter); omitted in memory-only runs. */
  readonly reporter?: MissedQuestionReporterLike;
  /** Syncs tags to the Observatory; omitted in memory-only runs. */
  readonly tagSync?: TagSyncClient;
  /** Consecutive misses before the LiveChat handoff. */
  readonly escalateAfter?: number;
  readonly now?: () => Date;
}

/** One line of the printed conversation. */
export interface TranscriptLine {
  readonly role: 'user' | 'agent' | 'system';
  readonly text: string;
  readonly counters?: {
    readonly missedQuestionsCount: number;
    readonly consecutiveMissedQuestionsCount: number;
  };
}

/**
 * Runs the FAQ agent: Start → match → answer | Missed Question → (escalate) Tag "escalated" → LiveChat handoff.
 * Returns the printed transcript and the recorded session (core `Session`), ready to push to an Observatory.
 */
export async function runFaqAgent(
  options: FaqAgentOptions,
): Promise<{ lines: TranscriptLine[]; session: Session }> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const ctx = createNodeContext({
    session: {
      id: options.sessionId,
      tenantId: options.tenantId ?? 'faq-bot',
      deployment: { id: 'cli', name: 'Custom runtime' },
    },
    now,
  });
  const lines: TranscriptLine[] = [];
  const messages: Message[] = [];
  const say = (role: TranscriptLine['role'], text: string, responseTo?: string) => {
    lines.push({ role, text });
    messages.push({
      id: `${options.sessionId}-${messages.length + 1}`,
      role,
      kind: role === 'system' ? 'event' : 'text',
      text,
      createdAt: now().toISOString(),
      ...(responseTo === undefined ? {} : { responseToId: responseTo }),
    } as Message);
  };
  const graph = faqGraph(options, say);
  let handedOff = false;
  for (const text of options.conversation) {
    if (handedOff) break;
    say('user', text);
    const messageId = messages.at(-1)?.id ?? '';
    ctx.beginTurn({ id: messageId, text });
    const path = await runWorkflow(graph, ctx);
    handedOff = path.some((step) => step.startsWith('liveChat:'));
    const { counters } = ctx.endTurn();
    lines.push({
      role: 'system',
      text: `path ${path.join(' → ')}`,
      counters: {
        missedQuestionsCount: counters.missedQuestionsCount,
        consecutiveMissedQuestionsCount: counters.consecutiveMissedQuestionsCount,
      },
    });
  }
  const session = Session.parse({
    id: options.sessionId,
    agentId: options.tenantId ?? 'faq-bot',
    deployment: { id: 'cli', name: 'Custom runtime' },
    contact: { id: 'demo-user' },
    channel: 'api',
    status: 'COMPLETED',
    createdAt: startedAt.toISOString(),
    durationMs: Math.max(0, now().getTime() - startedAt.getTime()),
    tags: [...ctx.session.tags],
    messages,
    interactions: [...ctx.steps],
    variableSnapshots: [...ctx.variableSnapshots],
  });
  return { lines, session };
}

function faqGraph(
  options: FaqAgentOptions,
  say: (role: TranscriptLine['role'], text: string) => void,
): WorkflowGraph {
  // Runtime-specific nodes are plain objects too: no base class to extend.
  const start: WorkflowNode = { type: 'start', config: {}, ports: ['next'], execute: async () => 'next' };
  const match: WorkflowNode = {
    type: 'faq_match',
    config: { entries: FAQ.length },
    ports: ['matched', 'unmatched'],
    async execute(node) {
      const text = node.message.text.toLowerCase();
      const hit = FAQ.find((entry) => entry.keywords.some((keyword) => text.includes(keyword)));
      if (!hit) return 'unmatched';
      node.variables.set('answer', hit.answer);
      return 'matched';
    },
  };
  const answer: WorkflowNode = {
    type: 'message',
    config: {},
    ports: ['next'],
    async execute(node) {
      say('agent', String(node.variables.get('answer')));
      return 'next';
    },
  };
  const sorry: WorkflowNode = {
    type: 'message',
    config: {},
    ports: ['next'],
    async execute() {
      say('agent', "Sorry, I don't know that one yet. Could you rephrase?");
      return 'next';
    },
  };
  const liveChat: WorkflowNode = {
    type: 'livechat',
    config: { provider: 'Helvia LiveChat' },
    ports: ['handedOff'],
    async execute(node) {
      say(
        'system',
        `LiveChat handoff requested after ${node.variables.get('consecutiveMissedQuestionsCount')} misses in a row`,
      );
      return 'handedOff';
    },
  };
  return {
    start: 'start',
    nodes: {
      start,
      match,
      answer,
      sorry,
      liveChat,
      missed: missedQuestionNode({
        escalateAfter: options.escalateAfter ?? 3,
        ...(options.reporter ? { reporter: options.reporter } : {}),
      }),
      tagEscalated: tagNode({
        add: ['escalated', 'livechat'],
        ...(options.tagSync ? { sync: options.tagSync } : {}),
      }),
    },
    edges: {
      start: { next: 'match' },
      match: { matched: 'answer', unmatched: 'missed' },
      // A failed report (port error) still answers the user: the miss is counted and logged either way.
      missed: { next: 'sorry', error: 'sorry', escalate: 'tagEscalated' },
      tagEscalated: { next: 'liveChat', error: 'liveChat' },
    },
  };
}
