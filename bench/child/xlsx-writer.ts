// Measured child of figure 4: writes N generated sessions as xlsx, either with sessionsToXlsx ("ours") or with
// the raw exceljs streaming writer on the same flattened rows ("raw"), into a counting sink; prints
// {"ms","bytes","rows"} as its last stdout line. Peak RSS is reported by the report-peak-rss preload.
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { flattenSessionRow, sessionCsvColumns } from '@observatory/core';
import { sessionsToXlsx } from '@observatory/core/xlsx';
import ExcelJS from 'exceljs';
import { generateSessions } from '../data/sessions.js';
import { CountingSink } from './sink.js';

const { values } = parseArgs({
  options: { impl: { type: 'string' }, rows: { type: 'string' }, seed: { type: 'string', default: '4' } },
});
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1)
  throw new RangeError(`--rows: expected a positive integer, got ${values.rows}`);
const sessions = generateSessions({ seed: Number(values.seed), count: rows });
const sink = new CountingSink();

async function writeOurs(): Promise<void> {
  await pipeline(Readable.from(sessionsToXlsx(sessions)), sink);
}

// What a script using exceljs's streaming writer as documented does: commit each row, wait for the output's
// 'drain' when it asks for it.
async function writeRaw(): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('Sessions');
  sheet.addRow([...sessionCsvColumns]).commit();
  for (const session of sessions) {
    sheet.addRow(flattenSessionRow(session)).commit();
    if (sink.writableNeedDrain) await once(sink, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}

const start = performance.now();
if (values.impl === 'ours') await writeOurs();
else if (values.impl === 'raw') await writeRaw();
else throw new RangeError(`--impl: expected "ours" or "raw", got ${values.impl}`);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, bytes: sink.bytes, rows })}\n`);
