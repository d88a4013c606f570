import { describe, expect, it } from 'vitest';
import { Session } from '../model/session.js';
import { sessionsToCsv } from './csv.js';
import { markOmittedSessionParts, omittedSessionParts, SESSION_EXPORT_PARTS } from './session-parts.js';
import { flattenSessionRow } from './session-row.js';
import { sessionToText } from './text.js';

const session = () =>
  Session.parse({
    id: 's1',
    agentId: 'faq-bot',
    contact: { id: 'u1' },
    createdAt: '2026-11-25T10:00:00.000Z',
  });

describe('sessions listed without parts', () => {
  it('keeps the mark through a spread copy, and JSON never shows it', () => {
    const listed = markOmittedSessionParts(session(), ['messages', 'summary']);
    expect(omittedSessionParts({ ...listed, tags: ['copy'] })).toEqual(['messages', 'summary']);
    expect(JSON.parse(JSON.stringify(listed))).toEqual(JSON.parse(JSON.stringify(session())));
    expect(omittedSessionParts(session())).toEqual([]);
  });

  it('makes a row refuse the session, naming the include that brings what is missing', () => {
    const listed = markOmittedSessionParts(session(), ['liveChats']);
    expect(() => flattenSessionRow(listed)).toThrow(
      `Session "s1" was listed without its liveChats, so its export would be wrong: list or iterate the sessions of an export with include: ['messages', 'liveChats', 'summary']`,
    );
    expect(() => flattenSessionRow(listed)).toThrowError(
      expect.objectContaining({ name: 'IncompleteSessionError', field: 'include', missing: ['liveChats'] }),
    );
  });

  it('lets a transcript through without liveChats or summary, not without messages', async () => {
    expect(sessionToText(markOmittedSessionParts(session(), ['liveChats', 'summary']))).toContain('Session:');
    expect(() => sessionToText(markOmittedSessionParts(session(), ['messages']))).toThrow(
      /include: \['messages'\]$/,
    );
  });

  it('writes the rows of complete sessions, marked with nothing', async () => {
    let csv = '';
    for await (const chunk of sessionsToCsv([markOmittedSessionParts(session(), [])])) csv += chunk;
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(SESSION_EXPORT_PARTS).toEqual(['messages', 'liveChats', 'summary']);
  });
});
