// The generated dataset of the spreadsheet suite: a few hundred sessions and missed questions whose every text
// field is drawn from the cases that spreadsheet programs and naive writers get wrong.
import type { SessionInput } from '@observatory/core';

/** Text a spreadsheet program, an XML writer or a CSV reader gets wrong, each case on its own. */
export const NASTY_TEXTS = [
  ' spaced ',
  '  two leading, two trailing  ',
  'trailing line break\n',
  '\nleading line break',
  'crlf\r\ninside',
  'lone\rcr',
  'ends with crlf\r\n',
  'x\uFFFEy',
  '\uFFFF',
  'report_x0020_final.pdf',
  '_x005F_x0041_ and _xABCD_ and _x00e9_',
  'control \u0001\u0008\u000B\u000C\u001F and DEL \u007F',
  '=HYPERLINK("http://evil.example","click")',
  '=1+2',
  ' =1+2 after a space',
  '+306954276813',
  '-1',
  '@SUM(1,2)',
  '\tleading tab',
  'inner\ttab',
  'agent: x,=1+2',
  'semi;colon and comma,',
  'double "quoted" and \'single\'',
  '12345678901234567',
  '0123',
  '50%',
  '1/2',
  '1e5',
  'TRUE',
  '2026-11-25',
  'Ελληνικά: πού είναι η παραγγελία μου;',
  'مرحبا، أين طلبي؟',
  'emoji 🙂👩‍👩‍👧 and flags 🇬🇷',
  'plain text',
] as const;

const LONG_TEXT_LENGTH = 40_000;

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Agents of the dataset: the suite's filter takes the first two and leaves the third out. */
export const DATASET_AGENTS = ['bot-a', 'bot-b', 'bot-c'] as const;

/** The range every in-filter session lies in (a few lie before it, to show the filter holds). */
export const DATASET_RANGE = { from: '2026-11-01', to: '2026-11-30' } as const;

/**
 * `count` sessions: 17-digit ids, text fields from {@link NASTY_TEXTS} (each case in every field over the
 * dataset), some 40,000-character messages, and times with milliseconds.
 */
export function nastySessions(count: number): SessionInput[] {
  const random = seeded(13);
  const pick = (): string => NASTY_TEXTS[Math.floor(random() * NASTY_TEXTS.length)] as string;
  const base = Date.parse('2026-11-05T00:00:00.000Z');
  return Array.from({ length: count }, (_, i) => {
    // Each text field walks the list at its own offset, so every case lands in every field.
    const text = (offset: number): string => NASTY_TEXTS[(i + offset) % NASTY_TEXTS.length] as string;
    const outOfRange = i % 50 === 49;
    const createdAt = new Date(
      (outOfRange ? Date.parse('2026-10-10T00:00:00.000Z') : base) + i * 4_321_987 + (i % 1000),
    ).toISOString();
    // A 40,000-character transcript is many messages: LibreOffice's edit engine splits a line of a multi-line cell
    // past ~16,367 characters (its paragraph limit), which is its limit, not the file's.
    const long = i % 97 === 5;
    const messages = Array.from({ length: long ? 20 : 1 + (i % 4) }, (_, m) => ({
      id: `m${i}-${m}`,
      role: m % 2 === 0 ? ('user' as const) : ('agent' as const),
      text: long ? `${m} ${'long transcript line 🙂 '.repeat(90)}${pick()}` : pick(),
      createdAt,
      ...(m === 1 && i % 3 === 0 ? { category: 'FALLBACK' as const } : {}),
    }));
    return {
      id: String(10_000_000_000_000_000n + BigInt(i) * 7_919n),
      agentId: DATASET_AGENTS[i % 3] as string,
      agentName: text(1),
      deployment: i % 5 === 0 ? null : { id: i % 2 === 0 ? '0123' : 'web', name: text(2) },
      contact: {
        id: i % 2 === 0 ? String(12_345_678_901_234_567n + BigInt(i)) : `0${i}`,
        ...(i % 7 === 0 ? {} : { name: text(3) }),
        ...(i % 11 === 0 ? {} : { email: text(4) }),
      },
      channel: text(5),
      status: i % 4 === 0 ? ('ACTIVE' as const) : ('COMPLETED' as const),
      language: text(6),
      createdAt,
      durationMs: Math.floor(random() * 10_000_000),
      tags: i % 6 === 0 ? [] : [text(7), text(8)],
      analysis: { summary: i % 97 === 7 ? ` ${'summary '.repeat(LONG_TEXT_LENGTH / 8)}` : text(9) },
      csatSurveys: i % 8 === 0 ? [{ id: `c${i}`, status: 'ANSWERED' as const, scores: { overall: 4 } }] : [],
      messages,
    };
  });
}
