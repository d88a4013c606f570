import { ObservatoryInputError } from '@observatory/core';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { AmbiguousSessionError, ConflictError, ObservatoryServerError } from '../errors.js';

/**
 * An RFC 9457 problem document, the body of every error response (`application/problem+json`).
 *
 * @example
 * ```ts
 * const problem: Problem = { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid pageSize', field: 'pageSize' };
 * ```
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The input at fault (a query parameter, or a dotted path into the body). */
  readonly field?: string;
  /** What was expected there. */
  readonly expected?: string;
  /** On a 409: the stored value the request conflicts with, when the caller may see it. */
  readonly stored?: string;
  /** On a 409 for a session id several agents hold: those agents (within the caller's scope); choose with `tenantId`. */
  readonly agents?: readonly string[];
  /** Each validation issue, for bodies checked with zod. */
  readonly issues?: ReadonlyArray<{ path: string; message: string }>;
  readonly requestId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The one place errors become problems: input errors (core's `ObservatoryInputError`, zod issues, malformed
 * JSON) are 400s naming the field, server errors keep their status, anything unexpected is a 500 whose detail
 * reveals nothing of the internals.
 *
 * @example
 * ```ts
 * toProblem(new ObservatoryInputError('pageSize', 'an integer from 1 to 1000', 0)).status; // 400
 * ```
 */
export function toProblem(error: unknown): Problem {
  if (error instanceof ObservatoryInputError) {
    return problem(400, error.message, { field: error.field, expected: error.expected });
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = issues[0];
    return problem(400, first ? `Invalid ${first.path || 'body'}: ${first.message}` : 'Invalid body', {
      field: first?.path || 'body',
      issues,
    });
  }
  if (error instanceof ConflictError) {
    const stored = error.stored === undefined ? {} : { stored: error.stored };
    const agents = error instanceof AmbiguousSessionError ? { agents: error.agents } : {};
    return problem(error.status, error.message, {
      field: error.field,
      expected: error.expected,
      ...stored,
      ...agents,
    });
  }
  if (error instanceof ObservatoryServerError) {
    const field = 'field' in error && typeof error.field === 'string' ? { field: error.field } : {};
    return problem(error.status, error.message, field);
  }
  if (error instanceof HTTPException) {
    return problem(error.status, error.status === 413 ? 'The request body is too large' : error.message);
  }
  if (error instanceof SyntaxError)
    return problem(400, 'The request body is not valid JSON', { field: 'body' });
  return problem(500, 'The server could not complete the request');
}

/**
 * Builds a problem with the standard title for its status.
 *
 * @example
 * ```ts
 * problem(404, 'No chat session with id "s1"');
 * ```
 */
export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

/**
 * The HTTP response for a problem.
 *
 * @example
 * ```ts
 * return problemResponse(problem(404, 'Not found'));
 * ```
 */
export function problemResponse(body: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
