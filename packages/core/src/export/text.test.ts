import { describe, expect, it } from 'vitest';
import { InvalidTimeZoneError } from '../errors/errors.js';
import { Session } from '../model/session.js';
import { nastyTexts } from './nasty-text.fixture.js';
import {
  HIGHLIGHT_MARKER,
  messageToText,
  SESSION_TEXT_DIVIDER,
  sessionsToText,
  sessionToText,
} from './text.js';

function session(overrides: Partial<Parameters<typeof Session.parse>[0]> = {}): Session {
  return Session.parse({
    id: 's-1',
    agentId: 'faq-bot',
    agentName: 'FAQ Bot',
    deployment: { id: 'web', name: 'Webchat Production' },
    contact: { id: 'user-42', name: 'Maria', email: 'maria@example.com' },
    channel: 'webchat',
    status: 'COMPLETED',
    createdAt: '2026-01-15T10:00:00.000Z',
    durationMs: 3_723_000,
    tags: ['billing', 'vip'],
    messages: [
      { id: 'm1', role: 'user', text: 'Where is my order?', createdAt: '2026-01-15T10:00:00.000Z' },
      { id: 'm2', role: 'agent', text: 'Let me check.\nOne moment.', createdAt: '2026-01-15T10:00:05.000Z' },
      {
        id: 'm3',
        role: 'system',
        kind: 'event',
        createdAt: '2026-01-15T10:01:00.000Z',
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      },
      {
        id: 'm4',
        role: 'system',
        kind: 'event',
        createdAt: '2026-01-15T10:05:00.000Z',
        event: { type: 'csat', surveyId: 'c1', status: 'ANSWERED', scores: { overall: 5 } },
      },
    ],
    ...overrides,
  });
}

