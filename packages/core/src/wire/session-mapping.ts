import { Session } from '../model/session.js';
import type { TraceStep, VariableSnapshot } from '../model/trace.js';
import { toUtc } from './internal/to-utc.js';
import { messageFromWire, messageToWire } from './message-mapping.js';
import type { ChatSessionDto, LiveChatSessionDto } from './session-dto.js';

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
 * Maps a wire `ChatSessionDto` to a core {@link Session}: agentId ← tenantId (or tenant.id), deployment ←
 * metadata.deploymentId/Name, contact ← subscriberHandle + metadata.subscriberName/Email, channel ←
 * metadata.deploymentPlatform ?? platformOrigin, durationMs ← duration, analysis ← summary/sentiment/resolution/
 * urgency/features. `createdAt` falls back to `lastInteraction`; with neither, validation fails at `createdAt`.
 * Throws a ZodError when the result is not a valid Session.
 *
 * @example
 * ```ts
 * import { sessionFromWire } from '@observatory/core';
 * const session = sessionFromWire({
 *   id: 's1', tenantId: 'faq-bot', subscriberHandle: 'user-42', createdAt: '2026-11-25T10:00:00Z',
 * });
 * ```
 */
export function sessionFromWire(dto: ChatSessionDto, extras: SessionWireExtras = {}): Session {
  const sessionId = dto.id ?? '';
  const metadata = dto.metadata ?? {};
  const createdAt = dto.createdAt ?? dto.lastInteraction;
  return Session.parse({
    id: dto.id,
    agentId: dto.tenantId ?? dto.tenant?.id,
    agentName: dto.tenant?.displayName,
    deployment:
      metadata.deploymentId === undefined
        ? null
        : { id: metadata.deploymentId, name: metadata.deploymentName ?? metadata.deploymentId },
    contact: { id: dto.subscriberHandle, name: metadata.subscriberName, email: metadata.subscriberEmail },
    channel: metadata.deploymentPlatform ?? metadata.platformOrigin,
    status: dto.status,
    language: dto.language,
    createdAt: createdAt === undefined ? undefined : toUtc(createdAt),
    updatedAt: dto.updatedAt === undefined ? undefined : toUtc(dto.updatedAt),
    durationMs: dto.duration === undefined ? undefined : Math.round(dto.duration),
    tags: dto.tags,
    messages: dto.messages?.map((message, index) => messageFromWire(message, sessionId, index)),
    interactions: extras.interactions,
    variableSnapshots: extras.variableSnapshots,
    csatSurveys: dto.csatSurveys?.map((survey) => ({
      id: survey.id,
      name: survey.name,
      status: survey.status,
      scores: survey.sectionsScore,
    })),
    liveChats: dto.liveChats?.map((chat) => ({
      conversationId: chat.conversationId,
      lastEventType: chat.liveChatEventType,
      agents: chat.agents,
      durationMs: chat.duration,
      waitingTimeMs: chat.waitingTime,
    })),
    tickets: dto.tickets,
    analysis: analysisFromWire(dto),
  });
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
  const last = session.messages.at(-1);
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
    lastInteraction: last?.createdAt ?? session.createdAt,
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
  if (session.agentName !== undefined) dto.tenant = { id: session.agentId, displayName: session.agentName };
  if (session.language !== undefined) dto.language = session.language;
  if (session.updatedAt !== undefined) dto.updatedAt = session.updatedAt;
  if (session.tickets.length > 0) dto.tickets = session.tickets;
  if (options.includeMessages ?? true) dto.messages = session.messages.map(messageToWire);
  if (options.includeLiveChats ?? true) dto.liveChats = session.liveChats.map(liveChatToWire);
  if ((options.includeSummary ?? true) && session.analysis)
    Object.assign(dto, analysisToWire(session.analysis));
  return dto;
}

function liveChatToWire(chat: Session['liveChats'][number]): LiveChatSessionDto {
  const dto: LiveChatSessionDto = { agents: [...chat.agents] };
  if (chat.conversationId !== undefined) dto.conversationId = chat.conversationId;
  if (chat.lastEventType !== undefined) dto.liveChatEventType = chat.lastEventType;
  if (chat.durationMs !== undefined) dto.duration = chat.durationMs;
  if (chat.waitingTimeMs !== undefined) dto.waitingTime = chat.waitingTimeMs;
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
