// Pulls the missed questions of the last 7 days and the details of the most frequent one, and prints them as
// one JSON document: what an integrator feeds into a ticketing tool, a spreadsheet or a content backlog.
//
//   OBSERVATORY_URL=http://127.0.0.1:4319 OBSERVATORY_TOKEN=… OBSERVATORY_ORG=acme \
//     npx tsx examples/pull-missed-questions-into-your-tool/src/index.ts > missed.json
//
// Optional: TZ_NAME (IANA zone of "the last 7 days", default UTC), AGENTS (comma-separated), LIMIT (default 100).
import { createObservatoryClient } from '@observatory/client';
import { resolveDateRange } from '@observatory/core';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const client = createObservatoryClient({
  baseUrl: required('OBSERVATORY_URL'),
  token: required('OBSERVATORY_TOKEN'),
  organizationId: required('OBSERVATORY_ORG'),
});
const timeZone = process.env.TZ_NAME ?? 'UTC';
const range = resolveDateRange({ preset: 'last7Days' }, { timeZone, now: new Date() });
const agents = process.env.AGENTS?.split(',').filter(Boolean);
const limit = Number(process.env.LIMIT ?? 100);

const questions = [];
// iterate walks every page lazily; stopping at `limit` keeps the work bounded however large the backlog is.
for await (const question of client.missedQuestions.iterate({
  range,
  ...(agents ? { agents } : {}),
  // Ranked by the occurrences in the range, not by the all-time total.
  sort: { by: 'filteredOccurrences', order: 'desc' },
})) {
  questions.push({
    id: question.id,
    agent: question.agentId,
    question: question.question,
    status: question.status,
    // filteredOccurrences counts the range; occurrences is the total since the agent was created.
    occurrencesInRange: question.filteredOccurrences ?? question.occurrences,
    totalOccurrences: question.occurrences,
  });
  if (questions.length >= limit) break;
}

const top = questions[0];
// Details: the occurrences in the range, the total since the agent was created, the distinct sessions in the
// range, and every occurrence in the range (session + message), so your tool can link straight to the transcript.
const details = top ? await client.missedQuestions.details(top.id, range) : undefined;

const report = {
  range: { ...range, timeZone },
  questions,
  top: details && {
    question: details.question.question,
    occurrencesInRange: details.occurrencesInRange,
    totalOccurrences: details.totalOccurrences,
    distinctSessions: details.distinctSessions,
    occurrences: details.occurrences,
  },
};
console.log(JSON.stringify(report, null, 2));
