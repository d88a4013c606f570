// Pulls every session of a date range from an Observatory server and writes them to a CSV file.
// Environment: OBSERVATORY_URL, OBSERVATORY_TOKEN, OBSERVATORY_ORG (required); FROM, TO (calendar dates, default
// the last 7 days), TZ_NAME (IANA zone, default UTC), OUT (default sessions.csv).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createObservatoryClient } from '@observatory/client';
import {
  type DateRangeInput,
  resolveDateRange,
  SESSION_EXPORT_PARTS,
  sessionsToCsv,
} from '@observatory/core';

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
const input: DateRangeInput =
  process.env.FROM && process.env.TO
    ? { from: process.env.FROM, to: process.env.TO }
    : { preset: 'last7Days' };
const range = resolveDateRange(input, { timeZone, now: new Date() });
const out = process.env.OUT ?? 'sessions.csv';

// iterate fetches pages lazily and sessionsToCsv streams rows: memory stays flat however many sessions match.
// A row is made of the messages, live chats and summary, which a list leaves out unless asked for:
// `include: SESSION_EXPORT_PARTS` (['messages', 'liveChats', 'summary']) brings them with each page. Without
// it, sessionsToCsv throws IncompleteSessionError rather than write rows with no transcript.
let count = 0;
async function* counted() {
  for await (const session of client.sessions.iterate({
    range,
    sort: { order: 'asc' },
    include: SESSION_EXPORT_PARTS,
  })) {
    count++;
    yield session;
  }
}
await pipeline(Readable.from(sessionsToCsv(counted(), { timeZone })), createWriteStream(out));
console.log(`Wrote ${count} sessions (${range.from} – ${range.to}) to ${out}`);
