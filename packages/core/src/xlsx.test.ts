import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTimeZoneError, ObservatoryInputError } from './errors/errors.js';
import { nastySession, nastyTextArbitrary, nastyTexts } from './export/nasty-text.fixture.js';
import { sessionCsvColumns } from './export/session-row.js';
import type { Session } from './model/session.js';
import { sessionsToXlsx, XLSX_MAX_CELL_LENGTH, XLSX_TRUNCATION_MARKER } from './xlsx.js';

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

/** The documented cell rule, written out independently: formula prefix, then LF line breaks. */
function expectedCell(text: string): string {
  return (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/\r\n?/g, '\n');
}

function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number): Record<string, unknown> {
  const row = sheet.getRow(rowNumber);
  return Object.fromEntries(sessionCsvColumns.map((column, i) => [column, row.getCell(i + 1).value]));
}

describe('sessionsToXlsx', () => {
  it('writes a header and one row per session whose cells read back as the input', async () => {
    const sessions = nastyTexts.map((text, i) => nastySession(text, i));
    const sheet = await writeAndRead(sessionsToXlsx(sessions, { timeZone: 'Europe/Athens' }), 'nasty.xlsx');

    expect(sheet.name).toBe('Sessions');
    expect(sheet.getRow(1).values).toEqual([undefined, ...sessionCsvColumns]);
    expect(sheet.rowCount).toBe(nastyTexts.length + 1);
    nastyTexts.forEach((text, i) => {
      const row = rowValues(sheet, i + 2);
      // exceljs reads an empty string cell back as no value.
      const cell = (value: string) => (value === '' ? null : value);
      for (const column of [
        'agentName',
        'deploymentName',
        'contactName',
        'contactEmail',
        'summary',
      ] as const) {
        expect(row[column]).toBe(cell(expectedCell(text)));
      }
      expect(row.tags).toBe(expectedCell(`${text}|billing`));
      expect(row.transcript).toBe(
        expectedCell(`user: ${text}\nagent: ${text}\nsystem: LiveChat: LIVECHAT_REQUESTED`),
      );
      expect(row).toMatchObject({
        id: `s${i}`,
        createdAt: '2026-01-15T10:00:00.000Z',
        createdAtLocal: '2026-01-15 12:00:00',
        durationMs: 65_000,
        messageCount: 3,
        userMessageCount: 1,
        containsFallback: true,
        containsLiveChat: true,
        csat: 'ANSWERED',
      });
    });
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
          const expected = expectedCell(text);
          expect(row.summary).toBe(expected === '' ? null : expected);
          expect(row.contactName).toBe(expected === '' ? null : expected);
          expect(row.transcript).toBe(
            expectedCell(`user: ${text}\nagent: ${text}\nsystem: LiveChat: LIVECHAT_REQUESTED`),
          );
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
