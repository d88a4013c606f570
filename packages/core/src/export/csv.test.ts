import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidTimeZoneError, ObservatoryInputError } from '../errors/errors.js';
import { MissedQuestion } from '../model/missed-question.js';
import type { Session } from '../model/session.js';
import { missedQuestionsToCsv, sessionsToCsv } from './csv.js';
import { nastySession, nastyTextArbitrary, nastyTexts, transcriptOf } from './nasty-text.fixture.js';
import { sessionCsvColumns } from './session-row.js';

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** The documented rule, written out independently of the implementation. */
function expectedCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function parseCsv(csv: string, delimiter: ';' | ','): Record<string, string>[] {
  return parse(csv, { delimiter, columns: true, bom: true, relax_column_count: false });
}

describe('sessionsToCsv', () => {
  for (const separator of [';', ','] as const) {
    it(`round-trips nasty text exactly with "${separator}" (only formula cells gain a leading apostrophe)`, async () => {
      const sessions = nastyTexts.map((text, i) => nastySession(text, i));
      const rows = parseCsv(await collect(sessionsToCsv(sessions, { separator })), separator);

      expect(rows).toHaveLength(nastyTexts.length);
      nastyTexts.forEach((text, i) => {
        const row = rows[i] as Record<string, string>;
        expect(Object.keys(row)).toEqual([...sessionCsvColumns]);
        for (const column of [
          'agentName',
          'deploymentName',
          'contactName',
          'contactEmail',
          'summary',
        ] as const) {
          expect(row[column]).toBe(expectedCell(text));
        }
        expect(row.tags).toBe(expectedCell(`${text}|billing`));
        expect(row.transcript).toBe(transcriptOf(text));
        expect(row.id).toBe(`s${i}`);
      });
    });
  }

  it('writes metadata, counts and flags as documented', async () => {
    const [row] = parseCsv(
      await collect(sessionsToCsv([nastySession('hi', 7)], { timeZone: 'Europe/Athens' })),
      ';',
    );
    expect(row).toMatchObject({
      createdAt: '2026-01-15T10:00:00.000Z',
      createdAtLocal: '2026-01-15 12:00:00',
      agentId: 'faq-bot',
      deploymentId: 'web',
      contactId: 'user-7',
      channel: 'webchat',
      status: 'COMPLETED',
      durationMs: '65000',
      language: 'el',
      messageCount: '3',
      userMessageCount: '1',
      containsFallback: 'true',
      containsLiveChat: 'true',
      csat: 'ANSWERED',
    });
  });

  it('never prefixes numbers it writes itself, and converts offset instants to UTC', async () => {
    const session = {
      ...nastySession('-1', 0),
      durationMs: 0,
      createdAt: '2026-01-15T12:00:00+02:00',
    } as Session;
    const [row] = parseCsv(await collect(sessionsToCsv([session])), ';');
    expect(row?.durationMs).toBe('0');
    expect(row?.createdAt).toBe('2026-01-15T10:00:00.000Z');
    expect(row?.summary).toBe("'-1");
  });

  it('emits a UTF-8 BOM as the first chunk only when asked', async () => {
    const withBom: string[] = [];
    for await (const chunk of sessionsToCsv([nastySession('x', 0)], { bom: true })) withBom.push(chunk);
    expect(withBom[0]).toBe('\uFEFF');
    expect(withBom.slice(1).join('')).not.toContain('\uFEFF');
    const without = await collect(sessionsToCsv([nastySession('x', 0)]));
    expect(without.startsWith('id;')).toBe(true);
  });

  it('uses CRLF line ends outside quoted cells', async () => {
    const csv = await collect(sessionsToCsv([nastySession('x', 0)]));
    expect(csv.split('\r\n')).toHaveLength(3); // header, one row, final empty string
  });

  it('quotes every cell holding a bare CR or LF, so a reader that ends rows at any line break keeps rows whole', async () => {
    const sessions = ['line one\nline two', 'carriage\rreturn', 'both\r\nends'].map((text, i) =>
      nastySession(text, i),
    );
    const csv = await collect(sessionsToCsv(sessions));
    // Excel and line-based tools end a row at CR, LF or CRLF alike; the file must parse the same way there.
    const strict: Record<string, string>[] = parse(csv, {
      delimiter: ';',
      columns: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
    expect(strict).toEqual(parseCsv(csv, ';'));
    expect(strict.map((row) => row.contactName)).toEqual([
      'line one\nline two',
      'carriage\rreturn',
      'both\r\nends',
    ]);
  });

  it('quotes a cell holding either separator or a TAB whatever the separator, and leaves other cells bare', async () => {
    const texts = ['agent: x,=1+2', 'a;b', 'tab\there', 'plain'];
    for (const separator of [';', ','] as const) {
      const csv = await collect(
        sessionsToCsv([nastySession('x', 0)].concat(texts.map((t, i) => nastySession(t, i + 1))), {
          separator,
        }),
      );
      for (const text of texts.slice(0, 3)) expect(csv).toContain(`${separator}"${text}"${separator}`);
      expect(csv).toContain(`${separator}plain${separator}`);
      expect(parseCsv(csv, separator).map((row) => row.contactName)).toEqual(['x', ...texts]);
    }
  });

  it('writes the same bytes from an array (chunked) and from an async source (row by row)', async () => {
    const sessions = Array.from({ length: 150 }, (_, i) =>
      nastySession(nastyTexts[i % nastyTexts.length] ?? '', i),
    );
    async function* one(): AsyncGenerator<Session> {
      yield* sessions;
    }
    const fromArray: string[] = [];
    for await (const chunk of sessionsToCsv(sessions)) fromArray.push(chunk);
    const fromAsync: string[] = [];
    for await (const chunk of sessionsToCsv(one())) fromAsync.push(chunk);
    expect(fromArray.join('')).toBe(fromAsync.join(''));
    expect(fromAsync).toHaveLength(151); // header + one chunk a row
    expect(fromArray.length).toBeLessThan(fromAsync.length);
  });

  it('rejects a separator other than ";" or "," and an unknown zone at call time', () => {
    const call = () => sessionsToCsv([], { separator: '\t' as ';' });
    expect(call).toThrow(ObservatoryInputError);
    expect(call).toThrow(expect.objectContaining({ field: 'separator' }));
    expect(() => sessionsToCsv([], { timeZone: 'Mars/Olympus' })).toThrow(InvalidTimeZoneError);
  });

  it('reads an async source only as the consumer pulls (one row at a time)', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<Session> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield nastySession(`row ${i}`, i);
      }
    }
    const iterator = sessionsToCsv(source())[Symbol.asyncIterator]();
    expect(pulled).toBe(0);
    await iterator.next(); // header
    expect(pulled).toBe(0);
    await iterator.next(); // first row
    expect(pulled).toBe(1);
    await iterator.next();
    await iterator.next();
    expect(pulled).toBe(3);
    await iterator.return?.();
    expect(pulled).toBe(3);
  });

  it('round-trips arbitrary unicode text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(nastyTextArbitrary, fc.constantFrom(';', ','), async (text, sep) => {
        const [row] = parseCsv(
          await collect(sessionsToCsv([nastySession(text, 0)], { separator: sep })),
          sep,
        );
        expect(row?.summary).toBe(expectedCell(text));
        expect(row?.transcript).toBe(transcriptOf(text));
      }),
      { numRuns: 150 },
    );
  });
});

