import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTimeZoneError, ObservatoryInputError } from './errors/errors.js';
import { nastySession, nastyTextArbitrary, nastyTexts, transcriptOf } from './export/nasty-text.fixture.js';
import { sessionCsvColumns } from './export/session-row.js';
import type { Session } from './model/session.js';
import {
  sessionsToXlsx,
  XLSX_DATE_TIME_FORMAT,
  XLSX_MAX_CELL_LENGTH,
  XLSX_SECONDS_FORMAT,
  XLSX_TRUNCATION_MARKER,
} from './xlsx.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'observatory-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeAndRead(chunks: AsyncIterable<Uint8Array>, name: string): Promise<ExcelJS.Worksheet> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const file = join(dir, name);
  await writeFile(file, Buffer.concat(parts));
  const workbook = await new ExcelJS.Workbook().xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no worksheet');
  return sheet;
}

const HEADER = sessionCsvColumns.map((column) =>
  column === 'createdAt'
    ? 'createdAt (UTC)'
    : column === 'createdAtLocal'
      ? 'createdAtLocal (Europe/Athens)'
      : column === 'durationMs'
        ? 'durationSeconds'
        : column,
);

/** A row's cells by CSV column name: text as its text (exceljs reads an inline string as rich text). */
function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number): Record<string, unknown> {
  const row = sheet.getRow(rowNumber);
  return Object.fromEntries(
    sessionCsvColumns.map((column, i) => {
      const cell = row.getCell(i + 1);
      return [column, cell.type === ExcelJS.ValueType.RichText ? cell.text : cell.value];
    }),
  );
}

