import { describe, expect, it } from 'vitest';
import { InvalidDateRangeError, InvalidTimeZoneError } from '../errors/errors.js';
import { resolveDateRange } from '../time/resolve-date-range.js';
import { emptyMissedQuestionsHint, emptySessionsHint, formatDateRange } from './range-label.js';

const now = new Date('2026-11-25T10:00:00Z');

describe('formatDateRange', () => {
  it('shows whole local days with the inclusive end the user typed', () => {
    const range = resolveDateRange(
      { from: '2026-11-01', to: '2026-11-30' },
      { timeZone: 'Europe/Athens', now },
    );
    expect(range.from).toBe('2026-10-31T22:00:00.000Z'); // the UTC instants are not what is shown
    expect(formatDateRange(range, 'Europe/Athens')).toBe('2026-11-01 – 2026-11-30 (Europe/Athens)');
  });

  it('shows one day, and days across a DST change (25-hour day)', () => {
    expect(
      formatDateRange(
        resolveDateRange({ preset: 'today' }, { timeZone: 'Europe/Athens', now }),
        'Europe/Athens',
      ),
    ).toBe('2026-11-25 – 2026-11-25 (Europe/Athens)');
    const autumn = resolveDateRange(
      { from: '2026-10-24', to: '2026-10-26' },
      { timeZone: 'Europe/Athens', now },
    );
    expect(formatDateRange(autumn, 'Europe/Athens')).toBe('2026-10-24 – 2026-10-26 (Europe/Athens)');
    const spring = resolveDateRange(
      { from: '2026-03-08', to: '2026-03-08' },
      { timeZone: 'America/New_York', now },
    );
    expect(formatDateRange(spring, 'America/New_York')).toBe('2026-03-08 – 2026-03-08 (America/New_York)');
  });

  it('shows local times when a bound is not a local midnight', () => {
    const range = { from: '2026-11-01T07:00:00.000Z', to: '2026-11-01T15:30:00.000Z' };
    expect(formatDateRange(range, 'Europe/Athens')).toBe(
      '2026-11-01 09:00 – 2026-11-01 17:30 (Europe/Athens)',
    );
    // UTC midnights are not Athens midnights: shown as the local times they are.
    expect(
      formatDateRange({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' }, 'Europe/Athens'),
    ).toBe('2026-11-01 02:00 – 2026-11-02 02:00 (Europe/Athens)');
    expect(formatDateRange({ from: '2026-11-01T07:00:05.000Z', to: '2026-11-01T08:00:00.000Z' }, 'UTC')).toBe(
      '2026-11-01 07:00:05 – 2026-11-01 08:00:00 (UTC)',
    );
  });

  it('rejects an unknown zone and a bound that is not an instant', () => {
    expect(() =>
      formatDateRange({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }, 'Nowhere/X'),
    ).toThrow(InvalidTimeZoneError);
    expect(() => formatDateRange({ from: 'yesterday', to: '2026-11-02T00:00:00Z' }, 'UTC')).toThrow(
      InvalidDateRangeError,
    );
  });
});

describe('empty hints', () => {
  const range = resolveDateRange(
    { from: '2026-11-01', to: '2026-11-30' },
    { timeZone: 'Europe/Athens', now },
  );

  it('gives the product page advice with the range in the user zone and the agent', () => {
    expect(emptySessionsHint({ range, timeZone: 'Europe/Athens', agents: ['faq-bot'] })).toBe(
      'No sessions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agent faq-bot: check the range and agent filter.',
    );
    expect(emptyMissedQuestionsHint({ range, timeZone: 'Europe/Athens', agents: ['faq-bot'] })).toBe(
      'No missed questions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agent faq-bot: check the range and agent filter.',
    );
  });

  it('names every filter in force', () => {
    expect(emptySessionsHint({ range, timeZone: 'Europe/Athens' })).toBe(
      'No sessions in 2026-11-01 – 2026-11-30 (Europe/Athens): check the range.',
    );
    expect(
      emptySessionsHint({ range, timeZone: 'Europe/Athens', agents: ['a', 'b'], others: ['tag', 'search'] }),
    ).toBe(
      'No sessions in 2026-11-01 – 2026-11-30 (Europe/Athens) for agents a, b: check the range, agent, tag and search filters.',
    );
  });
});
