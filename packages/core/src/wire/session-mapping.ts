import { sessionLastActivity } from '../model/last-activity.js';
import { Session } from '../model/session.js';
import type { TraceStep, VariableSnapshot } from '../model/trace.js';
import { atLeastZero, EPOCH, present, UNKNOWN } from './internal/answer-fallbacks.js';
import { toUtc } from './internal/to-utc.js';
import { messageFieldsFromWire, messageFromWire, messageToWire } from './message-mapping.js';
import type { ChatSessionDto, ChatSessionMessageDto, LiveChatSessionDto } from './session-dto.js';

/**
 * What the wire session does not carry: the interaction log and variable snapshots come from hbf-data-manager.
 *
 * @example
 * ```ts
 * import { type SessionWireExtras, sessionFromWire, TraceStep } from '@observatory/core';
 * const extras: SessionWireExtras = {
 *   interactions: [
 *     TraceStep.parse({ id: 'st1', messageId: 'm1', type: 'node', timestamp: '2026-11-25T10:00:01.000Z' }),
 *   ],
 * };
 * const dto = { id: 's1', tenantId: 'faq-bot', subscriberHandle: 'u1', createdAt: '2026-11-25T10:00:00Z' };
 * const session = sessionFromWire(dto, extras);
 * ```
 */
export interface SessionWireExtras {
  readonly interactions?: readonly TraceStep[];
  readonly variableSnapshots?: readonly VariableSnapshot[];
}

/**
 * Reading a platform answer rather than a write: what {@link sessionFromWire} fills in where the answer leaves out
 * what the model needs. `id` is the session id to use when the answer has none (the id asked for, or a position;
 * `''` when none was: then `unknown`).
 *
 * @example
 * ```ts
 * import { type SessionAnswerContext, sessionFromWire } from '@observatory/core';
 * const asked: SessionAnswerContext = { id: 's1' };
 * sessionFromWire({ subscriberHandle: 'u1' }, {}, asked); // id 's1', agentId 'unknown', createdAt the epoch
 * ```
 */
export interface SessionAnswerContext {
  readonly id: string;
}

/**
 * Maps a wire `ChatSessionDto` to a core {@link Session}: agentId ← tenantId (or tenant.id), deployment ←
 * metadata.deploymentId/Name, contact ← subscriberHandle + metadata.subscriberName/Email, channel ←
 * metadata.deploymentPlatform ?? platformOrigin, durationMs ← duration, analysis ← summary/sentiment/resolution/
 * urgency/features. `createdAt` falls back to `lastInteraction`.
 *
 * Without `answer` (a write: the local server's ingest) a missing id, agent or date throws a ZodError. With it
 * (reading an answer, which the spec lets leave nearly everything out) nothing schema-valid is refused: an empty or
 * missing id is `answer.id` (`unknown` when that is `''`, e.g. a create that gave none), agent and contact `unknown`, `createdAt` falls back to `lastInteraction`, `updatedAt`,
 * the first message's date and then the Unix epoch; a message without date takes the one before it (the first,
 * `createdAt`); a CSAT survey without id is `<session id>#csat<n>`; a negative duration is 0.
 *
 * @example
 * ```ts
 * import { sessionFromWire } from '@observatory/core';
 * const session = sessionFromWire({
 *   id: 's1', tenantId: 'faq-bot', subscriberHandle: 'user-42', createdAt: '2026-11-25T10:00:00Z',
 * });
 * ```
 */
export function sessionFromWire(
  dto: ChatSessionDto,
  extras: SessionWireExtras = {},
  answer?: SessionAnswerContext,
): Session {
  if (answer !== undefined)
    return parseOnce((mapMessage) => sessionFromAnswer(dto, extras, answer, mapMessage));
  const sessionId = dto.id ?? '';
  const createdAt = dto.createdAt ?? dto.lastInteraction;
  return parseOnce((mapMessage) => ({
    ...commonFields(dto, extras),
    id: dto.id,
    agentId: dto.tenantId ?? dto.tenant?.id,
    contact: contactFromWire(dto, dto.subscriberHandle),
    createdAt: createdAt === undefined ? undefined : toUtc(createdAt),
    durationMs: dto.duration,
    messages: dto.messages?.map((message, index) => mapMessage(message, sessionId, index)),
    csatSurveys: dto.csatSurveys?.map((survey) => csatFromWire(survey, survey.id)),
    liveChats: dto.liveChats?.map((chat) => liveChatFromWire(chat, chat.duration, chat.waitingTime)),
  }));
}

/** How a session's mapping maps one message: validated alone, or only mapped (validated with the session). */
type MapMessage = (
  dto: ChatSessionMessageDto,
  sessionId: string,
  index: number,
  answer?: { readonly fallbackDate: string },
) => { readonly createdAt?: unknown };

