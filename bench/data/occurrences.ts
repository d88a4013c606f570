import type { MissedQuestionOccurrence } from '@observatory/core';
import { SeededRandom } from './random.js';
import { BENCH_AGENT_ID } from './sessions.js';
import { wordingAt } from './text.js';
import { ZipfSampler } from './zipf.js';

/** Options of {@link generateOccurrences}. */
export interface OccurrenceDatasetOptions {
  readonly seed: number;
  readonly count: number;
  readonly distinctWordings: number;
  /** Missed questions per session on average (1–3, so most sessions have one or two). @default 1.5 */
  readonly perSession?: number;
}

/**
 * Generates missed-question occurrences directly (without whole sessions): wordings Zipf-distributed over
 * `distinctWordings`, every wording used at least once (the first `distinctWordings` occurrences walk them in
 * order), each (sessionId, messageId) pair unique, times in canonical ISO form over 90 days.
 *
 * @example
 * ```ts
 * const occurrences = generateOccurrences({ seed: 1, count: 1_000_000, distinctWordings: 20_000 });
 * ```
 */
export function generateOccurrences(options: OccurrenceDatasetOptions): MissedQuestionOccurrence[] {
  const random = new SeededRandom(options.seed);
  const zipf = new ZipfSampler(options.distinctWordings);
  const wordings = Array.from({ length: options.distinctWordings }, (_, i) => wordingAt(i));
  const perSession = options.perSession ?? 1.5;
  const start = Date.UTC(2026, 8, 1);
  const step = (90 * 24 * 3_600_000) / options.count;
  const occurrences: MissedQuestionOccurrence[] = new Array(options.count);
  let session = 0;
  let turn = 1;
  for (let i = 0; i < options.count; i++) {
    // Next session with probability 1/perSession: a geometric number of misses per session, mean perSession.
    if (i > 0 && random.chance(1 / perSession)) {
      session++;
      turn = 1;
    } else if (i > 0) {
      turn += 2;
    }
    const rank = i < options.distinctWordings ? i : zipf.sample(random);
    occurrences[i] = {
      agentId: BENCH_AGENT_ID,
      question: wordings[rank] as string,
      sessionId: `s${session}`,
      messageId: `m${turn}`,
      occurredAt: new Date(start + Math.floor(i * step)).toISOString(),
    };
  }
  return occurrences;
}
