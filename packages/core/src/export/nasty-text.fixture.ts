import fc from 'fast-check';
import { Session } from '../model/session.js';

/**
 * Text that breaks naive CSV/XML writers: separators, both quote kinds, line breaks, emoji, RTL, formulas,
 * characters XML cannot hold, and text that looks like an OOXML `_xHHHH_` escape.
 */
export const nastyTexts = [
  'plain',
  'comma, and; semicolon',
  'double "quoted" and \'single\' and “curly”',
  'line\nbreak',
  'crlf\r\nbreak',
  'trailing newline\n',
  'emoji 🙂👩‍👩‍👧 and flags 🇬🇷',
  'مرحبا، أين طلبي؟',
  'שלום, איפה ההזמנה שלי?',
  'Ελληνικά: πού είναι η παραγγελία μου;',
  '=SUM(A1:A2)',
  '+30 210 1234567',
  '-5',
  '@import',
  '\tleading tab',
  '\rleading cr',
  '  spaces around  ',
  'not a character \uFFFE and \uFFFF',
  'controls \u0001\u001F and DEL \u007F',
  'report_x0020_final.pdf',
  '_x005F_ and _xabcd_',
  '',
] as const;

/**
 * Random text for round-trip properties: the pieces that break CSV and XML writers (separators, quotes, every
 * line break, formula starters, emoji, RTL and Greek script) mixed with arbitrary printable Unicode, so that
 * each of them — and a leading `=`, `+`, `-` or `@` — comes up in most runs rather than by rare chance.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(nastyTextArbitrary, (text) => { ... }));
 * ```
 */
export const nastyTextArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ',',
        ';',
        '"',
        "'",
        '\n',
        '\r\n',
        '\r',
        '\t',
        ' ',
        '=',
        '+',
        '-',
        '@',
        '\uFFFE',
        '\u0001',
      ),
      fc.constantFrom('_x0020_', '_x005F_', '_xFFFE_', '_x'),
      fc.constantFrom('🙂', '👩‍👩‍👧', '🇬🇷', 'مرحبا، أين', 'שלום', 'Ελληνικά', '“curly”'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/**
 * A session whose every text field holds `text`, plus messages of all three roles carrying it.
 *
 * @example
 * ```ts
 * const session = nastySession('=1+1', 0);
 * ```
 */
export function nastySession(text: string, index: number): Session {
  return Session.parse({
    id: `s${index}`,
    agentId: 'faq-bot',
    agentName: text,
    deployment: { id: 'web', name: text },
    contact: { id: `user-${index}`, name: text, email: text },
    channel: 'webchat',
    status: 'COMPLETED',
    language: 'el',
    createdAt: '2026-01-15T10:00:00.000Z',
    durationMs: 65_000,
    tags: [text, 'billing'],
    analysis: { summary: text },
    csatSurveys: [{ id: 'c1', status: 'ANSWERED', scores: { overall: 5 } }],
    messages: [
      { id: 'm1', role: 'user', text, createdAt: '2026-01-15T10:00:00.000Z' },
      { id: 'm2', role: 'agent', text, createdAt: '2026-01-15T10:00:05.000Z', category: 'FALLBACK' },
      {
        id: 'm3',
        role: 'system',
        kind: 'event',
        createdAt: '2026-01-15T10:00:06.000Z',
        event: { type: 'livechat', liveChatEventType: 'LIVECHAT_REQUESTED' },
      },
    ],
  });
}

/**
 * The transcript cell of {@link nastySession}: each message as `role: text`, an empty text shown as
 * `(empty message)` (a transcript line is never blank) and the LiveChat event with its kind.
 */
export function transcriptOf(text: string): string {
  const shown = text === '' ? '(empty message)' : text;
  return `user: ${shown}\nagent: ${shown}\nsystem: LiveChat requested`;
}
