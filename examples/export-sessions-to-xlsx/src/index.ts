// Exports the sessions of a date range to an Excel workbook, streamed.
//
//   npx tsx examples/export-sessions-to-xlsx/src/index.ts [out.xlsx] [--server-side]
//
// By default the sessions are pulled page by page through the client and written here with core's
// sessionsToXlsx. With --server-side the server builds the workbook (fileType=xlsx, a local-server extension)
// and the file is only downloaded. Environment: OBSERVATORY_URL, OBSERVATORY_TOKEN, OBSERVATORY_ORG (required);
// FROM, TO (calendar dates, default the last 7 days), TZ_NAME (IANA zone, default UTC).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createObservatoryClient } from '@observatory/client';
import { type DateRangeInput, resolveDateRange, SESSION_EXPORT_PARTS } from '@observatory/core';
import { sessionsToXlsx } from '@observatory/core/xlsx';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see README.md)`);
  return value;
}

const args = process.argv.slice(2);
const serverSide = args.includes('--server-side');
const out = args.find((arg) => !arg.startsWith('--')) ?? 'sessions.xlsx';

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
// Calendar dates mean whole days in the viewer's zone: the range is resolved to UTC instants once, here.
const range = resolveDateRange(input, { timeZone, now: new Date() });

if (serverSide) {
  const file = await client.sessions.export({ range }, { fileType: 'xlsx', timeZone });
  // The body is a web stream, never buffered whole by the client: pipe it straight to disk.
  await pipeline(Readable.fromWeb(file.body as WebReadableStream<Uint8Array>), createWriteStream(out));
  console.log(`Downloaded the server's export (${range.from} – ${range.to}) to ${out}`);
} else {
  let count = 0;
  async function* sessions() {
    // iterate fetches the next page only when the workbook writer asks for more rows; `include:
    // SESSION_EXPORT_PARTS` brings each page's messages, live chats and summaries, which a row is made of.
    for await (const session of client.sessions.iterate({
      range,
      sort: { order: 'asc' },
      include: SESSION_EXPORT_PARTS,
    })) {
      count++;
      yield session;
    }
  }
  await pipeline(Readable.from(sessionsToXlsx(sessions(), { timeZone })), createWriteStream(out));
  console.log(`Wrote ${count} sessions (${range.from} – ${range.to}) to ${out}`);
}
