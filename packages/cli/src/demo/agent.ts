import type { Message, MessageEvent, Session } from '@observatory/core';
import {
  createNodeContext,
  type MissedQuestionReporterLike,
  missedQuestionNode,
  tagNode,
} from '@observatory/nodes';
import { faq, greetings } from './content.js';
import type { ConversationScript } from './dataset.js';

/** What one conversation produced: the session as recorded, and whether it was handed over to a human. */
export interface ConversationOutcome {
  readonly session: Session;
  readonly escalated: boolean;
}

/** How many consecutive misses hand a conversation over to LiveChat. */
export const ESCALATE_AFTER = 3;

const apology: Record<string, string> = {
  en: "Sorry, I don't know that yet.",
  el: 'Λυπάμαι, δεν το γνωρίζω ακόμα.',
  es: 'Lo siento, todavía no lo sé.',
  de: 'Das weiß ich leider noch nicht.',
};

/**
 * Runs one scripted conversation through a small FAQ workflow built on `@observatory/nodes`:
 * Start → match the FAQ → answer | Missed Question node → (3 in a row) Tag `escalated` → LiveChat handoff.
 * The counters, the interaction log and the escalation come from the nodes, not from the script.
 *
 * @example
 * ```ts
 * const { session, escalated } = await runConversation(script, { reporter });
 * ```
 */
export async function runConversation(
  script: ConversationScript,
  options: { readonly reporter: MissedQuestionReporterLike },
): Promise<ConversationOutcome> {
  let clock = script.startedAt;
  let stepId = 0;
  const ctx = createNodeContext({
    session: { id: script.sessionId, tenantId: script.agentId, deployment: script.deployment },
    now: () => clock,
    createId: () => `${script.sessionId}-step-${stepId++}`,
    // What a real agent keeps in its session variables; the context adds the miss counters.
    variables: { language: script.language, channel: script.channel, escalations: 0 },
  });
  const missed = missedQuestionNode({ reporter: options.reporter, escalateAfter: ESCALATE_AFTER });
  const tagEscalated = tagNode({ add: ['escalated'] });
  const tagTopic = tagNode({ add: ['faq'] });

  const messages: Message[] = [];
  const say = (role: Message['role'], text: string, extra: Partial<Message> = {}) => {
    clock = new Date(clock.getTime() + 1500);
    messages.push({
      id: `${script.sessionId}-m${messages.length}`,
      role,
      kind: role === 'system' ? 'event' : 'text',
      text,
      createdAt: clock.toISOString(),
      ...extra,
    });
  };
  // As on the platform, an event carries no text of its own: transcripts describe it from the event.
  const event = (messageEvent: MessageEvent) => say('system', '', { event: messageEvent });

  let escalated = false;
  for (const turn of script.turns) {
    clock = turn.at;
    messages.push({
      id: turn.messageId,
      role: 'user',
      kind: 'text',
      text: turn.text,
      createdAt: turn.at.toISOString(),
      language: script.language,
    });
    ctx.beginTurn({ id: turn.messageId, text: turn.text, language: script.language });
    const answer = matchFaq(turn.text, script.language);
    if (answer !== undefined) {
      if (answer.faq) {
        ctx.variables.set('topic', answer.topic);
        await tagTopic.execute(ctx);
      }
      say('agent', answer.text, { responseToId: turn.messageId, category: 'COMMON' });
    } else {
      const port = await missed.execute(ctx);
      say('agent', apology[script.language] ?? apology.en ?? '', {
        responseToId: turn.messageId,
        category: 'FALLBACK',
      });
      if (port === 'escalate') {
        ctx.variables.set('escalations', Number(ctx.variables.get('escalations')) + 1);
        await tagEscalated.execute(ctx);
        event({ type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' });
        event({ type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' });
        escalated = true;
      }
    }
    ctx.endTurn();
    if (escalated) break; // a human takes the conversation from here
  }

  if (script.csat) {
    const status = script.csat.answered ? 'ANSWERED' : 'PRESENTED';
    const scores = script.csat.answered ? { overall: script.csat.score } : undefined;
    event({
      type: 'csat',
      surveyId: `${script.sessionId}-csat`,
      status,
      ...(scores ? { scores } : {}),
    });
  }

  const last = messages.at(-1)?.createdAt ?? script.startedAt.toISOString();
  const session: Session = {
    id: script.sessionId,
    agentId: script.agentId,
    agentName: script.agentName,
    deployment: script.deployment,
    contact: script.contact,
    channel: script.channel,
    status: 'COMPLETED',
    language: script.language,
    createdAt: script.startedAt.toISOString(),
    durationMs: Date.parse(last) - script.startedAt.getTime(),
    tags: [...ctx.session.tags],
    messages,
    interactions: [...ctx.steps],
    variableSnapshots: [...ctx.variableSnapshots],
    csatSurveys: script.csat
      ? [
          {
            id: `${script.sessionId}-csat`,
            status: script.csat.answered ? 'ANSWERED' : 'PRESENTED',
            ...(script.csat.answered ? { scores: { overall: script.csat.score } } : {}),
          },
        ]
      : [],
    liveChats: escalated ? [{ lastEventType: 'LIVECHAT_REQUEST_ACCEPTED', agents: ['support-team'] }] : [],
    tickets: [],
  };
  return { session, escalated };
}

function matchFaq(
  text: string,
  language: keyof typeof faq,
): { text: string; faq: boolean; topic?: string | undefined } | undefined {
  const lower = text.toLocaleLowerCase(language);
  if (greetings[language].includes(text)) return { text: greetingReply[language], faq: false };
  const entry = faq[language].find((candidate) =>
    candidate.keywords.some((keyword) => lower.includes(keyword)),
  );
  return entry ? { text: entry.answer, faq: true, topic: entry.keywords[0] } : undefined;
}

const greetingReply: Record<keyof typeof faq, string> = {
  en: 'Hello! How can I help?',
  el: 'Γεια σας! Πώς μπορώ να βοηθήσω;',
  es: '¡Hola! ¿En qué puedo ayudar?',
  de: 'Hallo! Wie kann ich helfen?',
};
