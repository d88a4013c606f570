import type { ObservatoryClient } from '@observatory/client';
import type { MissedQuestionReportSink } from '@observatory/nodes';

/**
 * A report sink that holds each missed-question report until its session has been stored. The server dates an
 * occurrence by the time of its message in the stored session; a report that overtook its session would be dated
 * on arrival instead, landing on the wrong day of the trend (and making the demo depend on timing, not its seed).
 *
 * @example
 * ```ts
 * const gate = storedFirst(client);
 * const reporter = createMissedQuestionReporter({ client: gate.sink });
 * await client.chatSessions.upsert(session);
 * gate.stored(session.id);
 * ```
 */
export function storedFirst(client: ObservatoryClient): {
  readonly sink: MissedQuestionReportSink;
  stored(sessionId: string): void;
} {
  const sessions = new Map<string, { readonly promise: Promise<void>; readonly resolve: () => void }>();
  const entry = (sessionId: string) => {
    let found = sessions.get(sessionId);
    if (found === undefined) {
      let resolve = () => {};
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      found = { promise, resolve };
      sessions.set(sessionId, found);
    }
    return found;
  };
  return {
    sink: {
      missedQuestions: {
        report: async (report, options) => {
          await entry(report.sessionId).promise;
          return client.missedQuestions.report(report, options);
        },
      },
    },
    stored: (sessionId) => entry(sessionId).resolve(),
  };
}
