import { TraceStep, VariableSnapshot } from '../model/trace.js';
import type { InteractionMetadataDto, LatestVariablesResponseDto } from './interaction-dto.js';
import { atLeastZero, present, UNKNOWN } from './internal/answer-fallbacks.js';
import { toUtc } from './internal/to-utc.js';

// The platform names LLM calls `LLM_REQUEST`; every other type is the core name upper-cased.
const LLM_WIRE_TYPE = 'LLM_REQUEST';

/**
 * Maps an hbf-data-manager `InteractionMetadataDto` to a core {@link TraceStep}: messageId ← hbfEventId, type
 * lower-cased (`LLM_REQUEST` → `llm`), name ← friendlyName, durationMs ← duration. Without `answer` an empty id,
 * event id or type throws a ZodError. With it (reading an answer, where the spec allows `''`) an empty id is
 * `<event id>#<answer.position>`, an empty event id `answer.messageId`, an empty type `unknown`, and a negative
 * duration 0.
 *
 * @example
 * ```ts
 * import { traceStepFromWire } from '@observatory/core';
 * traceStepFromWire({ id: 'i1', hbfEventId: 'm1', sessionId: 's1', timestamp: '2026-11-25T10:00:01Z', type: 'LLM_REQUEST', payload: {} });
 * ```
 */
export function traceStepFromWire(
  dto: InteractionMetadataDto,
  answer?: { readonly messageId: string; readonly position: number },
): TraceStep {
  const messageId = answer === undefined ? dto.hbfEventId : (present(dto.hbfEventId) ?? answer.messageId);
  const type = answer === undefined ? dto.type : (present(dto.type) ?? UNKNOWN);
  return TraceStep.parse({
    id: answer === undefined ? dto.id : (present(dto.id) ?? `${messageId}#${answer.position}`),
    messageId,
    type: type === LLM_WIRE_TYPE ? 'llm' : type.toLowerCase(),
    name: dto.friendlyName,
    timestamp: toUtc(dto.timestamp),
    durationMs: answer === undefined ? dto.duration : atLeastZero(dto.duration),
    hasError: dto.hasError,
    payload: dto.payload,
  });
}

/**
 * A step of an organization's interaction log, with the session it was recorded in.
 *
 * @example
 * ```ts
 * const step: LoggedTraceStep = { id: 'i1', messageId: 'm1', sessionId: 's1', type: 'llm', timestamp: '2026-11-25T10:00:01.000Z', payload: {} };
 * ```
 */
export type LoggedTraceStep = TraceStep & { readonly sessionId: string };

/**
 * Maps one step of an answer listing the organization's interaction log (hbf-data-manager's
 * `InteractionsController_list`), the `position`-th of the answer, to a {@link LoggedTraceStep}. Nothing
 * schema-valid is refused: an empty event id or session id is `unknown`, an empty id `<event id>#<position>`, an
 * empty type `unknown`, a negative duration 0.
 *
 * @example
 * ```ts
 * import { loggedTraceStepFromWire } from '@observatory/core';
 * loggedTraceStepFromWire({ id: 'i1', hbfEventId: 'm1', sessionId: 's1', timestamp: '2026-11-25T10:00:01Z', type: 'NODE', payload: {} }, 0);
 * ```
 */
export function loggedTraceStepFromWire(dto: InteractionMetadataDto, position: number): LoggedTraceStep {
  const step = traceStepFromWire(dto, { messageId: UNKNOWN, position });
  return { ...step, sessionId: present(dto.sessionId) ?? UNKNOWN };
}

/**
 * Maps a core {@link TraceStep} of session `sessionId` to an hbf-data-manager `InteractionMetadataDto`.
 *
 * @example
 * ```ts
 * import { traceStepToWire } from '@observatory/core';
 * traceStepToWire({ id: 'i1', messageId: 'm1', type: 'llm', timestamp: '2026-11-25T10:00:01.000Z', payload: {} }, 's1');
 * ```
 */
export function traceStepToWire(step: TraceStep, sessionId: string): InteractionMetadataDto {
  const dto: InteractionMetadataDto = {
    id: step.id,
    hbfEventId: step.messageId,
    sessionId,
    timestamp: step.timestamp,
    type: step.type === 'llm' ? LLM_WIRE_TYPE : step.type.toUpperCase(),
    payload: step.payload,
  };
  if (step.name !== undefined) dto.friendlyName = step.name;
  if (step.hasError !== undefined) dto.hasError = step.hasError;
  if (step.durationMs !== undefined) dto.duration = step.durationMs;
  return dto;
}

/**
 * Maps an hbf-data-manager `LatestVariablesResponseDto` to a core {@link VariableSnapshot}. The wire carries no
 * snapshot time: `takenAt` is the latest variable `updatedAt`, or `fallbackTakenAt` (e.g. the message's time)
 * when there are no variables.
 *
 * @example
 * ```ts
 * import { variableSnapshotFromWire } from '@observatory/core';
 * variableSnapshotFromWire({ hbfEventId: 'm1', sessionId: 's1', variablesCount: 0, variables: [] }, '2026-11-25T10:00:00.000Z');
 * ```
 */
export function variableSnapshotFromWire(
  dto: LatestVariablesResponseDto,
  fallbackTakenAt: string,
): VariableSnapshot {
  let latest: string | undefined;
  const variables: Record<string, unknown> = {};
  for (const record of dto.variables) {
    variables[record.key] = record.value;
    const at = toUtc(record.updatedAt);
    if (latest === undefined || at > latest) latest = at;
  }
  return VariableSnapshot.parse({ messageId: dto.hbfEventId, takenAt: latest ?? fallbackTakenAt, variables });
}

/**
 * Maps a core {@link VariableSnapshot} to an hbf-data-manager `LatestVariablesResponseDto` for event
 * `hbfEventId` (defaults to the snapshot's `messageId`); every variable carries the snapshot time as `updatedAt`.
 *
 * @example
 * ```ts
 * import { variableSnapshotToWire } from '@observatory/core';
 * variableSnapshotToWire({ messageId: 'm1', takenAt: '2026-11-25T10:00:01.000Z', variables: { a: 1 } }, 's1');
 * ```
 */
export function variableSnapshotToWire(
  snapshot: VariableSnapshot,
  sessionId: string,
  hbfEventId: string = snapshot.messageId ?? '',
): LatestVariablesResponseDto {
  const variables = Object.entries(snapshot.variables).map(([key, value]) => ({
    key,
    value,
    updatedAt: snapshot.takenAt,
  }));
  return { hbfEventId, sessionId, variablesCount: variables.length, variables };
}
