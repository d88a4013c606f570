import { formatLocalDateTime, zoneOffsetName } from '../export/local-time.js';
import type { Session } from '../model/session.js';
import type { TraceStep } from '../model/trace.js';
import { assertTimeZone } from '../time/time-zone.js';
import { sessionDurationText } from './session-duration.js';
import { type TraceStepView, traceView } from './trace.js';
import { type TranscriptLineView, transcriptView } from './transcript.js';

/**
 * A session opened: its metadata as label/value pairs, tags, transcript and workflow trace.
 *
 * @example
 * ```ts
 * const view: SessionDetailView = {
 *   id: 's1', metadata: [{ label: 'Agent', value: 'FAQ Bot (faq-bot)' }], tags: ['billing'], transcript: [], trace: [],
 * };
 * ```
 */
export interface SessionDetailView {
  readonly id: string;
  /**
   * In order: Agent, Deployment, Contact, Channel, Status, Started at, Duration (the messages' span when none was
   * recorded), Messages, Language, LiveChat (conversations, then the transcript's LiveChat events), CSAT.
   */
  readonly metadata: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  readonly tags: readonly string[];
  readonly transcript: TranscriptLineView[];
  readonly trace: TraceStepView[];
}

/**
 * Options of {@link sessionDetailView}.
 *
 * @example
 * ```ts
 * const options: SessionDetailViewOptions = { timeZone: 'Europe/Athens', highlight: ['m3'] };
 * ```
 */
export interface SessionDetailViewOptions {
  /** IANA zone of every local time. */
  readonly timeZone: string;
  /** Ids of messages to highlight in the transcript. */
  readonly highlight?: readonly string[];
  /** Trace steps read apart (such as one message's interaction log); the session's `interactions` when omitted. */
  readonly trace?: readonly TraceStep[];
}

function contactLabel(session: Session): string {
  const { id, name, email } = session.contact;
  const details = [id, email].filter((part) => part !== undefined && part !== '').join(', ');
  return name ? `${name} (${details})` : details;
}

/**
 * A session as its detail view shows it: metadata in the viewer's zone, tags, the transcript (see
 * `transcriptView`) and the trace (see `traceView`).
 *
 * @throws InvalidTimeZoneError (field `timeZone`) for an unknown zone.
 * @example
 * ```ts
 * import { sessionDetailView } from '@observatory/core';
 * const view = sessionDetailView(session, { timeZone: 'Europe/Athens', highlight: ['m3'] });
 * for (const { label, value } of view.metadata) console.log(`${label}: ${value}`);
 * ```
 */
export function sessionDetailView(session: Session, options: SessionDetailViewOptions): SessionDetailView {
  const { timeZone } = options;
  assertTimeZone(timeZone, 'timeZone');
  const csat = session.csatSurveys.map((survey) => {
    const scores = Object.entries(survey.scores ?? {}).map(([section, score]) => `${section} ${score}`);
    return `${survey.name ?? survey.id}: ${survey.status.toLowerCase()}${scores.length > 0 ? ` (${scores.join(', ')})` : ''}`;
  });
  const transcript = transcriptView(session, {
    timeZone,
    ...(options.highlight === undefined ? {} : { highlight: options.highlight }),
  });
  const liveChats = session.liveChats.map((chat) =>
    [chat.lastEventType ? chat.lastEventType : 'LiveChat', ...chat.agents].join(', '),
  );
  // The transcript's LiveChat events (a handoff is seen there even when no conversation was recorded apart).
  const liveChatEvents = session.messages
    .map((message, index) => ({ message, line: transcript[index] }))
    .filter(({ message }) => message.event?.type === 'livechat')
    .map(({ line }) => `${line?.text} ${line?.time.slice('YYYY-MM-DD '.length)}`);
  if (liveChatEvents.length > 0) liveChats.push(liveChatEvents.join(', '));
  const metadata = [
    {
      label: 'Agent',
      value: session.agentName ? `${session.agentName} (${session.agentId})` : session.agentId,
    },
    {
      label: 'Deployment',
      value: session.deployment ? session.deployment.name || session.deployment.id : '-',
    },
    { label: 'Contact', value: contactLabel(session) },
    { label: 'Channel', value: session.channel },
    { label: 'Status', value: session.status },
    {
      label: 'Started at',
      value: `${formatLocalDateTime(session.createdAt, timeZone)} ${timeZone} (${zoneOffsetName(session.createdAt, timeZone)})`,
    },
    { label: 'Duration', value: sessionDurationText(session) },
    { label: 'Messages', value: String(session.messages.length) },
    { label: 'Language', value: session.language ?? '-' },
    { label: 'LiveChat', value: liveChats.length > 0 ? liveChats.join('; ') : '-' },
    { label: 'CSAT', value: csat.length > 0 ? csat.join('; ') : '-' },
  ];
  return {
    id: session.id,
    metadata,
    tags: session.tags,
    transcript,
    trace: traceView(session, { timeZone, ...(options.trace === undefined ? {} : { steps: options.trace }) }),
  };
}
