// The flattening rule is the SDK's own; the baselines get the very rows it produces, already flattened.
import { flattenSessionRow, type Session, sessionCsvColumns, sessionsToCsv } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import { stringify as stringifyStream } from 'csv-stringify';
import { type Options as StringifyOptions, stringify } from 'csv-stringify/sync';
import { generateSessions } from '../data/sessions.js';
import { type Figure, scaled } from '../harness/figure.js';
import { timeMedian, timePair } from '../harness/measure.js';
import { toResult } from '../harness/result.js';

type Row = ReadonlyArray<string | number | boolean>;

const TARGET = { op: '>=', limit: 0.8 } as const;
const NAME = 'sessionsToCsv throughput vs csv-stringify';
const NAME_MINIMAL = 'sessionsToCsv throughput vs minimal escaper';
// The same dialect as sessionsToCsv's defaults, written as csv-stringify's documentation has it: `;`, CRLF,
// every cell holding a CR or LF quoted, booleans as words.
const OPTIONS: StringifyOptions = {
  delimiter: ';',
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  cast: { boolean: (value) => String(value) },
};

async function ours(sessions: readonly Session[]): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of sessionsToCsv(sessions)) chunks.push(chunk);
  return chunks;
}

// The ways a script can drive csv-stringify; the fastest one measured in this run is the baseline.
const csvStringifyWays: Record<string, (rows: readonly Row[]) => Promise<string[]> | string[]> = {
  'sync, one call for all rows': (rows) => [
    stringify([[...sessionCsvColumns], ...rows] as unknown[][], OPTIONS),
  ],
  'sync, one call per row': (rows) => {
    const chunks = [stringify([[...sessionCsvColumns]], OPTIONS)];
    for (const row of rows) chunks.push(stringify([row as unknown[]], OPTIONS));
    return chunks;
  },
  'sync, batches of 1,000 rows': (rows) => {
    const chunks = [stringify([[...sessionCsvColumns]], OPTIONS)];
    for (let i = 0; i < rows.length; i += 1000)
      chunks.push(stringify(rows.slice(i, i + 1000) as unknown[][], OPTIONS));
    return chunks;
  },
  stream: (rows) =>
    new Promise<string[]>((resolve, reject) => {
      const chunks: string[] = [];
      const stream = stringifyStream(OPTIONS);
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(chunks));
      stream.write([...sessionCsvColumns]);
      for (const row of rows) stream.write(row);
      stream.end();
    }),
};

const NEEDS_QUOTES = /[";\r\n]/;

/** A minimal RFC 4180 writer: quote a cell only when it holds the separator, a quote or a line break. */
function minimalEscaper(rows: readonly Row[]): string[] {
  const cell = (value: string | number | boolean) => {
    const text = String(value);
    return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const chunks = [`${sessionCsvColumns.join(';')}\r\n`];
  for (const row of rows) chunks.push(`${row.map(cell).join(';')}\r\n`);
  return chunks;
}

// Every writer must produce the very bytes sessionsToCsv writes (all quote a cell only when it must), and those
// must parse back to the flattened cells.
function assertSameBytes(label: string, actual: readonly string[], expected: readonly string[]): void {
  if (actual.join('') !== expected.join(''))
    throw new Error(`${label} writes other bytes than sessionsToCsv`);
}

/** Figure 3: the sessions CSV export against csv-stringify (best use found) and a minimal RFC 4180 escaper. */
export const sessionsCsvFigure: Figure = {
  id: 'sessions-csv',
  title: '3. sessionsToCsv',
  rows: [
    { name: NAME, unit: 'rows/s', target: TARGET },
    { name: NAME_MINIMAL, unit: 'rows/s' },
  ],
  async run(context) {
    const count = scaled(context, 100_000);
    context.log(`generating ${count} sessions`);
    const sessions = [...generateSessions({ seed: 3, count })];
    const rows = sessions.map((session) => flattenSessionRow(session));

    const sample = sessions.slice(0, 2000);
    const sampleRows = rows.slice(0, 2000);
    const reference = await ours(sample);
    const records = parse(reference.join(''), { delimiter: ';', record_delimiter: ['\r\n', '\n', '\r'] });
    if (JSON.stringify(records.slice(1)) !== JSON.stringify(sampleRows.map((row) => row.map(String))))
      throw new Error('sessionsToCsv does not parse back to the flattened cells');
    for (const [way, write] of Object.entries(csvStringifyWays)) {
      assertSameBytes(`csv-stringify (${way})`, await write(sampleRows), reference);
    }
    assertSameBytes('the minimal escaper', minimalEscaper(sampleRows), reference);

    const plan = context.quick ? { warmup: 0, runs: 2 } : { warmup: 1, runs: 3 };
    const wayTimes = new Map<string, number>();
    for (const [way, write] of Object.entries(csvStringifyWays))
      wayTimes.set(way, await timeMedian(plan, () => write(rows)));
    const [fastestWay] = [...wayTimes].sort((a, b) => a[1] - b[1])[0] ?? ['sync, one call for all rows'];
    const fastest = csvStringifyWays[fastestWay] ?? minimalEscaper;
    const vsStringify = await timePair(
      context.plan,
      () => ours(sessions),
      () => fastest(rows),
    );
    const vsMinimal = await timePair(
      context.plan,
      () => ours(sessions),
      () => minimalEscaper(rows),
    );

    const perSecond = (ms: number) => (count / ms) * 1000;
    const ways = [...wayTimes].map(
      ([way, ms]) => `${way} ${Math.round(perSecond(ms)).toLocaleString('en-US')}/s`,
    );
    return [
      toResult(
        {
          name: NAME,
          unit: 'rows/s',
          value: perSecond(vsStringify.ours),
          baseline: perSecond(vsStringify.baseline),
          target: TARGET,
          note: `${count.toLocaleString('en-US')} sessions; ours flattens, the baseline gets flattened rows; csv-stringify used as "${fastestWay}" (fastest of: ${ways.join('; ')})`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          name: NAME_MINIMAL,
          unit: 'rows/s',
          value: perSecond(vsMinimal.ours),
          baseline: perSecond(vsMinimal.baseline),
          note: 'informational: a 10-line RFC 4180 escaper on the same flattened rows',
        },
        context.scaleLabel,
      ),
    ];
  },
};
