import { formatLocalDateTime } from '../export/local-time.js';
import type { Session } from '../model/session.js';
import type { TraceStep } from '../model/trace.js';
import { variableText } from '../query/internal/latest-variables.js';
import { assertTimeZone } from '../time/time-zone.js';
import { oneLine } from './session-list-row.js';

/** Longest step detail, in characters. */
const DETAIL_LENGTH = 200;

/**
 * One workflow step of a session's trace, with the variables as they stood after its workflow run.
 *
 * @example
 * ```ts
 * const step: TraceStepView = {
 *   index: 1, time: '2026-11-25 12:00:01', label: 'missed_question', detail: 'question=Do you ship to Cyprus?',
 *   variables: [{ name: 'missedQuestionsCount', value: '1' }],
 * };
 * ```
 */
export interface TraceStepView {
  /** 1-based position in the trace. */
  readonly index: number;
  /** Local `YYYY-MM-DD HH:mm:ss` in the view's zone. */
  readonly time: string;
  /** The step's type and name, with `(error)` when it failed: `llm: answer (error)`. */
  readonly label: string;
  /** The step's payload on one line, `key=value` separated by `, ` (values as text, objects as JSON). */
  readonly detail: string;
  /**
   * The variables after the workflow run this step belongs to (the snapshot of its message), on the run's last
   * step; `[]` on the run's other steps and when no snapshot was taken. Sorted by name.
   */
  readonly variables: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** The user message (hbfEventId) whose workflow run produced the step. */
  readonly messageId: string;
}

/**
 * Options of {@link traceView}.
 *
 * @example
 * ```ts
 * const options: TraceViewOptions = { timeZone: 'Europe/Athens', steps: session.interactions.filter((step) => step.messageId === 'm1') };
 * ```
 */
export interface TraceViewOptions {
  /** IANA zone of every `time`. */
  readonly timeZone: string;
  /** The steps to show (fetched apart); the session's `interactions` when omitted. */
  readonly steps?: readonly TraceStep[];
}

function textOf(value: unknown): string {
  return variableText(value) ?? String(value);
}

function variablesOf(variables: Readonly<Record<string, unknown>> | undefined): TraceStepView['variables'] {
  if (variables === undefined) return [];
  return Object.keys(variables)
    .sort()
    .map((name) => ({ name, value: textOf(variables[name]) }));
}

/**
 * A session's trace as view steps in time order (ties kept in the given order): local time, label, one-line
 * detail, and on the last step of each message's workflow run the variables that run left (that message's
 * snapshot).
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { traceView } from '@observatory/core';
 * for (const step of traceView(session, { timeZone: 'Europe/Athens' })) {
 *   console.log(`${step.index}. [${step.time}] ${step.label} ${step.detail}`);
 *   for (const variable of step.variables) console.log(`     ${variable.name} = ${variable.value}`);
 * }
 * ```
 */
export function traceView(
  session: Pick<Session, 'interactions' | 'variableSnapshots'>,
  options: TraceViewOptions,
): TraceStepView[] {
  assertTimeZone(options.timeZone, 'timeZone');
  const steps = [...(options.steps ?? session.interactions)]
    .map((step, order) => ({ step, order }))
    .sort((a, b) => Date.parse(a.step.timestamp) - Date.parse(b.step.timestamp) || a.order - b.order)
    .map(({ step }) => step);
  const snapshots = new Map<string, Readonly<Record<string, unknown>>>();
  for (const snapshot of session.variableSnapshots) {
    if (snapshot.messageId !== null) snapshots.set(snapshot.messageId, snapshot.variables);
  }
  const lastOfRun = new Map<string, number>();
  for (const [index, step] of steps.entries()) lastOfRun.set(step.messageId, index);
  return steps.map((step, index) => ({
    index: index + 1,
    time: formatLocalDateTime(step.timestamp, options.timeZone),
    label: `${step.name ? `${step.type}: ${step.name}` : step.type}${step.hasError ? ' (error)' : ''}`,
    detail: oneLine(
      Object.entries(step.payload)
        .map(([key, value]) => `${key}=${textOf(value)}`)
        .join(', '),
      DETAIL_LENGTH,
    ),
    variables: lastOfRun.get(step.messageId) === index ? variablesOf(snapshots.get(step.messageId)) : [],
    messageId: step.messageId,
  }));
}