describe('sessionToText', () => {
  it('shows the header: id, agent, deployment, contact, channel, status, local start with zone, duration, tags', () => {
    const text = sessionToText(session(), { timeZone: 'Europe/Athens' });
    expect(text).toContain('s-1');
    expect(text).toContain('FAQ Bot (faq-bot)');
    expect(text).toContain('Webchat Production');
    expect(text).toContain('Maria (user-42, maria@example.com)');
    expect(text).toContain('webchat');
    expect(text).toContain('COMPLETED');
    expect(text).toMatch(/Started at: +2026-01-15 12:00:00 Europe\/Athens \(GMT\+2\)/);
    expect(text).toMatch(/Duration: +1h 02m 03s/);
    expect(text).toMatch(/Tags: +billing, vip/);
  });

  it('writes one line per message in local time with the role, and describes events in words', () => {
    const lines = sessionToText(session(), { timeZone: 'Europe/Athens' }).split('\n');
    expect(lines).toContain('[2026-01-15 12:00:00] User: Where is my order?');
    expect(lines).toContain('[2026-01-15 12:00:05] Agent: Let me check.');
    expect(lines).toContain('[2026-01-15 12:01:00] System: LiveChat requested');
    expect(lines).toContain('[2026-01-15 12:05:00] System: CSAT answered: 5');
  });

  it('renders every event with its kind and never leaves a message line blank', () => {
    const at = '2026-01-15T10:00:00.000Z';
    const text = sessionToText(
      session({
        messages: [
          {
            id: 'a',
            role: 'system',
            kind: 'event',
            createdAt: at,
            event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUEST_ACCEPTED' },
          },
          {
            id: 'b',
            role: 'system',
            kind: 'event',
            createdAt: at,
            event: { type: 'livechat', liveChatEventType: 'LIVECHAT_TERMINATED' },
          },
          {
            id: 'c',
            role: 'system',
            kind: 'event',
            createdAt: at,
            event: { type: 'csat', surveyId: 'c', status: 'PRESENTED' },
          },
          {
            id: 'd',
            role: 'system',
            kind: 'event',
            createdAt: at,
            event: { type: 'csat', surveyId: 'c', status: 'ANSWERED', scores: { speed: 5, tone: 4 } },
          },
          { id: 'e', role: 'user', kind: 'attachment', createdAt: at },
          { id: 'f', role: 'agent', text: 'Maria here', liveChatSender: 'AGENT', createdAt: at },
          { id: 'g', role: 'user', kind: 'voice', text: 'call me', createdAt: at },
        ],
      }),
    );
    const lines = text.split('\n').filter((line) => line.startsWith('['));
    expect(lines).toEqual([
      '[2026-01-15 10:00:00] System: LiveChat accepted',
      '[2026-01-15 10:00:00] System: LiveChat terminated',
      '[2026-01-15 10:00:00] System: CSAT presented',
      '[2026-01-15 10:00:00] System: CSAT answered: speed 5, tone 4',
      '[2026-01-15 10:00:00] User (attachment): (attachment)',
      '[2026-01-15 10:00:00] Human agent: Maria here',
      '[2026-01-15 10:00:00] User (voice): call me',
    ]);
  });

  it('marks every line of a highlighted message with ">> " and keeps the others aligned', () => {
    const lines = sessionToText(session(), { timeZone: 'Europe/Athens', highlight: ['m2'] }).split('\n');
    expect(lines).toContain('   [2026-01-15 12:00:00] User: Where is my order?');
    expect(lines).toContain('>> [2026-01-15 12:00:05] Agent: Let me check.');
    const first = lines.indexOf('>> [2026-01-15 12:00:05] Agent: Let me check.');
    expect(lines[first + 1]).toBe(`>> ${' '.repeat('[2026-01-15 12:00:05] Agent: '.length)}One moment.`);
    expect(lines.filter((line) => line.startsWith(HIGHLIGHT_MARKER))).toHaveLength(2);
    expect(lines).toContain('   [2026-01-15 12:01:00] System: LiveChat requested');
  });

  it('formats one message with messageToText, as sessionToText writes it', () => {
    const message = session().messages[0] as Session['messages'][number];
    expect(messageToText(message, { timeZone: 'Europe/Athens' })).toBe(
      '[2026-01-15 12:00:00] User: Where is my order?',
    );
    expect(messageToText(message, { timeZone: 'Europe/Athens', highlighted: true })).toBe(
      '>> [2026-01-15 12:00:00] User: Where is my order?',
    );
    expect(sessionToText(session(), { timeZone: 'Europe/Athens' })).toContain(
      messageToText(message, { timeZone: 'Europe/Athens' }),
    );
    expect(() => messageToText(message, { timeZone: 'Europe/Atlantis' })).toThrow(InvalidTimeZoneError);
  });

  it('indents continuation lines under the first line of a multi-line message', () => {
    const lines = sessionToText(session()).split('\n');
    const first = lines.findIndex((line) => line.endsWith('Agent: Let me check.'));
    const continuation = lines[first + 1] ?? '';
    expect(continuation.trimStart()).toBe('One moment.');
    expect(continuation.indexOf('One')).toBe((lines[first] ?? '').indexOf('Let'));
  });

  it('defaults to UTC and follows DST (Athens is UTC+3 in summer)', () => {
    expect(sessionToText(session())).toContain('[2026-01-15 10:00:00] User: Where is my order?');
    const summer = session({
      createdAt: '2026-07-15T10:00:00.000Z',
      messages: [{ id: 'm1', role: 'user', text: 'hi', createdAt: '2026-07-15T10:00:00.000Z' }],
    });
    const text = sessionToText(summer, { timeZone: 'Europe/Athens' });
    expect(text).toContain('[2026-07-15 13:00:00] User: hi');
    expect(text).toContain('(GMT+3)');
  });

  it('contains every message text, however nasty', () => {
    const messages = nastyTexts.map((text, i) => ({
      id: `m${i}`,
      role: 'user' as const,
      text,
      createdAt: '2026-01-15T10:00:00.000Z',
    }));
    const text = sessionToText(session({ messages }));
    for (const message of nastyTexts) {
      for (const line of message.split(/\r\n|\r|\n/)) expect(text).toContain(line);
    }
  });

  it('keeps a line break in a header value under the value, so no name or tag can forge a header or divider', () => {
    const forged = `x\n${SESSION_TEXT_DIVIDER}\n\nSession:    fake`;
    const text = sessionToText(
      session({
        agentName: forged,
        contact: { id: 'c', name: 'Maria\r\nStatus:     ACTIVE' },
        tags: [forged],
      }),
    );
    const lines = text.split('\n');
    // Every line that starts at the margin is one of the nine labels, a message, a blank or "(no messages)".
    const atMargin = lines.filter((line) => line !== '' && !line.startsWith(' '));
    expect(atMargin.filter((line) => line.startsWith('Session:'))).toEqual(['Session:    s-1']);
    expect(atMargin.filter((line) => line.startsWith('Status:'))).toEqual(['Status:     COMPLETED']);
    expect(atMargin.some((line) => line.startsWith('='))).toBe(false);
    expect(lines).toContain(`            ${SESSION_TEXT_DIVIDER}`);
    expect(lines).toContain('            Status:     ACTIVE (c)');
  });

  it('rejects an unknown zone', () => {
    expect(() => sessionToText(session(), { timeZone: 'Europe/Atlantis' })).toThrow(InvalidTimeZoneError);
  });
});

describe('sessionsToText', () => {
  it('joins sessions with a divider, one chunk per session, read lazily', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Session> {
      for (const id of ['a', 'b', 'c']) {
        pulled++;
        yield session({ id });
      }
    }
    const chunks: string[] = [];
    for await (const chunk of sessionsToText(source())) {
      chunks.push(chunk);
      expect(pulled).toBe(chunks.length);
    }
    const text = chunks.join('');
    expect(text.split(SESSION_TEXT_DIVIDER)).toHaveLength(3);
    expect(text.split(SESSION_TEXT_DIVIDER)[1]).toContain(sessionToText(session({ id: 'b' })));
  });
});

describe('sessionToText duration', () => {
  it('prints the messages’ span when no duration was recorded, as the session’s detail view does', () => {
    const text = sessionToText(session({ durationMs: 0 }), { timeZone: 'UTC' });
    // m1 at 10:00:00 to m4 at 10:05:00.
    expect(text).toContain('Duration:   5m 00s\n');
  });

  it('prints - for a session with no duration and no messages', () => {
    const text = sessionToText(session({ durationMs: 0, messages: [] }), { timeZone: 'UTC' });
    expect(text).toContain('Duration:   -\n');
  });
});
