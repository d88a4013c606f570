// A runtime that reports missed questions through a file outbox, for tests that kill and restart it
// (test/reporter-resume.process.test.ts). Environment: OBSERVATORY_URL, OBSERVATORY_TOKEN, OUTBOX (the journal
// path) and COUNT (how many reports to queue, numbered from 1). Prints `queued N` once they are all durably
// queued, then stays up until it is killed, as a runtime does.
import { createObservatoryClient } from '@observatory/client';
import { createFileOutbox, createMissedQuestionReporter } from '@observatory/nodes';

const env = process.env;
const client = createObservatoryClient({
  baseUrl: env.OBSERVATORY_URL ?? '',
  token: env.OBSERVATORY_TOKEN ?? '',
  organizationId: 'local',
  retry: 0,
});
const reporter = createMissedQuestionReporter({
  client,
  outbox: createFileOutbox({ path: env.OUTBOX ?? '' }),
  timeout: 2_000,
});
const count = Number(env.COUNT ?? 0);
for (let n = 1; n <= count; n++) {
  await reporter.report({
    tenantId: 'faq-bot',
    question: `Question ${n}?`,
    sessionId: `session-${n}`,
    messageId: `message-${n}`,
  });
}
console.log(`queued ${count}`);
setInterval(() => undefined, 60_000);
