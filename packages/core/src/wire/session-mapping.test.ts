import { describe, expect, it } from 'vitest';
import { Message } from '../model/message.js';
import { Session } from '../model/session.js';
import { messageFromWire, messageToWire } from './message-mapping.js';
import { ChatSessionDto } from './session-dto.js';
import { sessionFromWire, sessionToWire } from './session-mapping.js';

const session = Session.parse({
  id: 's1',
  agentId: 'faq-bot',
  agentName: 'FAQ bot',
  deployment: { id: 'web', name: 'Webchat Production' },
  contact: { id: 'user-42', name: 'Ann', email: 'ann@example.com' },
  channel: 'webchat',
  status: 'COMPLETED',
  language: 'en',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:05:00.000Z',
  durationMs: 60_000,
  tags: ['billing'],
  messages: [
    {
      id: 'm1',
      role: 'user',
      kind: 'voice',
      text: 'Wo ist "mein" Paket?\n😀',
      createdAt: '2026-11-25T10:00:00.000Z',
    },
    {
      id: 'm2',
      role: 'agent',
      text: 'Let me check',
      responseToId: 'm1',
      createdAt: '2026-11-25T10:00:01.000Z',
    },
    {
      id: 'm3',
      role: 'system',
      kind: 'event',
      createdAt: '2026-11-25T10:00:02.000Z',
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
    },
    {
      id: 'm4',
      role: 'system',
      kind: 'event',
      createdAt: '2026-11-25T10:00:03.000Z',
      event: { type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { overall: 5 } },
    },
  ],
  csatSurveys: [{ id: 'c1', status: 'ANSWERED', scores: { overall: 5 } }],
  liveChats: [
    { conversationId: 'lc1', lastEventType: 'LIVECHAT_TERMINATED', agents: ['bob'], durationMs: 1000 },
  ],
  tickets: [{ id: 't1', url: 'https://tickets.example/1' }],
  analysis: { summary: 'asked for a parcel', sentiment: 'neutral', classificationTags: ['shipping'] },
});

describe('sessionToWire / sessionFromWire', () => {
  it('round-trips a session through JSON and the wire schema', () => {
    const wire = ChatSessionDto.parse(JSON.parse(JSON.stringify(sessionToWire(session))));
    expect(JSON.parse(JSON.stringify(sessionFromWire(wire)))).toEqual(JSON.parse(JSON.stringify(session)));
  });

  it('maps the platform fields the spec names', () => {
    const wire = sessionToWire(session);
    expect(wire).toMatchObject({
      tenantId: 'faq-bot',
      subscriberHandle: 'user-42',
      duration: 60_000,
      containsUserInteraction: true,
      userInteractionCount: 1,
      metadata: { deploymentId: 'web', deploymentName: 'Webchat Production', deploymentPlatform: 'webchat' },
      csatSurveys: [{ id: 'c1', status: 'ANSWERED', sectionsScore: { overall: 5 } }],
    });
    expect(wire.messages?.[2]).toMatchObject({ liveChatEventType: 'LIVECHAT_REQUESTED', message: '' });
  });

  it('leaves out messages and live chats when asked', () => {
    const wire = sessionToWire(session, {
      includeMessages: false,
      includeLiveChats: false,
      includeSummary: false,
    });
    expect(wire.messages).toBeUndefined();
    expect(wire.liveChats).toBeUndefined();
    expect(wire.summary).toBeUndefined();
  });

  it('takes the agent from tenant.id, the channel from platformOrigin and createdAt from lastInteraction', () => {
    const mapped = sessionFromWire({
      id: 's2',
      tenant: { id: 'bot-2' },
      subscriberHandle: 'u',
      lastInteraction: '2026-11-25T12:00:00+02:00',
      metadata: { platformOrigin: 'whatsapp' },
    });
    expect(mapped).toMatchObject({
      agentId: 'bot-2',
      channel: 'whatsapp',
      createdAt: '2026-11-25T10:00:00.000Z',
    });
    expect(mapped.deployment).toBeNull();
  });

  it('fails validation at createdAt when the wire has neither createdAt nor lastInteraction', () => {
    expect(() => sessionFromWire({ id: 's3', tenantId: 'a', subscriberHandle: 'u' })).toThrow(/createdAt/);
  });

  it('throws the first invalid message’s own error (paths from the message), before the session’s', () => {
    const messages = [
      { id: 'm1', message: 'Hi', date: '2026-11-25T10:00:00Z', isUserInteraction: true },
      { id: 'm2', message: 'no date' },
      { id: '', message: 'no id', date: '2026-11-25T10:00:02Z' },
    ];
    // No createdAt either: the message's error still comes first, as each message is checked alone.
    const thrown = (() => {
      try {
        sessionFromWire({ id: 's5', tenantId: 'a', subscriberHandle: 'u', messages });
      } catch (error) {
        return error as { issues: { path: PropertyKey[] }[] };
      }
    })();
    expect(thrown?.issues.map((issue) => issue.path)).toEqual([['createdAt']]);
    expect(() => messageFromWire(messages[1] as never, 's5', 1)).toThrow(/createdAt/);
    // Valid messages and an invalid session: the session's issue, at its own path.
    expect(() =>
      sessionFromWire({ id: 's5', tenantId: 'a', subscriberHandle: '', createdAt: '2026-11-25T10:00:00Z' }),
    ).toThrow(/contact/);
  });

  it('names an answered session without id by the id asked for, else unknown (a create that gave none)', () => {
    const dto = { subscriberHandle: 'u', containsUserInteraction: false };
    expect(sessionFromWire(dto, {}, { id: 's4' }).id).toBe('s4');
    expect(sessionFromWire({ ...dto, id: '' }, {}, { id: '' }).id).toBe('unknown');
  });
});

