import { z } from 'zod';
import { WireDateTime } from './wire-date.js';

/**
 * One interaction-log step from hbf-data-manager (the spec's `InteractionMetadataDto`).
 *
 * @example
 * ```ts
 * import { InteractionMetadataDto } from '@observatory/core';
 * InteractionMetadataDto.parse({
 *   id: 'i1', hbfEventId: 'm1', sessionId: 's1', timestamp: '2026-11-25T10:00:01Z', type: 'LLM_REQUEST', payload: {},
 * });
 * ```
 */
export const InteractionMetadataDto = z.looseObject({
  id: z.string(),
  hbfEventId: z.string(),
  sessionId: z.string(),
  timestamp: WireDateTime,
  type: z.string(),
  friendlyName: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  hasError: z.boolean().optional(),
  duration: z.number().optional(),
});
/** @see {@link InteractionMetadataDto} */
export type InteractionMetadataDto = z.infer<typeof InteractionMetadataDto>;

/**
 * The spec's `ListInteractionMetadataResponseDto`: `{ items }`.
 *
 * @example
 * ```ts
 * import { ListInteractionMetadataResponseDto } from '@observatory/core';
 * ListInteractionMetadataResponseDto.parse({ items: [] });
 * ```
 */
export const ListInteractionMetadataResponseDto = z.looseObject({ items: z.array(InteractionMetadataDto) });
/** @see {@link ListInteractionMetadataResponseDto} */
export type ListInteractionMetadataResponseDto = z.infer<typeof ListInteractionMetadataResponseDto>;

/**
 * One variable value in a snapshot (the spec's `VariableRecordDto`).
 *
 * @example
 * ```ts
 * import { VariableRecordDto } from '@observatory/core';
 * VariableRecordDto.parse({ key: 'missedQuestionsCount', value: 1, updatedAt: '2026-11-25T10:00:01Z' });
 * ```
 */
export const VariableRecordDto = z.looseObject({
  key: z.string(),
  /** The spec types it `object`, nullable; any JSON value is kept as sent. */
  value: z.unknown(),
  updatedAt: WireDateTime,
});
/** @see {@link VariableRecordDto} */
export type VariableRecordDto = z.infer<typeof VariableRecordDto>;

/**
 * The session's variables as they stood after one event (the spec's `LatestVariablesResponseDto`).
 *
 * @example
 * ```ts
 * import { LatestVariablesResponseDto } from '@observatory/core';
 * LatestVariablesResponseDto.parse({ hbfEventId: 'm1', sessionId: 's1', variablesCount: 0, variables: [] });
 * ```
 */
export const LatestVariablesResponseDto = z.looseObject({
  hbfEventId: z.string(),
  sessionId: z.string(),
  variablesCount: z.number(),
  variables: z.array(VariableRecordDto),
});
/** @see {@link LatestVariablesResponseDto} */
export type LatestVariablesResponseDto = z.infer<typeof LatestVariablesResponseDto>;
