import {
  AnalyticsMissedQuestionsDto,
  ChatSessionBatchSetStatusCompletedDto,
  ChatSessionDto,
  ChatSessionMessageDto,
  ChatSessionMessageRequestDto,
  ChatSessionRequestDto,
  ChatSessionTranscriptDto,
  ChatSessionVariableMappingDto,
  InteractionMetadataDto,
  LatestVariablesResponseDto,
  ListInteractionMetadataResponseDto,
  MissedQuestionCreateDto,
  MissedQuestionDto,
  MissedQuestionOccurrenceDto,
  PagedChatSessionResponse,
  PagedMissedQuestionResponse,
  TagDto,
} from '@observatory/core';
import { z } from 'zod';
import { OPERATIONS, type ParamType, ref } from './openapi-operations.js';

const SCHEMAS: Record<string, z.ZodType> = {
  ChatSessionDto,
  ChatSessionMessageDto,
  PagedChatSessionResponse,
  MissedQuestionDto,
  MissedQuestionCreateDto,
  MissedQuestionOccurrenceDto,
  PagedMissedQuestionResponse,
  AnalyticsMissedQuestionsDto,
  InteractionMetadataDto,
  ListInteractionMetadataResponseDto,
  LatestVariablesResponseDto,
  ChatSessionRequestDto,
  ChatSessionMessageRequestDto,
  ChatSessionVariableMappingDto,
  ChatSessionBatchSetStatusCompletedDto,
  ChatSessionTranscriptDto,
  TagDto,
};

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: { type: 'string' },
    expected: { type: 'string' },
    stored: { type: 'string' },
    agents: { type: 'array', items: { type: 'string' } },
    issues: { type: 'array', items: { type: 'object' } },
  },
};

function paramSchema(type: ParamType): Record<string, unknown> {
  if (type === 'date-time') return { type: 'string', format: 'date-time' };
  if (type === 'string[]') return { type: 'array', items: { type: 'string' } };
  return { type };
}

const schemaOf = (schema: string | Record<string, unknown>) =>
  typeof schema === 'string' ? ref(schema) : schema;

/**
 * The server's OpenAPI 3.1 document: paths from one table, schemas generated from core's wire zod schemas (so
 * they cannot drift from what the routes validate and answer), errors as `application/problem+json`.
 *
 * @example
 * ```ts
 * const doc = openApiDocument();
 * console.log(Object.keys(doc.paths));
 * ```
 */
export function openApiDocument(): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: PROBLEM };
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
    schemas[name] = json;
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = Object.entries(op.query ?? {}).map(([name, type]) => ({
      name,
      in: 'query',
      required: false,
      schema: paramSchema(type),
    }));
    const success =
      op.response.schema !== undefined
        ? { description: 'OK', content: { 'application/json': { schema: schemaOf(op.response.schema) } } }
        : op.response.type !== undefined
          ? {
              description: 'OK',
              content: { [op.response.type]: { schema: { type: 'string', format: 'binary' } } },
            }
          : { description: 'OK' };
    const problemResponse = {
      description: 'Problem',
      content: { 'application/problem+json': { schema: ref('Problem') } },
    };
    const item = paths[op.path] ?? {};
    paths[op.path] = item;
    item[op.method] = {
      ...(op.operationId === undefined ? {} : { operationId: op.operationId }),
      summary: op.summary,
      parameters: [...pathParams, ...queryParams],
      ...(op.body === undefined
        ? {}
        : {
            requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body) } } },
          }),
      responses: {
        [op.response.status]: success,
        400: problemResponse,
        401: problemResponse,
        403: problemResponse,
        404: problemResponse,
        ...(op.method === 'get' ? {} : { 409: problemResponse }),
        413: problemResponse,
        503: {
          ...problemResponse,
          description: 'Problem; the store is unavailable or at capacity (see Retry-After)',
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Observatory (local server)',
      version: '0.1.0',
      description: "The platform's Observatory API over a local store; see packages/server/README.md.",
    },
    components: { schemas, securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