describe('messageFromWire', () => {
  it('derives role and kind from the platform fields', () => {
    const at = '2026-11-25T10:00:00Z';
    expect(
      messageFromWire({ message: 'hi', isUserInteraction: true, type: 'POSTBACK', date: at }, 's', 0),
    ).toMatchObject({ role: 'user', kind: 'postback', id: 's#0' });
    expect(messageFromWire({ liveChatEventType: 'LIVECHAT_TERMINATED', date: at }, 's', 1)).toMatchObject({
      role: 'system',
      kind: 'event',
      event: { type: 'livechat', liveChatEventType: 'LIVECHAT_TERMINATED' },
    });
    expect(
      messageFromWire(
        { message: 'typed by a human', liveChatEventType: 'LIVECHAT_MESSAGE_EXCHANGED', date: at },
        's',
        2,
      ),
    ).toMatchObject({ role: 'agent', kind: 'text' });
    expect(messageFromWire({ message: 'go', type: 'TRIGGER', date: at }, 's', 3).kind).toBe('event');
  });

  it('round-trips every kind of event message, LiveChat events with text included', () => {
    const createdAt = '2026-11-25T10:00:00.000Z';
    const events: Message[] = [
      {
        id: 'e1',
        role: 'system',
        kind: 'event',
        text: '',
        createdAt,
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      },
      {
        id: 'e2',
        role: 'system',
        kind: 'event',
        text: 'Handing you to a person',
        createdAt,
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      },
      {
        id: 'e3',
        role: 'user',
        kind: 'event',
        text: 'thanks',
        createdAt,
        event: { type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { overall: 5 } },
      },
      {
        id: 'e4',
        role: 'agent',
        kind: 'event',
        text: '',
        createdAt,
        event: { type: 'custom', name: 'order_lookup' },
      },
    ];
    for (const [index, message] of events.entries()) {
      expect(messageFromWire(messageToWire(message), 's', index)).toEqual(Message.parse(message));
    }
  });

  it('derives a stable id from the session and position when the wire has none', () => {
    const dto = { message: 'x', date: '2026-11-25T10:00:00Z' };
    expect(messageFromWire(dto, 's9', 4).id).toBe(messageFromWire(dto, 's9', 4).id);
    expect(messageFromWire(dto, 's9', 4).id).not.toBe(messageFromWire(dto, 's9', 5).id);
  });
});
