import { Session } from '../model/session.js';

/**
 * A realistic session for the view tests: typed and voice text, a fallback, a LiveChat handoff (requested,
 * accepted, a human agent's reply), an answered CSAT survey, an attachment, and a trace of two workflow runs
 * with the variables after each. Times are November 2026 (Athens is UTC+2).
 */
export const sampleSession: Session = Session.parse({
  id: 's-42',
  agentId: 'faq-bot',
  agentName: 'FAQ Bot',
  deployment: { id: 'web', name: 'Webchat Production' },
  contact: { id: 'user-42', name: 'Maria Papadopoulou', email: 'maria@example.com' },
  channel: 'webchat',
  status: 'COMPLETED',
  language: 'en',
  createdAt: '2026-11-25T10:00:00.000Z',
  durationMs: 600_000,
  tags: ['shipping'],
  messages: [
    { id: 'm1', role: 'user', text: 'Do you ship to\nCyprus?', createdAt: '2026-11-25T10:00:00.000Z' },
    {
      id: 'm2',
      role: 'agent',
      text: "Sorry, I didn't get that.",
      category: 'FALLBACK',
      responseToId: 'm1',
      createdAt: '2026-11-25T10:00:02.000Z',
    },
    {
      id: 'm3',
      role: 'user',
      kind: 'voice',
      text: 'talk to a person',
      createdAt: '2026-11-25T10:01:00.000Z',
    },
    {
      id: 'm4',
      role: 'system',
      kind: 'event',
      createdAt: '2026-11-25T10:01:01.000Z',
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
    },
    {
      id: 'm5',
      role: 'system',
      kind: 'event',
      createdAt: '2026-11-25T10:02:00.000Z',
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' },
    },
    {
      id: 'm6',
      role: 'agent',
      text: 'Hi Maria, yes we ship to Cyprus.',
      liveChatSender: 'AGENT',
      createdAt: '2026-11-25T10:03:00.000Z',
    },
    { id: 'm7', role: 'user', kind: 'attachment', text: '', createdAt: '2026-11-25T10:04:00.000Z' },
    {
      id: 'm8',
      role: 'system',
      kind: 'event',
      createdAt: '2026-11-25T10:05:00.000Z',
      event: { type: 'csat', surveyId: 'csat-1', status: 'ANSWERED', scores: { overall: 4 } },
    },
  ],
  interactions: [
    {
      id: 'st2',
      messageId: 'm1',
      type: 'missed_question',
      timestamp: '2026-11-25T10:00:01.500Z',
      payload: { question: 'Do you ship to Cyprus?' },
    },
    {
      id: 'st1',
      messageId: 'm1',
      type: 'llm',
      name: 'answer',
      timestamp: '2026-11-25T10:00:01.000Z',
      hasError: true,
      payload: { model: 'gpt', tokens: 12 },
    },
    { id: 'st3', messageId: 'm3', type: 'node', name: 'handoff', timestamp: '2026-11-25T10:01:00.500Z' },
  ],
  variableSnapshots: [
    {
      messageId: 'm1',
      takenAt: '2026-11-25T10:00:02.000Z',
      variables: { missedQuestionsCount: 1, lang: 'en' },
    },
    {
      messageId: 'm3',
      takenAt: '2026-11-25T10:01:01.000Z',
      variables: { missedQuestionsCount: 1, handoff: { queue: 'sales' } },
    },
    { messageId: null, takenAt: '2026-11-25T10:05:00.000Z', variables: { missedQuestionsCount: 1 } },
  ],
  csatSurveys: [{ id: 'csat-1', name: 'After chat', status: 'ANSWERED', scores: { overall: 4 } }],
  liveChats: [{ conversationId: 'c-7', lastEventType: 'LIVECHAT_TERMINATED', agents: ['maria.k'] }],
});
