import { z } from 'zod';
import { CsatStatus, IsoDateTime, LiveChatEventType, Message } from './message.js';
import { openEnum } from './open-enum.js';
import { TraceStep, VariableSnapshot } from './trace.js';

/**
 * Lifecycle status of a session on the platform.
 *
 * @example
 * ```ts
 * import { SessionStatus } from '@observatory/core';
 * const stillOpen = sessions.filter((session) => session.status === SessionStatus.enum.ACTIVE);
 * ```
 */
export const SessionStatus = z.enum(['ACTIVE', 'COMPLETED']);
/** @see {@link SessionStatus} */
export type SessionStatus = z.infer<typeof SessionStatus>;

/**
 * The deployment (channel configuration) that served a session, e.g. "Webchat Production".
 *
 * @example
 * ```ts
 * import { Deployment } from '@observatory/core';
 * const deployment: Deployment = Deployment.parse({ id: 'web', name: 'Webchat Production' });
 * ```
 */
export const Deployment = z.looseObject({ id: z.string().min(1), name: z.string() });
/** @see {@link Deployment} */
export type Deployment = z.infer<typeof Deployment>;

/**
 * The contact (subscriber) who started a session; `id` is the platform's subscriber handle.
 *
 * @example
 * ```ts
 * import { Contact } from '@observatory/core';
 * const contact: Contact = Contact.parse({ id: 'user-42', name: 'Ada Lovelace', email: 'ada@example.com' });
 * ```
 */
export const Contact = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
});
/** @see {@link Contact} */
export type Contact = z.infer<typeof Contact>;

/**
 * A CSAT survey shown in a session and, once answered, its section scores. `status` is `PRESENTED` or
 * `ANSWERED`, or any other status the platform sends (its spec types it as a free string): kept as sent.
 *
 * @example
 * ```ts
 * import { CsatSurvey } from '@observatory/core';
 * const survey: CsatSurvey = CsatSurvey.parse({
 *   id: 'csat-1', name: 'After chat', status: 'ANSWERED', scores: { overall: 5 },
 * });
 * ```
 */
export const CsatSurvey = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  status: openEnum(CsatStatus),
  scores: z.record(z.string(), z.number()).optional(),
});
/** @see {@link CsatSurvey} */
export type CsatSurvey = z.infer<typeof CsatSurvey>;

/**
 * A LiveChat conversation (handoff to a human) inside a session.
 *
 * @example
 * ```ts
 * import { LiveChat } from '@observatory/core';
 * const chat: LiveChat = LiveChat.parse({
 *   conversationId: 'c-7', lastEventType: 'LIVECHAT_TERMINATED', agents: ['maria'],
 *   durationMs: 240_000, waitingTimeMs: 15_000,
 * });
 * ```
 */
export const LiveChat = z.looseObject({
  conversationId: z.string().optional(),
  lastEventType: LiveChatEventType.optional(),
  agents: z.array(z.string()).default([]),
  durationMs: z.number().nonnegative().optional(),
  waitingTimeMs: z.number().nonnegative().optional(),
});
/** @see {@link LiveChat} */
export type LiveChat = z.infer<typeof LiveChat>;

/**
 * A ticket (e.g. Zendesk) opened from a session.
 *
 * @example
 * ```ts
 * import { Ticket } from '@observatory/core';
 * const ticket: Ticket = Ticket.parse({
 *   id: 'ZD-1042', name: 'Refund request', url: 'https://acme.zendesk.com/agent/tickets/1042',
 *   createdAt: '2026-11-25T10:05:00.000Z',
 * });
 * ```
 */
export const Ticket = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  createdAt: IsoDateTime.optional(),
});
/** @see {@link Ticket} */
export type Ticket = z.infer<typeof Ticket>;

/**
 * The optional LLM analysis of a session (Session Analysis plugin).
 *
 * @example
 * ```ts
 * import { SessionAnalysis } from '@observatory/core';
 * const analysis: SessionAnalysis = SessionAnalysis.parse({
 *   summary: 'The user asked for a refund; the bot explained the policy.',
 *   sentiment: 'neutral', resolution: 'resolved', urgency: 'low', classificationTags: ['refund'],
 * });
 * ```
 */
export const SessionAnalysis = z.looseObject({
  summary: z.string().optional(),
  sentiment: z.string().optional(),
  resolution: z.string().optional(),
  urgency: z.string().optional(),
  classificationTags: z.array(z.string()).optional(),
});
/** @see {@link SessionAnalysis} */
export type SessionAnalysis = z.infer<typeof SessionAnalysis>;

/**
 * A recorded conversation of one agent with one contact: transcript, interaction log, variable snapshots and
 * metadata. Times are UTC instants; `durationMs` is milliseconds.
 *
 * @example
 * ```ts
 * import { Session } from '@observatory/core';
 * const session = Session.parse({
 *   id: 's1', agentId: 'faq-bot', deployment: { id: 'web', name: 'Webchat Production' },
 *   contact: { id: 'user-42' }, channel: 'webchat', status: 'COMPLETED',
 *   createdAt: '2026-11-25T10:00:00.000Z', durationMs: 60_000, tags: ['billing'],
 *   messages: [{ id: 'm1', role: 'user', text: 'Hi', createdAt: '2026-11-25T10:00:00.000Z' }],
 * });
 * ```
 */
export const Session = z.looseObject({
  id: z.string().min(1),
  /** The agent (the platform's "tenant") that handled the session. */
  agentId: z.string().min(1),
  agentName: z.string().optional(),
  organizationId: z.string().optional(),
  deployment: Deployment.nullable().default(null),
  contact: Contact,
  /** Channel / platform origin, e.g. `webchat`, `whatsapp`, `voice`. */
  channel: z.string().default('unknown'),
  status: SessionStatus.default('ACTIVE'),
  language: z.string().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime.optional(),
  durationMs: z.number().int().nonnegative().default(0),
  tags: z.array(z.string()).default([]),
  messages: z.array(Message).default([]),
  /** Interaction log steps, each tied to the user message whose workflow run produced it. */
  interactions: z.array(TraceStep).default([]),
  /** One snapshot per user message plus a final one (`messageId: null`). */
  variableSnapshots: z.array(VariableSnapshot).default([]),
  csatSurveys: z.array(CsatSurvey).default([]),
  liveChats: z.array(LiveChat).default([]),
  tickets: z.array(Ticket).default([]),
  analysis: SessionAnalysis.optional(),
});
/** @see {@link Session} */
export type Session = z.infer<typeof Session>;
/**
 * The input shape of {@link Session}: defaults may be omitted.
 *
 * @example
 * ```ts
 * import { Session, type SessionInput } from '@observatory/core';
 * const input: SessionInput = {
 *   id: 's1', agentId: 'faq-bot', contact: { id: 'user-42' }, createdAt: '2026-11-25T10:00:00.000Z',
 * };
 * const session: Session = Session.parse(input); // status 'ACTIVE', messages [] and other defaults filled in
 * ```
 */
export type SessionInput = z.input<typeof Session>;
