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
export const Deployment = z.looseObject({
  /** The deployment's id. */
  id: z.string().min(1),
  /** Its display name, e.g. `Website widget`. */
  name: z.string(),
});
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
  /** The contact's id on its channel (the platform's subscriber handle). */
  id: z.string().min(1),
  /** Display name, when the channel gives one. */
  name: z.string().optional(),
  /** Email address, when the contact gave one. */
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
  /** The survey's id. */
  id: z.string().min(1),
  /** The survey's name, when known. */
  name: z.string().optional(),
  /** `PRESENTED` (shown), `ANSWERED`, or another status the platform sends, kept as sent. */
  status: openEnum(CsatStatus),
  /** Score of each answered section, by section name. */
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
  /** The conversation's id in the LiveChat system. */
  conversationId: z.string().optional(),
  /** The last LiveChat event of the handoff, e.g. `LIVECHAT_REQUEST_ACCEPTED`. */
  lastEventType: LiveChatEventType.optional(),
  /** The human agents who took part. */
  agents: z.array(z.string()).default([]),
  /** How long the live conversation lasted, in milliseconds. */
  durationMs: z.number().nonnegative().optional(),
  /** How long the contact waited for a human agent, in milliseconds. */
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
  /** The ticket's id in the ticketing system. */
  id: z.string().min(1),
  /** Its title. */
  name: z.string().optional(),
  /** Its description. */
  description: z.string().optional(),
  /** Where to open it. */
  url: z.string().optional(),
  /** When it was opened. */
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
  /** A short summary of the conversation. */
  summary: z.string().optional(),
  /** The contact's sentiment, e.g. `positive`. */
  sentiment: z.string().optional(),
  /** Whether and how the request was resolved. */
  resolution: z.string().optional(),
  /** How urgent the request was. */
  urgency: z.string().optional(),
  /** Topics the conversation was classified under. */
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
  /** The session's id. */
  id: z.string().min(1),
  /** The agent (the platform's "tenant") that handled the session. */
  agentId: z.string().min(1),
  /** The agent's display name, when the server sends it. */
  agentName: z.string().optional(),
  /** The organization (workspace) the session belongs to. */
  organizationId: z.string().optional(),
  /** The deployment (channel instance) it came through; `null` when unknown. */
  deployment: Deployment.nullable().default(null),
  /** Who talked to the agent. */
  contact: Contact,
  /** Channel / platform origin, e.g. `webchat`, `whatsapp`, `voice`. */
  channel: z.string().default('unknown'),
  /** `ACTIVE` while it may go on, `COMPLETED` once closed. */
  status: SessionStatus.default('ACTIVE'),
  /** Language code of the conversation, e.g. `en`. */
  language: z.string().optional(),
  /** When it started, an ISO 8601 UTC instant: what ranges and sorting use. */
  createdAt: IsoDateTime,
  /** When it last changed. */
  updatedAt: IsoDateTime.optional(),
  /** From its first to its last message, in milliseconds. */
  durationMs: z.number().int().nonnegative().default(0),
  /** Labels given to the session (e.g. `escalated`). */
  tags: z.array(z.string()).default([]),
  /** The transcript, oldest first: user and agent messages and events. */
  messages: z.array(Message).default([]),
  /** Interaction log steps, each tied to the user message whose workflow run produced it. */
  interactions: z.array(TraceStep).default([]),
  /** One snapshot per user message plus a final one (`messageId: null`). */
  variableSnapshots: z.array(VariableSnapshot).default([]),
  /** CSAT surveys shown in it, answered or not. */
  csatSurveys: z.array(CsatSurvey).default([]),
  /** Handoffs to a human agent. */
  liveChats: z.array(LiveChat).default([]),
  /** Tickets opened from it. */
  tickets: z.array(Ticket).default([]),
  /** The platform's analysis of the conversation, when it made one. */
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
