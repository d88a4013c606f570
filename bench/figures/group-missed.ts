import { groupMissedQuestions, type MissedQuestionOccurrence } from '@observatory/core';
import { generateOccurrences } from '../data/occurrences.js';
import { type Figure, scaled } from '../harness/figure.js';
import { timePair } from '../harness/measure.js';
import { toResult } from '../harness/result.js';

const TARGET = { op: '>=', limit: 0.5 } as const;
const NAME = 'groupMissedQuestions throughput';

interface BareCount {
  count: number;
  readonly sessions: Set<string>;
}

/** The baseline: what a hand-written script does — one pass, one Map, a count and a Set of sessions per wording. */
function bareGroup(occurrences: readonly MissedQuestionOccurrence[]): Map<string, BareCount> {
  const groups = new Map<string, BareCount>();
  for (const occurrence of occurrences) {
    let group = groups.get(occurrence.question);
    if (group === undefined) {
      group = { count: 0, sessions: new Set() };
      groups.set(occurrence.question, group);
    }
    group.count++;
    group.sessions.add(occurrence.sessionId);
  }
  return groups;
}

// Both sides must compute the same thing, or the ratio means nothing.
function assertSameCounts(occurrences: readonly MissedQuestionOccurrence[]): void {
  const bare = bareGroup(occurrences);
  const ours = groupMissedQuestions(occurrences);
  if (ours.length !== bare.size)
    throw new Error(`group count differs: ours ${ours.length}, bare ${bare.size}`);
  for (const group of ours) {
    const expected = bare.get(group.question);
    if (expected?.count !== group.occurrencesInRange || expected.sessions.size !== group.distinctSessions) {
      throw new Error(`counts differ for ${JSON.stringify(group.question)}`);
    }
  }
}

/** Figure 1: grouping 1,000,000 occurrences of 20,000 wordings against a bare Map loop. */
export const groupMissedFigure: Figure = {
  id: 'group-missed',
  title: '1. groupMissedQuestions',
  rows: [{ name: NAME, unit: 'occurrences/s', target: TARGET }],
  async run(context) {
    const count = scaled(context, 1_000_000);
    const distinctWordings = scaled(context, 20_000);
    context.log(`generating ${count} occurrences of ${distinctWordings} wordings`);
    const occurrences = generateOccurrences({ seed: 1, count, distinctWordings });
    assertSameCounts(occurrences);
    const times = await timePair(
      context.plan,
      () => groupMissedQuestions(occurrences),
      () => bareGroup(occurrences),
    );
    const perSecond = (ms: number) => (count / ms) * 1000;
    return [
      toResult(
        {
          name: NAME,
          unit: 'occurrences/s',
          value: perSecond(times.ours),
          baseline: perSecond(times.baseline),
          target: TARGET,
          note: `${count.toLocaleString('en-US')} occurrences, ${distinctWordings.toLocaleString('en-US')} wordings`,
        },
        context.scaleLabel,
      ),
    ];
  },
};
