import type {
  MissedQuestionGroup,
  MissedQuestionOccurrence,
  MissedQuestionStatus,
} from '../model/missed-question.js';
import type { DateRange } from '../time/date-range.js';
import { canonicalInstant, canonicalRange, isInRange } from './internal/instant.js';
import { resolveWordingKey } from './internal/wording-key.js';
import { missedQuestionKey } from './key.js';
import { compareMissedQuestionTies } from './order.js';

/**
 * Options of {@link groupMissedQuestions}.
 *
 * @example
 * ```ts
 * const options: GroupMissedQuestionsOptions = {
 *   range: { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
 *   normalize: true,
 *   statusOf: (key) => (key === 'faq-bot\u0000do you ship to cyprus' ? 'RESOLVED' : undefined),
 * };
 * ```
 */
export interface GroupMissedQuestionsOptions {
  /** Count occurrences in this half-open range; totals count every occurrence given. @default every occurrence */
  readonly range?: DateRange;
  /**
   * How wordings make groups. `false`: the exact text. `true`: {@link normalizeQuestion}. A function: your own
   * wording key (called once per distinct wording, so it must be pure).
   * @default false
   */
  readonly normalize?: boolean | ((question: string) => string);
  /** Status of a group by its key ({@link missedQuestionKey}); `UNRESOLVED` where absent. */
  readonly statusOf?: (key: string) => MissedQuestionStatus | undefined;
}

interface GroupAccumulator {
  readonly key: string;
  readonly agentId: string;
  question: string;
  earliestAt: string;
  totalOccurrences: number;
  occurrencesInRange: number;
  /** Distinct sessions among the occurrences in range. */
  distinctSessions: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Groups occurrences into the rows of the Missed Questions table, sorted by occurrences in range, descending.
 *
 * Pass every occurrence since the agent was created: `totalOccurrences` counts them all, while
 * `occurrencesInRange`, `distinctSessions`, `firstSeen` and `lastSeen` look only at the range. A
 * (sessionId, messageId) pair is one occurrence across the whole input — the first report seen wins, repeats
 * are ignored even under another wording. Groups without an occurrence in range are left out. `question` is
 * the wording of the group's earliest occurrence. Ties sort by `missedQuestionTieBreaks` (last seen, newest
 * first, then question and agent id in code-unit order), then by key, so the order never depends on the input
 * order or the runtime's locale.
 * Occurrence objects are kept by reference while grouping (not copied), so an iterable must not reuse one
 * mutable object for successive items.
 *
 * @example
 * ```ts
 * import { groupMissedQuestions } from '@observatory/core';
 * const rows = groupMissedQuestions(
 *   [
 *     { agentId: 'faq-bot', question: 'Do you ship to Cyprus?', sessionId: 's1', messageId: 'm1', occurredAt: '2026-11-25T10:00:00.000Z' },
 *     { agentId: 'faq-bot', question: 'do you ship to cyprus', sessionId: 's2', messageId: 'm4', occurredAt: '2026-11-26T09:00:00.000Z' },
 *   ],
 *   { normalize: true },
 * );
 * // rows[0].occurrencesInRange === 2, rows[0].question === 'Do you ship to Cyprus?'
 * ```
 */
