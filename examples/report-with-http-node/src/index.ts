// Reports a missed question with nothing but the HTTP Request node: the ready-made config sends the platform's
// missed-question report (POST /organizations/{orgId}/missed-questions) built from the session and the message.
//
//   OBSERVATORY_URL=http://127.0.0.1:4319 OBSERVATORY_TOKEN=… OBSERVATORY_ORG=acme \
//     npx tsx examples/report-with-http-node/src/index.ts ["the user's question"]
//
// Optional: SESSION_ID, MESSAGE_ID, AGENT_ID (default faq-bot).
import { createNodeContext, httpRequestNode, missedQuestionRequestConfig } from '@observatory/nodes';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const node = httpRequestNode({
  ...missedQuestionRequestConfig({
    baseUrl: required('OBSERVATORY_URL'),
    organizationId: required('OBSERVATORY_ORG'),
  }),
  // Any config field can be added on top: here, keep the answer's status in a workflow variable.
  responseMapping: { reportStatus: 'status', missedQuestionId: 'body.id' },
});

const ctx = createNodeContext({
  session: {
    id: process.env.SESSION_ID ?? `http-node-${Date.now()}`,
    tenantId: process.env.AGENT_ID ?? 'faq-bot',
  },
  // The token travels as a variable; the config names it in `redact`, so it never reaches the interaction log.
  variables: { observatoryToken: required('OBSERVATORY_TOKEN') },
});

ctx.beginTurn({ id: process.env.MESSAGE_ID ?? 'm1', text: process.argv[2] ?? 'Can I pay with crypto?' });
const port = await node.execute(ctx);
const { steps } = ctx.endTurn();

// `next` when the server accepted the report (201 new, 200 already reported: the pair is the idempotency key),
// `error` when it refused or stayed unreachable after the node's retries.
console.log(`port taken: ${port}`);
console.log(
  `reportStatus=${ctx.variables.get('reportStatus')} missedQuestionId=${ctx.variables.get('missedQuestionId')}`,
);
console.log(JSON.stringify(steps.at(-1), null, 2));
if (port !== 'next') process.exitCode = 1;
