// The flattening rule is the SDK's own: the csv-stringify baseline flattens the same sessions with it (and applies
// the CSV formula rule) and then writes them, which is the work sessionsToCsv does; the minimal escaper gets the
// rows already flattened, for information.
import {
  flattenSessionRow,
  neutralizeFormula,
  type Session,
  sessionCsvColumns,
  sessionsToCsv,
} from '@observatory/core';
import { parse } from 'csv-parse/sync';
import { stringify as stringifyStream } from 'csv-stringify';
import { type Options as StringifyOptions, stringify } from 'csv-stringify/sync';
import { generateSessions } from '../data/sessions.js';
import { type Figure, scaled } from '../harness/figure.js';
import { timeMedian, timePair } from '../harness/measure.js';
import { toResult } from '../harness/result.js';

type Row = ReadonlyArray<string | number | boolean>;

const TARGET = { op: '>=', limit: 0.8 } as const;
const NAME = 'sessionsToCsv throughput vs flatten + csv-stringify';
const NAME_MINIMAL = 'sessionsToCsv throughput vs minimal escaper';
// The same dialect as sessionsToCsv's defaults, written as csv-stringify's documentation has it: `;`, CRLF,
// every cell holding a CR or LF quoted, and one holding `,`, `;` or TAB, booleans as words.
const OPTIONS: StringifyOptions = {
  delimiter: ';',
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  quoted_match: /[,;\t]/,
  cast: { boolean: (value) => String(value) },
};

/** A session as the CSV export writes it: flattened by the SDK's rule, text cells under the formula rule. */
function csvRow(session: Session): Row {
  return flattenSessionRow(session).map((cell) =>
    typeof cell === 'string' ? neutralizeFormula(cell) : cell,
  );
}

async function ours(sessions: readonly Session[]): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of sessionsToCsv(sessions)) chunks.push(chunk);
  return chunks;
}

// The ways a script can drive csv-stringify on the flattened sessions; the fastest one measured in this run is
// the baseline.
const csvStringifyWays: Record<string, (sessions: readonly Session[]) => Promise<string[]> | string[]> = {
  'sync, one call for all rows': (sessions) => [
    stringify([[...sessionCsvColumns], ...sessions.map(csvRow)] as unknown[][], OPTIONS),
  ],
  'sync, one call per row': (sessions) => {
    const chunks = [stringify([[...sessionCsvColumns]], OPTIONS)];
    for (const session of sessions) chunks.push(stringify([csvRow(session) as unknown[]], OPTIONS));
    return chunks;
  },
  'sync, batches of 1,000 rows': (sessions) => {
    const chunks = [stringify([[...sessionCsvColumns]], OPTIONS)];
    for (let i = 0; i < sessions.length; i += 1000)
      chunks.push(stringify(sessions.slice(i, i + 1000).map(csvRow) as unknown[][], OPTIONS));
    return chunks;
  },
  stream: (sessions) =>
    new Promise<string[]>((resolve, reject) => {
      const chunks: string[] = [];
      const stream = stringifyStream(OPTIONS);
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(chunks));
      stream.write([...sessionCsvColumns]);
      for (const session of sessions) stream.write(csvRow(session));
      stream.end();
    }),
};

const NEEDS_QUOTES = /[";,\t\r\n]/;

/** A minimal RFC 4180 writer: quote a cell only when it holds a separator, a TAB, a quote or a line break. */
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
    const rows = sessions.map(csvRow);

    const sample = sessions.slice(0, 2000);
    const sampleRows = rows.slice(0, 2000);
    const reference = await ours(sample);
    const records = parse(reference.join(''), { delimiter: ';', record_delimiter: ['\r\n', '\n', '\r'] });
    if (JSON.stringify(records.slice(1)) !== JSON.stringify(sampleRows.map((row) => row.map(String))))
      throw new Error('sessionsToCsv does not parse back to the flattened cells');
    for (const [way, write] of Object.entries(csvStringifyWays)) {
      assertSameBytes(`csv-stringify (${way})`, await write(sample), reference);
    }
    assertSameBytes('the minimal escaper', minimalEscaper(sampleRows), reference);

    const plan = context.quick ? { warmup: 0, runs: 2 } : { warmup: 1, runs: 3 };
    const wayTimes = new Map<string, number>();
    for (const [way, write] of Object.entries(csvStringifyWays))
      wayTimes.set(way, await timeMedian(plan, () => write(sessions)));
    const [fastestWay] = [...wayTimes].sort((a, b) => a[1] - b[1])[0] ?? ['sync, one call for all rows'];
    const fastest = csvStringifyWays[fastestWay];
    if (fastest === undefined) throw new Error('no csv-stringify way was measured');
    const vsStringify = await timePair(
      context.plan,
      () => ours(sessions),
      () => fastest(sessions),
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
          note: `${count.toLocaleString('en-US')} sessions; both sides flatten the same sessions (flattenSessionRow + the formula rule) and write them; csv-stringify used as "${fastestWay}" (fastest of: ${ways.join('; ')})`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          name: NAME_MINIMAL,
          unit: 'rows/s',
          value: perSecond(vsMinimal.ours),
          baseline: perSecond(vsMinimal.baseline),
          note: 'informational: a 10-line RFC 4180 escaper on rows flattened before timing (ours flattens while timed)',
        },
        context.scaleLabel,
      ),
    ];
  },
};