/**
 * Validates a session mapped by `build` once, its messages with it. Should that fail (or the mapping throw), the
 * mapping runs again as it always has, each message validated alone as it is mapped, and throws that error: the
 * first invalid message's own (paths from the message), else the session's.
 */
function parseOnce(build: (mapMessage: MapMessage) => Record<string, unknown>): Session {
  let parsed: ReturnType<typeof Session.safeParse> | undefined;
  try {
    parsed = Session.safeParse(build(messageFieldsFromWire));
  } catch {
    parsed = undefined;
  }
  return parsed?.success ? parsed.data : Session.parse(build(messageFromWire));
}

function sessionFromAnswer(
  dto: ChatSessionDto,
  extras: SessionWireExtras,
  answer: SessionAnswerContext,
  mapMessage: MapMessage,
) {
  const sessionId = present(dto.id) ?? present(answer.id) ?? UNKNOWN;
  const firstDate = dto.messages?.find((message) => message.date !== undefined)?.date;
  const createdAt = toUtc(dto.createdAt ?? dto.lastInteraction ?? dto.updatedAt ?? firstDate ?? EPOCH);
  let previousDate = createdAt;
  return {
    ...commonFields(dto, extras),
    id: sessionId,
    agentId: present(dto.tenantId) ?? present(dto.tenant?.id) ?? UNKNOWN,
    contact: contactFromWire(dto, present(dto.subscriberHandle) ?? UNKNOWN),
    createdAt,
    durationMs: atLeastZero(dto.duration),
    messages: dto.messages?.map((message, index) => {
      const mapped = mapMessage(message, sessionId, index, { fallbackDate: previousDate });
      previousDate = mapped.createdAt as string;
      return mapped;
    }),
    csatSurveys: dto.csatSurveys?.map((survey, index) =>
      csatFromWire(survey, present(survey.id) ?? `${sessionId}#csat${index}`),
    ),
    liveChats: dto.liveChats?.map((chat) =>
      liveChatFromWire(chat, atLeastZero(chat.duration), atLeastZero(chat.waitingTime)),
    ),
  };
}

function commonFields(dto: ChatSessionDto, extras: SessionWireExtras) {
  const metadata = dto.metadata ?? {};
  return {
    agentName: dto.tenant?.displayName,
    deployment:
      present(metadata.deploymentId) === undefined
        ? null
        : { id: metadata.deploymentId, name: metadata.deploymentName ?? metadata.deploymentId },
    channel: metadata.deploymentPlatform ?? metadata.platformOrigin,
    status: dto.status,
    language: dto.language,
    updatedAt: dto.updatedAt === undefined ? undefined : toUtc(dto.updatedAt),
    tags: dto.tags,
    interactions: extras.interactions,
    variableSnapshots: extras.variableSnapshots,
    tickets: dto.tickets,
    analysis: analysisFromWire(dto),
  };
}

function contactFromWire(dto: ChatSessionDto, id: string) {
  return { id, name: dto.metadata?.subscriberName, email: dto.metadata?.subscriberEmail };
}

function csatFromWire(survey: NonNullable<ChatSessionDto['csatSurveys']>[number], id: string) {
  return { id, name: survey.name, status: survey.status, scores: survey.sectionsScore };
}

function liveChatFromWire(chat: LiveChatSessionDto, durationMs?: number, waitingTimeMs?: number) {
  return {
    conversationId: chat.conversationId,
    lastEventType: chat.liveChatEventType,
    agents: chat.agents,
    durationMs,
    waitingTimeMs,
  };
}

/**
 * Options of {@link sessionToWire}: which optional parts to include (all by default).
 *
 * @example
 * ```ts
 * import { type SessionToWireOptions, sessionToWire } from '@observatory/core';
 * const listItem: SessionToWireOptions = { includeMessages: false, includeLiveChats: false };
 * const dto = sessionToWire(session, listItem); // no `messages` or `liveChats` in the DTO
 * ```
 */
export interface SessionToWireOptions {
  readonly includeMessages?: boolean;
  readonly includeLiveChats?: boolean;
  readonly includeSummary?: boolean;
}

/**
 * Maps a core {@link Session} to the wire `ChatSessionDto` (what the local server answers). Interactions and
 * variable snapshots are not part of it (hbf-data-manager serves them); `tickets` travels as an extension.
 *
 * @example
 * ```ts
 * import { Session, sessionToWire } from '@observatory/core';
 * const dto = sessionToWire(Session.parse({ id: 's1', agentId: 'faq-bot', contact: { id: 'u1' }, createdAt: '2026-11-25T10:00:00.000Z' }), { includeMessages: false });
 * ```
 */
