import { describe, expect, it } from 'vitest';
import { InvalidTimeZoneError } from '../errors/errors.js';
import { sessionToText } from '../export/text.js';
import { Session } from '../model/session.js';
import { sampleSession } from './sample-session.fixture.js';
import { transcriptView } from './transcript.js';

describe('transcriptView', () => {
  it('renders text, voice, LiveChat and CSAT events, a human agent and an attachment, in local time', () => {
    const lines = transcriptView(sampleSession, { timeZone: 'Europe/Athens' });
    expect(lines.map((line) => [line.time, line.speaker, line.kind, line.text])).toEqual([
      ['2026-11-25 12:00:00', 'User', 'text', 'Do you ship to\nCyprus?'],
      ['2026-11-25 12:00:02', 'Agent', 'text', "Sorry, I didn't get that."],
      ['2026-11-25 12:01:00', 'User', 'voice', 'talk to a person'],
      ['2026-11-25 12:01:01', 'System', 'event', 'LiveChat requested'],
      ['2026-11-25 12:02:00', 'System', 'event', 'LiveChat accepted'],
      ['2026-11-25 12:03:00', 'Human agent', 'text', 'Hi Maria, yes we ship to Cyprus.'],
      ['2026-11-25 12:04:00', 'User', 'other', '(attachment)'],
      ['2026-11-25 12:05:00', 'System', 'event', 'CSAT answered: 4'],
    ]);
    expect(lines[3]).toMatchObject({ messageId: 'm4', at: '2026-11-25T10:01:01.000Z', role: 'system' });
  });

  it('never gives an empty text', () => {
    const session = Session.parse({
      ...sampleSession,
      messages: [
        { id: 'e1', role: 'user', text: '', createdAt: '2026-11-25T10:00:00.000Z' },
        { id: 'e2', role: 'system', kind: 'event', createdAt: '2026-11-25T10:00:00.000Z' },
        { id: 'e3', role: 'user', kind: 'postback', createdAt: '2026-11-25T10:00:00.000Z' },
      ],
    });
    const texts = transcriptView(session, { timeZone: 'UTC' }).map((line) => line.text);
    expect(texts).toEqual(['(empty message)', '(event)', '(postback)']);
  });

  it('highlights exactly the listed messages', () => {
    const lines = transcriptView(sampleSession, { timeZone: 'UTC', highlight: ['m1', 'm6', 'no-such-id'] });
    expect(lines.filter((line) => line.highlighted).map((line) => line.messageId)).toEqual(['m1', 'm6']);
    expect(transcriptView(sampleSession, { timeZone: 'UTC' }).some((line) => line.highlighted)).toBe(false);
  });

  it('follows DST: the same UTC hour reads an hour later in Athens summer time', () => {
    const summer = Session.parse({
      ...sampleSession,
      messages: [{ id: 'm1', role: 'user', text: 'hi', createdAt: '2026-07-15T10:00:00.000Z' }],
    });
    expect(transcriptView(summer, { timeZone: 'Europe/Athens' })[0]?.time).toBe('2026-07-15 13:00:00');
  });

  it('shares the rendering of every message text with sessionToText', () => {
    const text = sessionToText(sampleSession, { timeZone: 'Europe/Athens' });
    for (const line of transcriptView(sampleSession, { timeZone: 'Europe/Athens' })) {
      const first = line.text.split('\n')[0] as string;
      expect(text).toContain(`[${line.time}] ${line.speaker}`);
      expect(text).toContain(`: ${first}`);
    }
  });

  it('rejects an unknown zone', () => {
    expect(() => transcriptView(sampleSession, { timeZone: 'Mars/Olympus' })).toThrow(InvalidTimeZoneError);
  });
});
