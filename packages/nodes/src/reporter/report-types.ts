/**
 * One missed-question report: the user message (`sessionId`, `messageId`) a workflow could not answer. The pair
 * is the idempotency key: reporting it again never makes a second occurrence.
 *
 * @example
 * ```ts
 * const report: MissedQuestionReport = { tenantId: 'faq-bot', question: 'Can I pay with crypto?', sessionId: 's1', messageId: 'm4' };
 * ```
 */
export interface MissedQuestionReport {
  readonly tenantId: string;
  /** The question text, 1–500 characters (the platform's limit). */
  readonly question: string;
  readonly sessionId: string;
  readonly messageId: string;
  readonly language?: string;
}

/**
 * Per-call options the client accepts.
 *
 * @example
 * ```ts
 * import type { ReportCallOptions } from '@observatory/nodes';
 * const options: ReportCallOptions = { timeout: 5_000, signal: AbortSignal.timeout(30_000) };
 * const report = { tenantId: 'faq-bot', question: 'Do you ship?', sessionId: 's1', messageId: 'm3' };
 * await client.missedQuestions.report(report, options);
 * ```
 */
export interface ReportCallOptions {
  readonly signal?: AbortSignal;
  readonly timeout?: number;
}

/**
 * The part of `ObservatoryClient` the reporter needs, so any object with `missedQuestions.report` works (the
 * real client, a test double, a queue of your own).
 *
 * @example
 * ```ts
 * import { createObservatoryClient } from '@observatory/client';
 * const sink: MissedQuestionReportSink = createObservatoryClient({ baseUrl, token, organizationId });
 * ```
 */
export interface MissedQuestionReportSink {
  readonly missedQuestions: {
    report(input: MissedQuestionReport, options?: ReportCallOptions): Promise<unknown>;
  };
}

/**
 * What the Missed Question node hands a report to: `createMissedQuestionReporter()` or anything with `report`.
 * The promise settles once the report is safely queued (not necessarily delivered).
 *
 * @example
 * ```ts
 * const direct: MissedQuestionReporterLike = { report: async (r) => { await client.missedQuestions.report(r); } };
 * ```
 */
export interface MissedQuestionReporterLike {
  report(report: MissedQuestionReport): Promise<unknown>;
}

/**
 * The idempotency key of a report: its (sessionId, messageId) pair, unambiguously joined.
 *
 * @example
 * ```ts
 * import { reportKey } from '@observatory/nodes';
 * reportKey({ sessionId: 's1', messageId: 'm3' }); // '["s1","m3"]'
 * ```
 */
export function reportKey(report: Pick<MissedQuestionReport, 'sessionId' | 'messageId'>): string {
  return JSON.stringify([report.sessionId, report.messageId]);
}
