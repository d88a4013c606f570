/**
 * How the reporter treats a failed delivery.
 *
 * @example
 * ```ts
 * import { classifyReportError, type ReportFailureKind } from '@observatory/nodes';
 * const conflict = Object.assign(new Error('Conflict'), { status: 409 });
 * const kind: ReportFailureKind = classifyReportError(conflict); // 'duplicate': already delivered
 * ```
 */
export type ReportFailureKind = 'transient' | 'permanent' | 'duplicate';

/**
 * Classifies a delivery failure by the error's HTTP `status` (as `ObservatoryApiError` carries it):
 * a bare 409 means the platform already holds this (sessionId, messageId) — delivered; a 409 whose problem
 * names a `field` (the local server's answer when that message was reported with another question or agent)
 * is permanent: this report was not stored. 408, 429 and 5xx are transient; any other 4xx is permanent
 * (retrying cannot help); no status (network, timeout) is transient.
 *
 * @example
 * ```ts
 * import { classifyReportError } from '@observatory/nodes';
 * classifyReportError(Object.assign(new Error('Bad Request'), { status: 400 })); // 'permanent'
 * classifyReportError(new TypeError('fetch failed')); // 'transient'
 * classifyReportError(Object.assign(new Error('Conflict'), { status: 409, problem: { field: 'missedQuestion.question' } })); // 'permanent'
 * ```
 */
export function classifyReportError(error: unknown): ReportFailureKind {
  const status = statusOf(error);
  if (status === undefined) return 'transient';
  if (status === 409) return conflictField(error) === undefined ? 'duplicate' : 'permanent';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return status >= 400 ? 'permanent' : 'transient';
}

/** The numeric `status` an error carries, if any. */
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

/** The stored field a 409's problem document says the report conflicts with, if it names one. */
function conflictField(error: unknown): string | undefined {
  const problem = (error as { problem?: unknown }).problem;
  if (problem === null || typeof problem !== 'object' || !('field' in problem)) return undefined;
  return typeof problem.field === 'string' ? problem.field : undefined;
}
