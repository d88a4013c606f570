/**
 * FAQ agent on a custom runtime. With OBSERVATORY_URL (and OBSERVATORY_TOKEN, OBSERVATORY_ORG) it reports missed
 * questions through a durable outbox, syncs tags and pushes the session to that Observatory; without it, it
 * runs fully in memory and prints the conversation and counters. OBSERVATORY_OUTBOX sets the outbox file
 * (default ./observatory-data/missed-questions.outbox.jsonl).
 *
 *   npx tsx examples/custom-runtime/src/index.ts
 *   OBSERVATORY_URL=http://127.0.0.1:4319 OBSERVATORY_TOKEN=… OBSERVATORY_ORG=local npx tsx examples/custom-runtime/src/index.ts
 */
import { createObservatoryClient, isObservatoryApiError } from '@observatory/client';
import { createFileOutbox, createMissedQuestionReporter } from '@observatory/nodes';
import { runFaqAgent, type TranscriptLine } from './faq-agent.js';

const conversation = [
  'What are your opening hours?',
  'Can I pay with crypto?',
  'Do you ship to Cyprus?',
  'Is there a student discount?',
  'Can I pick up in store?',
  'Do you sell gift cards?',
];

function print(lines: readonly TranscriptLine[]): void {
  for (const line of lines) {
    const counters = line.counters
      ? `  [missedQuestionsCount=${line.counters.missedQuestionsCount}, consecutiveMissedQuestionsCount=${line.counters.consecutiveMissedQuestionsCount}]`
      : '';
    console.log(`${line.role.padEnd(6)} ${line.text}${counters}`);
  }
}

async function main(): Promise<void> {
  const sessionId = `faq-${Date.now()}`;
  const baseUrl = process.env.OBSERVATORY_URL;
  if (!baseUrl) {
    const { lines } = await runFaqAgent({ sessionId, conversation });
    print(lines);
    return;
  }
  const organizationId = process.env.OBSERVATORY_ORG ?? 'acme';
  const token = process.env.OBSERVATORY_TOKEN ?? '';
  const client = createObservatoryClient({ baseUrl, token, organizationId });
  let delivered = 0;
  const reporter = createMissedQuestionReporter({
    client,
    // Reports go out in the background as they are made; close() below delivers whatever still waits.
    onDelivered: () => delivered++,
    outbox: createFileOutbox({
      path: process.env.OBSERVATORY_OUTBOX ?? './observatory-data/missed-questions.outbox.jsonl',
    }),
    onError: (letter, error) => console.error(`missed question ${letter.key} refused: ${oneLine(error)}`),
    // A runtime serving many sessions sends up to 4 reports at once; one session's reports stay in order.
    concurrency: 4,
  });
  // The session exists before the workflow runs, so the Tag node's sync has something to tag.
  await client.chatSessions.upsert({
    id: sessionId,
    agentId: 'faq-bot',
    contact: { id: 'demo-user' },
    createdAt: new Date().toISOString(),
    status: 'ACTIVE',
  });
  const { lines, session } = await runFaqAgent({
    sessionId,
    conversation,
    reporter,
    tagSync: client,
  });
  // Then the whole conversation (messages merged by id), its interaction log and the variables of each run.
  await client.chatSessions.upsert(session);
  if (session.interactions.length > 0)
    await client.ingest.recordInteractions(sessionId, session.interactions);
  for (const { messageId, variables } of session.variableSnapshots) {
    await client.ingest.recordVariables(sessionId, variables, messageId === null ? {} : { messageId });
  }
  print(lines);
  const flushed = await reporter.close();
  console.log(
    `pushed session ${sessionId}; missed questions delivered: ${delivered}, still queued: ${flushed.pending}`,
  );
}

/** An error as one line: its message (the request and the server's answer), not the whole object. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refused = isObservatoryApiError(error) && (error.status === 401 || error.status === 403);
  return refused ? `${message}; check OBSERVATORY_TOKEN and OBSERVATORY_ORG` : message;
}

main().catch((error: unknown) => {
  console.error(`error: ${oneLine(error)}`);
  process.exitCode = 1;
});