describe('sessionsToXlsx', () => {
  it('writes a header and one row per session whose cells read back as the input', async () => {
    const sessions = nastyTexts.map((text, i) => nastySession(text, i));
    const sheet = await writeAndRead(sessionsToXlsx(sessions, { timeZone: 'Europe/Athens' }), 'nasty.xlsx');

    expect(sheet.name).toBe('Sessions');
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(sheet.rowCount).toBe(nastyTexts.length + 1);
    nastyTexts.forEach((text, i) => {
      const row = rowValues(sheet, i + 2);
      // Empty text is no cell at all; every other text reads back exactly, with no formula prefix.
      const cell = (value: string) => (value === '' ? null : value);
      for (const column of [
        'agentName',
        'deploymentName',
        'contactName',
        'contactEmail',
        'summary',
      ] as const) {
        expect(row[column]).toBe(cell(text));
      }
      expect(row.tags).toBe(`${text}|billing`);
      expect(row.transcript).toBe(transcriptOf(text));
      expect(row).toMatchObject({
        id: `s${i}`,
        createdAt: new Date('2026-01-15T10:00:00.000Z'),
        // The wall-clock time in Athens, as a date-time cell (which has no zone).
        createdAtLocal: new Date('2026-01-15T12:00:00.000Z'),
        durationMs: 65,
        messageCount: 3,
        userMessageCount: 1,
        containsFallback: true,
        containsLiveChat: true,
        csat: 'ANSWERED',
      });
    });
  });

  it('types every cell: text cells never retyped or formulas, times as dates, the duration in seconds', async () => {
    const looksLikeNumbers = ['12345678901234567', '0123', '50%', '1/2', '=1+2', '-1', 'TRUE'];
    const sessions = looksLikeNumbers.map((text, i) => ({
      ...nastySession(text, i),
      id: text,
      contact: { id: text },
      createdAt: '2026-01-15T10:00:00.123Z',
      durationMs: 65_432,
    }));
    const sheet = await writeAndRead(sessionsToXlsx(sessions, { timeZone: 'Europe/Athens' }), 'types.xlsx');
    const column = (name: string) => sessionCsvColumns.indexOf(name as never) + 1;
    let formulas = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    looksLikeNumbers.forEach((text, i) => {
      const row = sheet.getRow(i + 2);
      for (const name of ['id', 'contactId', 'summary']) {
        const cell = row.getCell(column(name));
        expect(cell.type).toBe(ExcelJS.ValueType.RichText);
        expect(cell.text).toBe(text);
      }
      const utc = row.getCell(column('createdAt'));
      expect(utc.type).toBe(ExcelJS.ValueType.Date);
      expect(utc.value).toEqual(new Date('2026-01-15T10:00:00.123Z'));
      expect(utc.numFmt).toBe(XLSX_DATE_TIME_FORMAT);
      const local = row.getCell(column('createdAtLocal'));
      expect(local.value).toEqual(new Date('2026-01-15T12:00:00.123Z'));
      expect(local.numFmt).toBe(XLSX_DATE_TIME_FORMAT);
      const duration = row.getCell(column('durationMs'));
      expect(duration.type).toBe(ExcelJS.ValueType.Number);
      expect(duration.value).toBe(65.432);
      expect(duration.numFmt).toBe(XLSX_SECONDS_FORMAT);
      expect(row.getCell(column('messageCount')).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(column('containsFallback')).type).toBe(ExcelJS.ValueType.Boolean);
    });
  });

  it('has a bold, frozen header row with an autofilter, column widths, and wrapped summary and transcript', async () => {
    const sheet = await writeAndRead(sessionsToXlsx([nastySession('hi', 0)]), 'layout.xlsx');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + sessionCsvColumns.length)}1`);
    const header = sheet.getRow(1);
    header.eachCell((cell) => expect(cell.font?.bold).toBe(true));
    expect(sheet.getRow(2).getCell(1).font?.bold).not.toBe(true);
    sessionCsvColumns.forEach((name, i) => {
      const column = sheet.getColumn(i + 1);
      // Every header fits its column.
      expect(column.width).toBeGreaterThanOrEqual(String(header.getCell(i + 1).value).length);
      const wraps = sheet.getRow(2).getCell(i + 1).alignment?.wrapText === true;
      expect(wraps).toBe(name === 'summary' || name === 'transcript');
    });
    expect(sheet.getColumn(sessionCsvColumns.indexOf('transcript') + 1).width).toBeGreaterThanOrEqual(60);
  });

  it('reads back as the input for arbitrary text (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(nastyTextArbitrary, { minLength: 1, maxLength: 6 }), async (texts) => {
        const sheet = await writeAndRead(
          sessionsToXlsx(texts.map((text, i) => nastySession(text, i))),
          `property-${run++}.xlsx`,
        );
        expect(sheet.rowCount).toBe(texts.length + 1);
        texts.forEach((text, i) => {
          const row = rowValues(sheet, i + 2);
          expect(row.summary).toBe(text === '' ? null : text);
          expect(row.contactName).toBe(text === '' ? null : text);
          expect(row.transcript).toBe(transcriptOf(text));
        });
      }),
      { numRuns: 50 },
    );
  });

  it('cuts text over the 32,767-character cell limit and marks it', async () => {
    const long = `${'😀'.repeat(20_000)}end`;
    const sheet = await writeAndRead(
      sessionsToXlsx([nastySession(long, 0)], { sheetName: 'Long' }),
      'long.xlsx',
    );
    expect(sheet.name).toBe('Long');
    const summary = rowValues(sheet, 2).summary as string;
    expect(summary.length).toBeLessThanOrEqual(XLSX_MAX_CELL_LENGTH);
    expect(summary.endsWith(XLSX_TRUNCATION_MARKER)).toBe(true);
    expect(long.startsWith(summary.slice(0, -XLSX_TRUNCATION_MARKER.length))).toBe(true);
  });

  it('reads an async source only as fast as the consumer takes bytes, and stops when the consumer does', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Session> {
      for (let i = 0; i < 50_000; i++) {
        pulled++;
        yield nastySession(`row ${i} ${'text '.repeat(40)}`, i);
      }
    }
    const iterator = sessionsToXlsx(source())[Symbol.asyncIterator]();
    for (let i = 0; i < 5; i++) expect((await iterator.next()).done).toBe(false);
    const afterFiveChunks = pulled;
    // Rows are written ahead only while less than 1 MiB of XML (~2,000 of these rows) waits to be zipped.
    expect(afterFiveChunks).toBeLessThan(5_000);
    await iterator.return?.();
    expect(pulled).toBe(afterFiveChunks);
  });

  it('passes on an error of the source', async () => {
    async function* failing(): AsyncGenerator<Session> {
      yield nastySession('first', 0);
      throw new Error('source broke');
    }
    await expect(async () => {
      for await (const _chunk of sessionsToXlsx(failing())) {
        // drain
      }
    }).rejects.toThrow('source broke');
  });

  it('rejects a bad zone or sheet name at call time', () => {
    expect(() => sessionsToXlsx([], { timeZone: 'Nowhere/Never' })).toThrow(InvalidTimeZoneError);
    for (const sheetName of ['', 'a'.repeat(32), 'a/b', "'quoted'"]) {
      expect(() => sessionsToXlsx([], { sheetName })).toThrow(ObservatoryInputError);
    }
  });

  it('writes a valid empty workbook for no sessions', async () => {
    const sheet = await writeAndRead(sessionsToXlsx([]), 'empty.xlsx');
    expect(sheet.rowCount).toBe(1);
  });
});
