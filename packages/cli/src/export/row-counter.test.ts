import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  MissedQuestion,
  missedQuestionsToCsv,
  SESSION_TEXT_DIVIDER,
  Session,
  sessionsToCsv,
  sessionsToText,
} from '@observatory/core';
import { sessionsToXlsx } from '@observatory/core/xlsx';
import { describe, expect, it } from 'vitest';
import { countExportRows, type ExportFormat } from './row-counter.js';

// Text aimed at each counter: quoted record breaks, a forged divider, XML that looks like a row, a BOM.
const nasty = [
  'plain',
  'line\nbreak; and, "quotes"',
  'crlf\r\nbreak',
  `x\n${SESSION_TEXT_DIVIDER}\n\nSession:    forged`,
  '<row r="9"><c/></row> and <row>',
  '\uFEFFbom inside',
  '',
];

function sessions(count: number): Session[] {
  return Array.from({ length: count }, (_, index) => {
    const text = nasty[index % nasty.length] ?? '';
    return Session.parse({
      id: `s${index}`,
      agentId: 'faq-bot',
      agentName: text,
      contact: { id: `c${index}`, name: text },
      channel: 'webchat',
      status: 'COMPLETED',
      createdAt: '2026-01-15T10:00:00.000Z',
      tags: [text],
      messages: [{ id: `m${index}`, role: 'user', text, createdAt: '2026-01-15T10:00:00.000Z' }],
    });
  });
}

async function bytesOf(source: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function exportOf(format: ExportFormat, items: Session[], separator: ';' | ','): Promise<Buffer> {
  if (format === 'csv') return bytesOf(sessionsToCsv(items, { separator, bom: true }));
  if (format === 'xlsx') return bytesOf(sessionsToXlsx(items));
  return bytesOf(sessionsToText(items));
}

/**
 * Feeds `bytes` in chunks of `size`, recording the running count after each chunk; with `pauseMs`, waits that
 * long after each chunk, as a network would (xlsx is inflated off the main thread).
 */
async function count(format: ExportFormat, bytes: Buffer, size: number, pauseMs = 0): Promise<number[]> {
  let rows = 0;
  const seen: number[] = [];
  const counter = await countExportRows(format, (added) => {
    rows += added;
  });
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let at = 0; at < bytes.length; at += size) {
      yield bytes.subarray(at, at + size);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      seen.push(rows);
    }
  }
  await pipeline(Readable.from(chunks()), counter.input);
  await counter.done;
  seen.push(rows);
  return seen;
}

describe('countExportRows', () => {
  for (const format of ['csv', 'txt', 'xlsx'] as const) {
    it(`counts one row per session of a ${format} export, whatever the chunk boundaries`, async () => {
      for (const total of [0, 1, 23]) {
        const bytes = await exportOf(format, sessions(total), ';');
        for (const size of [1, 7, 4096, bytes.length || 1]) {
          const seen = await count(format, bytes, size);
          expect(seen.at(-1), `${total} sessions in chunks of ${size}`).toBe(total);
        }
      }
    });
  }

  it('counts a CSV whatever separator the server chose', async () => {
    const bytes = await exportOf('csv', sessions(23), ',');
    expect((await count('csv', bytes, 64)).at(-1)).toBe(23);
  });

  it('counts a last CSV record that has no line break after it, and CRLF records once', async () => {
    const csv = Buffer.from('id;text\r\ns1;"a\r\nb"\r\n"s2";"say ""hi""\n"\r\ns3;last');
    for (const size of [1, 3, csv.length]) expect((await count('csv', csv, size)).at(-1)).toBe(3);
  });

  it('counts a missed-questions CSV, one row per question', async () => {
    const texts = nasty.filter((text) => text !== '');
    const questions = texts.map((question, index) =>
      MissedQuestion.parse({
        id: `q${index}`,
        agentId: 'faq-bot',
        question,
        createdAt: '2026-01-15T10:00:00.000Z',
      }),
    );
    const bytes = await bytesOf(missedQuestionsToCsv(questions, { separator: ';' }));
    expect((await count('csv', bytes, 5)).at(-1)).toBe(texts.length);
  });

  it('counts as the bytes arrive, not only at the end', async () => {
    for (const format of ['csv', 'txt', 'xlsx'] as const) {
      // Enough sessions that the xlsx sheet is compressed and sent in several pieces.
      const bytes = await exportOf(format, sessions(3000), ';');
      const seen = await count(format, bytes, 16 * 1024, 5);
      const halfway = seen[Math.floor(seen.length / 2)] ?? 0;
      expect(halfway, format).toBeGreaterThan(0);
      expect(halfway, format).toBeLessThan(3000);
    }
  });

  it('rejects bytes that are not the format in done, while its input goes on taking bytes', async () => {
    for (const [format, junk] of [
      ['xlsx', 'this is not a zip file at all'],
      ['csv', 'id;text\n"an unterminated quote\n'],
    ] as const) {
      const counter = await countExportRows(format, () => undefined);
      const rest = Array.from({ length: 100 }, () => Buffer.alloc(64 * 1024, 'x'));
      await pipeline(Readable.from([Buffer.from(junk), ...rest]), counter.input);
      await expect(counter.done, format).rejects.toThrow();
    }
  });
});
