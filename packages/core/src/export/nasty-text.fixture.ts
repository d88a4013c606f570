import { Session } from '../model/session.js';

/** Text that breaks naive CSV/XML writers: separators, both quote kinds, line breaks, emoji, RTL, formulas. */
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
  '',
] as const;

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
