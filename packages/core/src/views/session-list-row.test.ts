import { describe, expect, it } from 'vitest';
import { Session } from '../model/session.js';
import { matchesSessionQuery } from '../query/match.js';
import { sampleSession } from './sample-session.fixture.js';
import { oneLine, sessionListRow } from './session-list-row.js';

const bare = (overrides: Record<string, unknown>) =>
  Session.parse({
    id: 'b1',
    agentId: 'faq-bot',
    contact: { id: 'user-1' },
    createdAt: '2026-11-25T22:30:00.000Z',
    ...overrides,
  });

describe('sessionListRow', () => {
  it('gives the row of a realistic session in the viewer zone', () => {
    expect(sessionListRow(sampleSession, { timeZone: 'Europe/Athens' })).toEqual({
      id: 's-42',
      agentId: 'faq-bot',
      deploymentId: 'web',
      createdAt: '2026-11-25T10:00:00.000Z',
      createdAtLocal: '2026-11-25 12:00:00',
      contact: 'Maria Papadopoulou',
      messageCount: 8,
      tags: ['shipping'],
      facts: { fallback: true, feedback: false, csat: true, liveChat: true },
      preview: 'Do you ship to Cyprus?',
    });
  });

  it('labels the contact by name, else email, else id, and shows the local date past midnight', () => {
    const byEmail = sessionListRow(bare({ contact: { id: 'u', name: ' ', email: 'a@b.c' } }), {
      timeZone: 'Europe/Athens',
    });
    expect(byEmail.contact).toBe('a@b.c');
    const byId = sessionListRow(bare({}), { timeZone: 'Europe/Athens' });
    expect(byId).toMatchObject({
      contact: 'user-1',
      createdAtLocal: '2026-11-26 00:30:00',
      preview: '',
      messageCount: 0,
    });
    expect(byId.deploymentId).toBeUndefined();
  });

  it('previews the first user text on one line, cut to 80 characters with an ellipsis', () => {
    const long = 'word '.repeat(40);
    const row = sessionListRow(
      bare({
        messages: [
          { id: 'a', role: 'agent', text: 'Hello!', createdAt: '2026-11-25T22:30:00.000Z' },
          { id: 'u', role: 'user', text: long, createdAt: '2026-11-25T22:30:01.000Z' },
        ],
      }),
      { timeZone: 'UTC' },
    );
    expect(Array.from(row.preview)).toHaveLength(80);
    expect(row.preview.endsWith('word…')).toBe(true);
  });

  it('shows the facts the quick filters test (one definition)', () => {
    const sessions = [
      sampleSession,
      bare({}),
      bare({
        messages: [
          { id: 'f', role: 'user', text: 'ok', category: 'FEEDBACK', createdAt: '2026-11-25T22:30:00.000Z' },
        ],
      }),
      bare({
        messages: [
          {
            id: 'l',
            role: 'agent',
            text: 'hi',
            category: 'LIVE_CHAT',
            createdAt: '2026-11-25T22:30:00.000Z',
          },
        ],
      }),
    ];
    for (const session of sessions) {
      const { facts } = sessionListRow(session, { timeZone: 'UTC' });
      expect(facts).toEqual({
        fallback: matchesSessionQuery(session, { containsFallback: true }),
        feedback: matchesSessionQuery(session, { containsFeedback: true }),
        csat: matchesSessionQuery(session, { containsCSATSurvey: true }),
        liveChat: matchesSessionQuery(session, { containsLiveChat: true }),
      });
    }
    expect(sessionListRow(sessions[2] as Session, { timeZone: 'UTC' }).facts.feedback).toBe(true);
    expect(sessionListRow(sessions[3] as Session, { timeZone: 'UTC' }).facts.liveChat).toBe(true);
  });
});

describe('oneLine', () => {
  it('joins lines and never cuts an emoji in half', () => {
    expect(oneLine('Where is\nmy order?', 12)).toBe('Where is my…');
    expect(oneLine('ab😀cd', 4)).toBe('ab😀…');
    expect(oneLine('short', 80)).toBe('short');
  });
});