export function sessionToWire(session: Session, options: SessionToWireOptions = {}): ChatSessionDto {
  const userMessages = session.messages.filter((message) => message.role === 'user').length;
  const dto: ChatSessionDto = {
    id: session.id,
    tenantId: session.agentId,
    subscriberHandle: session.contact.id,
    containsUserInteraction: userMessages > 0,
    userInteractionCount: userMessages,
    messageCount: session.messages.length,
    duration: session.durationMs,
    status: session.status,
    tags: [...session.tags],
    createdAt: session.createdAt,
    lastInteraction: sessionLastActivity(session),
    csatSurveys: session.csatSurveys.map((survey) => ({
      id: survey.id,
      status: survey.status,
      ...(survey.name === undefined ? {} : { name: survey.name }),
      ...(survey.scores === undefined ? {} : { sectionsScore: survey.scores }),
    })),
    metadata: {
      deploymentPlatform: session.channel,
      ...(session.deployment
        ? { deploymentId: session.deployment.id, deploymentName: session.deployment.name }
        : {}),
      ...(session.contact.name === undefined ? {} : { subscriberName: session.contact.name }),
      ...(session.contact.email === undefined ? {} : { subscriberEmail: session.contact.email }),
    },
  };
  // The spec's TenantDto requires a 1–240 character displayName and these four: sent empty, as nothing is known.
  if (session.agentName)
    dto.tenant = {
      id: session.agentId,
      displayName: session.agentName.slice(0, 240),
      powerups: [],
      settings: {},
      systemSettings: {},
      tags: [],
    };
  if (session.language !== undefined) dto.language = session.language;
  if (session.updatedAt !== undefined) dto.updatedAt = session.updatedAt;
  if (session.tickets.length > 0) dto.tickets = session.tickets;
  if (options.includeMessages ?? true) dto.messages = session.messages.map(messageToWire);
  if (options.includeLiveChats ?? true)
    dto.liveChats = session.liveChats.map((chat) => liveChatToWire(chat, session));
  if ((options.includeSummary ?? true) && session.analysis)
    Object.assign(dto, analysisToWire(session.analysis));
  return dto;
}

// The spec's LiveChatSession requires seven fields, four of which core does not hold: each is derived from the
// session's messages (its last LiveChat event, its last END_USER / any LiveChat sender message), else a neutral
// value. Reading a session back keeps only what core holds.
function liveChatToWire(chat: Session['liveChats'][number], session: Session): LiveChatSessionDto {
  const messages = session.messages;
  const lastEvent = messages.findLast((message) => message.event?.type === 'livechat')?.event;
  const lastSent = messages.findLast((message) => message.liveChatSender !== undefined);
  const lastEndUser =
    messages.findLast((message) => message.liveChatSender === 'END_USER') ??
    messages.findLast((message) => message.role === 'user');
  const dto: LiveChatSessionDto = {
    agents: [...chat.agents],
    liveChatEventType:
      chat.lastEventType ??
      (lastEvent?.type === 'livechat' ? lastEvent.liveChatEventType : 'LIVECHAT_REQUESTED'),
    duration: Math.round(chat.durationMs ?? 0),
    updatedAt: messages.at(-1)?.createdAt ?? session.createdAt,
    lastEndUserMessageAt: lastEndUser?.createdAt ?? session.createdAt,
    lastSender: lastSent?.liveChatSender ?? 'END_USER',
    responseTime: [],
  };
  if (chat.conversationId !== undefined) dto.conversationId = chat.conversationId;
  if (chat.waitingTimeMs !== undefined) dto.waitingTime = Math.round(chat.waitingTimeMs);
  return dto;
}

function analysisFromWire(dto: ChatSessionDto): Session['analysis'] {
  const { summary, sentiment, resolution, urgency, features } = dto;
  if ([summary, sentiment, resolution, urgency, features].every((value) => value === undefined))
    return undefined;
  // The platform's `features` map is free-form; only a string list under `classificationTags` is understood.
  const tags = features?.classificationTags;
  const classificationTags =
    Array.isArray(tags) && tags.every((tag) => typeof tag === 'string') ? (tags as string[]) : undefined;
  return { summary, sentiment, resolution, urgency, classificationTags } as Session['analysis'];
}

function analysisToWire(analysis: NonNullable<Session['analysis']>): Partial<ChatSessionDto> {
  const out: Partial<ChatSessionDto> = {};
  if (analysis.summary !== undefined) out.summary = analysis.summary;
  if (analysis.sentiment !== undefined) out.sentiment = analysis.sentiment;
  if (analysis.resolution !== undefined) out.resolution = analysis.resolution;
  if (analysis.urgency !== undefined) out.urgency = analysis.urgency;
  if (analysis.classificationTags !== undefined)
    out.features = { classificationTags: analysis.classificationTags };
  return out;
}