describe('missedQuestionsToCsv', () => {
  it('writes the platform columns and round-trips nasty questions', async () => {
    const questions = nastyTexts
      .filter((text) => text !== '')
      .map((question, i) =>
        MissedQuestion.parse({
          id: `q${i}`,
          agentId: 'faq-bot',
          question,
          occurrences: i,
          createdAt: '2026-01-15T10:00:00.000Z',
        }),
      );
    const rows = parseCsv(await collect(missedQuestionsToCsv(questions, { separator: ',', bom: true })), ',');
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'agentId',
      'question',
      'status',
      'occurrences',
      'filteredOccurrences',
      'language',
      'createdAt',
      'updatedAt',
    ]);
    rows.forEach((row, i) => {
      const source = questions[i] as MissedQuestion;
      expect(row.question).toBe(expectedCell(source.question));
      expect(row).toMatchObject({
        id: `q${i}`,
        status: 'UNRESOLVED',
        occurrences: String(i),
        filteredOccurrences: '',
      });
      expect(row.createdAt).toBe('2026-01-15T10:00:00.000Z');
    });
  });

  it('rejects an unsupported separator', () => {
    expect(() => missedQuestionsToCsv([], { separator: '|' as ',' })).toThrow(
      expect.objectContaining({ field: 'separator' }),
    );
  });
});
