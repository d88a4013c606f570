import { replayMissCounters } from '@observatory/core';
import type { MissedQuestionReport } from '@observatory/nodes';
import { describe, expect, it } from 'vitest';
import { runFaqAgent } from './faq-agent.js';

describe('FAQ agent on a custom runtime', () => {
  it('answers, counts misses, and hands over to LiveChat after 3 in a row', async () => {
    const reports: MissedQuestionReport[] = [];
    const { lines, session } = await runFaqAgent({
      sessionId: 's1',
      conversation: [
        'opening hours?',
        'crypto?',
        'returns?',
        'gift cards?',
        'student discount?',
        'pick up?',
        'never asked',
      ],
      reporter: { report: async (report) => void reports.push(report) },
    });
    expect(reports.map((report) => report.question)).toEqual([
      'crypto?',
      'gift cards?',
      'student discount?',
      'pick up?',
    ]);
    expect(lines.some((line) => line.text.startsWith('LiveChat handoff'))).toBe(true);
    expect(session.tags).toEqual(['escalated', 'livechat']);
    // The conversation stops at the handoff: the last message is never processed by the bot.
    expect(session.messages.some((message) => message.text === 'never asked')).toBe(false);
    const replay = replayMissCounters(session);
    const printed = lines.flatMap((line) => (line.counters ? [line.counters] : []));
    expect(printed).toEqual(
      replay.map(({ missedQuestionsCount, consecutiveMissedQuestionsCount }) => ({
        missedQuestionsCount,
        consecutiveMissedQuestionsCount,
      })),
    );
    expect(printed.at(-1)).toEqual({ missedQuestionsCount: 4, consecutiveMissedQuestionsCount: 3 });
  });
});