export function groupMissedQuestions(
  occurrences: Iterable<MissedQuestionOccurrence>,
  options: GroupMissedQuestionsOptions = {},
): MissedQuestionGroup[] {
  const range = canonicalRange(options.range);
  const wordingKeyOf = resolveWordingKey(options.normalize);
  const byAgent = new Map<string, Map<string, GroupAccumulator>>();
  // A session's first occurrence is stored as is (no allocation for the common one-miss session); a second
  // pair of the same session upgrades the entry to a SessionRecord. This map is both the pair de-duplication
  // and the distinct-session count, so the loop makes one session lookup per occurrence.
  const sessions = new Map<string, MissedQuestionOccurrence | SessionRecord>();
  // Occurrences usually come agent by agent, so the last agent's map is reused without a lookup.
  let lastAgentId: string | undefined;
  let lastAgentGroups: Map<string, GroupAccumulator> | undefined;
  let index = 0;

  const groupOf = (occurrence: MissedQuestionOccurrence): GroupAccumulator | undefined => {
    const wording = occurrence.question;
    return byAgent.get(occurrence.agentId)?.get(wordingKeyOf === undefined ? wording : wordingKeyOf(wording));
  };

  for (const occurrence of occurrences) {
    const at = canonicalInstant(occurrence.occurredAt, index++);
    const sessionId = occurrence.sessionId;
    const messageId = occurrence.messageId;
    const seen = sessions.get(sessionId);
    let record: SessionRecord | undefined;
    if (seen === undefined) {
      sessions.set(sessionId, occurrence);
    } else if (seen instanceof SessionRecord) {
      if (seen.messageIds.has(messageId)) continue;
      seen.messageIds.add(messageId);
      record = seen;
    } else {
      if (seen.messageId === messageId) continue;
      // Already validated when it was first seen.
      const firstGroup = isInRange(canonicalInstant(seen.occurredAt, 0), range) ? groupOf(seen) : undefined;
      record = new SessionRecord(seen.messageId, messageId, firstGroup);
      sessions.set(sessionId, record);
    }

    const agentId = occurrence.agentId;
    let groups = lastAgentGroups;
    if (agentId !== lastAgentId || groups === undefined) {
      groups = byAgent.get(agentId);
      if (groups === undefined) {
        groups = new Map();
        byAgent.set(agentId, groups);
      }
      lastAgentId = agentId;
      lastAgentGroups = groups;
    }
    const wording = occurrence.question;
    const wordingKey = wordingKeyOf === undefined ? wording : wordingKeyOf(wording);
    let group = groups.get(wordingKey);
    if (group === undefined) {
      group = {
        key: missedQuestionKey(agentId, wordingKey),
        agentId,
        question: wording,
        earliestAt: at,
        totalOccurrences: 0,
        occurrencesInRange: 0,
        distinctSessions: 0,
        firstSeen: at,
        lastSeen: at,
      };
      groups.set(wordingKey, group);
    }
    group.totalOccurrences++;
    if (at < group.earliestAt) {
      group.earliestAt = at;
      group.question = wording;
    }
    if (range !== undefined && (at < range.from || at >= range.to)) continue;
    if (group.occurrencesInRange === 0) {
      group.firstSeen = at;
      group.lastSeen = at;
    } else if (at < group.firstSeen) {
      group.firstSeen = at;
    } else if (at > group.lastSeen) {
      group.lastSeen = at;
    }
    group.occurrencesInRange++;
    if (record === undefined) {
      group.distinctSessions++;
    } else if (!record.countedIn.includes(group)) {
      record.countedIn.push(group);
      group.distinctSessions++;
    }
  }

  const statusOf = options.statusOf;
  const rows: MissedQuestionGroup[] = [];
  for (const groups of byAgent.values()) {
    for (const group of groups.values()) {
      if (group.occurrencesInRange === 0) continue;
      rows.push({
        key: group.key,
        agentId: group.agentId,
        question: group.question,
        occurrencesInRange: group.occurrencesInRange,
        totalOccurrences: group.totalOccurrences,
        distinctSessions: group.distinctSessions,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
        status: statusOf?.(group.key) ?? 'UNRESOLVED',
      });
    }
  }
  return rows.sort(compareGroups);
}

/** A session with more than one missed message: its message ids, and the groups it was counted in (in range). */
class SessionRecord {
  readonly messageIds: Set<string>;
  readonly countedIn: GroupAccumulator[];
  constructor(firstMessageId: string, messageId: string, firstGroup: GroupAccumulator | undefined) {
    this.messageIds = new Set([firstMessageId, messageId]);
    this.countedIn = firstGroup === undefined ? [] : [firstGroup];
  }
}

/** Occurrences in range descending, then the tie rule, then key ascending. */
function compareGroups(a: MissedQuestionGroup, b: MissedQuestionGroup): number {
  if (a.occurrencesInRange !== b.occurrencesInRange) return b.occurrencesInRange - a.occurrencesInRange;
  const tie = compareMissedQuestionTies(a, b);
  if (tie !== 0) return tie;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return 0;
}
