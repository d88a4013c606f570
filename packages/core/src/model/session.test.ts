import { describe, expect, it } from 'vitest';
import { Message } from './message.js';
import { Session, type SessionInput } from './session.js';
import { TraceStep } from './trace.js';

const at = (second: number) => `2026-11-25T10:00:${String(second).padStart(2, '0')}.000Z`;

/** A session with every part the platform records: two user turns, one missed, a LiveChat handoff and a CSAT. */
const recorded: SessionInput = {
  id: 's1',
  agentId: 'faq-bot',
  agentName: 'FAQ Bot',
  deployment: { id: 'web', name: 'Webchat Production' },
  contact: { id: 'user-42', name: 'Maria', email: 'maria@example.com' },
  channel: 'webchat',
  status: 'COMPLETED',
  createdAt: at(0),
  durationMs: 65_000,
  tags: ['billing', 'vip'],
  messages: [
    { id: 'u1', role: 'user', kind: 'text', text: 'Do you ship to Cyprus?', createdAt: at(0) },
    {
      id: 'a1',
      role: 'agent',
      kind: 'text',
      text: 'Sorry, I did not get that.',
      createdAt: at(1),
      category: 'FALLBACK',
    },
    { id: 'u2', role: 'user', kind: 'voice', text: 'I want a human', createdAt: at(5) },
    { id: 'u3', role: 'user', kind: 'postback', text: 'TALK_TO_AGENT', createdAt: at(6) },
    {
      id: 'e1',
      role: 'system',
      kind: 'event',
      text: '',
      createdAt: at(7),
      category: 'LIVE_CHAT',
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' },
    },
    {
      id: 'h1',
      role: 'agent',
      kind: 'text',
      text: 'Hi, Eleni here.',
      createdAt: at(8),
      liveChatSender: 'AGENT',
    },
    {
      id: 'e2',
      role: 'system',
      kind: 'event',
      text: '',
      createdAt: at(30),
      event: { type: 'csat', surveyId: 'csat-1', status: 'ANSWERED', scores: { overall: 5 } },
    },
  ],
  interactions: [
    { id: 't1', messageId: 'u1', type: 'semantic_search', timestamp: at(0), payload: { hits: 0 } },
    { id: 't2', messageId: 'u1', type: 'missed_question', timestamp: at(1), payload: { question: 'x' } },
    { id: 't3', messageId: 'u2', type: 'llm', timestamp: at(5), durationMs: 900, payload: {} },
    { id: 't4', messageId: 'u3', type: 'webhook', timestamp: at(6), hasError: true, payload: {} },
  ],
  variableSnapshots: [
    { messageId: 'u1', takenAt: at(1), variables: { missedQuestionsCount: 1 } },
    { messageId: 'u2', takenAt: at(5), variables: { missedQuestionsCount: 1 } },
    { messageId: 'u3', takenAt: at(6), variables: { missedQuestionsCount: 1, handoff: true } },
    { messageId: null, takenAt: at(40), variables: { missedQuestionsCount: 1, handoff: true } },
  ],
  csatSurveys: [{ id: 'csat-1', status: 'ANSWERED', scores: { overall: 5 } }],
  liveChats: [{ conversationId: 'c-7', lastEventType: 'LIVECHAT_TERMINATED', agents: ['Eleni'] }],
  tickets: [{ id: 'ZD-1042', name: 'Shipping to Cyprus', createdAt: at(35) }],
  analysis: {
    summary: 'Asked about shipping; handed to a human.',
    sentiment: 'neutral',
    resolution: 'resolved',
    urgency: 'low',
    classificationTags: ['shipping'],
  },
};

function issuePaths(input: unknown): string[] {
  const result = Session.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => issue.path.join('.'));
}

describe('Session', () => {
  it('keeps every part of a recorded session as given', () => {
    // Every field above is already in its parsed shape, so parsing must give the input back unchanged.
    expect(Session.parse(recorded)).toEqual(recorded);
  });

  it('fills in the documented defaults for a minimal session', () => {
    expect(Session.parse({ id: 's1', agentId: 'faq-bot', contact: { id: 'u' }, createdAt: at(0) })).toEqual({
      id: 's1',
      agentId: 'faq-bot',
      contact: { id: 'u' },
      createdAt: at(0),
      deployment: null,
      channel: 'unknown',
      status: 'ACTIVE',
      durationMs: 0,
      tags: [],
      messages: [],
      interactions: [],
      variableSnapshots: [],
      csatSurveys: [],
      liveChats: [],
      tickets: [],
    });
    expect(Message.parse({ id: 'm', role: 'user', createdAt: at(0) })).toMatchObject({
      kind: 'text',
      text: '',
    });
    expect(TraceStep.parse({ id: 't', messageId: 'm', type: 'llm', timestamp: at(0) }).payload).toEqual({});
  });

  it('keeps fields it does not know, so newer platform data survives a round trip', () => {
    const session = Session.parse({
      ...recorded,
      platformOnly: { x: 1 },
      messages: [{ id: 'u1', role: 'user', createdAt: at(0), reactions: ['👍'] }],
    });
    expect(session).toMatchObject({ platformOnly: { x: 1 }, messages: [{ reactions: ['👍'] }] });
  });

  it.each([
    ['agentId', { agentId: undefined }],
    ['contact.id', { contact: { id: '' } }],
    ['createdAt', { createdAt: '2026-11-25 10:00' }],
    ['durationMs', { durationMs: -1 }],
    ['deployment.id', { deployment: { name: 'Webchat' } }],
    ['status', { status: 'OPEN' }],
    ['messages.0.role', { messages: [{ id: 'm', role: 'bot', createdAt: at(0) }] }],
    ['messages.0.kind', { messages: [{ id: 'm', role: 'user', kind: 'video', createdAt: at(0) }] }],
    [
      'messages.0.event.liveChatEventType',
      { messages: [{ id: 'm', role: 'system', createdAt: at(0), event: { type: 'livechat' } }] },
    ],
    [
      'messages.0.event.status',
      {
        messages: [
          {
            id: 'm',
            role: 'system',
            createdAt: at(0),
            event: { type: 'csat', surveyId: 'c', status: 'DONE' },
          },
        ],
      },
    ],
    ['interactions.0.messageId', { interactions: [{ id: 't', type: 'llm', timestamp: at(0) }] }],
    ['variableSnapshots.0.takenAt', { variableSnapshots: [{ messageId: null, variables: {} }] }],
    ['tickets.0.id', { tickets: [{ name: 'no id' }] }],
    ['analysis.classificationTags', { analysis: { classificationTags: 'shipping' } }],
  ])('rejects a bad %s, naming its path', (path, override) => {
    expect(issuePaths({ ...recorded, ...override })).toContain(path);
  });
});
