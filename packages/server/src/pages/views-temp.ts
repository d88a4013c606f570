// TEMPORARY stand-in for core's views module (branch v15core): deleted once it lands on main. Same names/shapes.
import type { DateRange, MissedQuestion, MissedQuestionDetails, Session } from '@observatory/core';

const local = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

export interface TranscriptLineView {
  messageId: string;
  at: string;
  time: string;
  role: string;
  speaker: string;
  kind: 'text' | 'voice' | 'event' | 'other';
  text: string;
  highlighted: boolean;
}
export function transcriptView(
  session: Session,
  options: { timeZone: string; highlight?: readonly string[] },
): TranscriptLineView[] {
  return session.messages.map((m) => ({
    messageId: m.id,
    at: m.createdAt,
    time: local(m.createdAt, options.timeZone),
    role: m.role,
    speaker: m.role === 'user' ? 'User' : m.role === 'agent' ? 'Agent' : 'System',
    kind: m.event ? 'event' : m.kind === 'text' || m.kind === 'voice' ? m.kind : 'other',
    text: m.event ? `${m.event.type} event` : m.text || m.kind,
    highlighted: options.highlight?.includes(m.id) ?? false,
  }));
}
export interface SessionListRowView {
  id: string;
  agentId: string;
  deploymentId?: string;
  createdAt: string;
  createdAtLocal: string;
  contact: string;
  messageCount: number;
  tags: readonly string[];
  preview: string;
}
export function sessionListRow(session: Session, options: { timeZone: string }): SessionListRowView {
  return {
    id: session.id,
    agentId: session.agentId,
    ...(session.deployment ? { deploymentId: session.deployment.id } : {}),
    createdAt: session.createdAt,
    createdAtLocal: local(session.createdAt, options.timeZone),
    contact: session.contact.name ?? session.contact.id,
    messageCount: session.messages.length,
    tags: session.tags,
    preview: session.messages.find((m) => m.role === 'user')?.text.slice(0, 80) ?? '',
  };
}
export interface TraceStepView {
  index: number;
  time: string;
  label: string;
  detail: string;
  variables: ReadonlyArray<{ name: string; value: string }>;
}
export interface SessionDetailView {
  id: string;
  metadata: ReadonlyArray<{ label: string; value: string }>;
  tags: readonly string[];
  transcript: TranscriptLineView[];
  trace: TraceStepView[];
}
export function sessionDetailView(
  session: Session,
  options: { timeZone: string; highlight?: readonly string[] },
): SessionDetailView {
  return {
    id: session.id,
    metadata: [
      { label: 'Agent', value: session.agentId },
      { label: 'Channel', value: session.channel },
    ],
    tags: session.tags,
    transcript: transcriptView(session, options),
    trace: session.interactions.map((step, i) => ({
      index: i + 1,
      time: local(step.timestamp, options.timeZone),
      label: step.type,
      detail: JSON.stringify(step.payload),
      variables: [],
    })),
  };
}
export interface MissedListRowView {
  id: string;
  agentId: string;
  question: string;
  status: string;
  occurrences: number;
  lastOccurredLocal: string;
  firstOccurredLocal: string;
}
export function missedListRow(q: MissedQuestion, options: { timeZone: string }): MissedListRowView {
  return {
    id: q.id,
    agentId: q.agentId,
    question: q.question,
    status: q.status,
    occurrences: q.filteredOccurrences ?? q.occurrences,
    lastOccurredLocal: q.updatedAt ? local(q.updatedAt, options.timeZone) : '',
    firstOccurredLocal: q.createdAt ? local(q.createdAt, options.timeZone) : '',
  };
}
export interface MissedDetailsView {
  question: string;
  stats: { occurrencesInRange: number; totalSinceCreated: number; distinctSessions: number };
  sessions: ReadonlyArray<{
    sessionId: string;
    messageId: string;
    occurredAt: string;
    occurredAtLocal: string;
  }>;
  defaultSessionId?: string;
  transcript?: { sessionId: string; lines: TranscriptLineView[] };
}
export function missedDetailsView(
  details: MissedQuestionDetails,
  options: { timeZone: string; session?: Session },
): MissedDetailsView {
  const sessions = details.occurrences.map((o) => ({
    ...o,
    occurredAtLocal: local(o.occurredAt, options.timeZone),
  }));
  const { session } = options;
  return {
    question: details.question,
    stats: {
      occurrencesInRange: details.occurrencesInRange,
      totalSinceCreated: details.totalOccurrences,
      distinctSessions: details.distinctSessions,
    },
    sessions,
    ...(sessions[0] ? { defaultSessionId: sessions[0].sessionId } : {}),
    ...(session
      ? {
          transcript: {
            sessionId: session.id,
            lines: transcriptView(session, {
              timeZone: options.timeZone,
              highlight: sessions.filter((s) => s.sessionId === session.id).map((s) => s.messageId),
            }),
          },
        }
      : {}),
  };
}
export function formatDateRange(range: DateRange, timeZone: string): string {
  return `${local(range.from, timeZone).slice(0, 10)} – ${local(new Date(Date.parse(range.to) - 1).toISOString(), timeZone).slice(0, 10)} (${timeZone})`;
}
interface HintFilters {
  range: DateRange;
  timeZone: string;
  agents?: readonly string[];
  others?: readonly string[];
}
const hint = (what: string, f: HintFilters) =>
  `No ${what} in ${formatDateRange(f.range, f.timeZone)}${f.agents?.length ? ` for agent ${f.agents.join(', ')}` : ''}: check the range and agent filter.`;
export const emptySessionsHint = (f: HintFilters) => hint('sessions', f);
export const emptyMissedQuestionsHint = (f: HintFilters) => hint('missed questions', f);
