import type { TranscriptLineView } from '@observatory/core';

const INVERSE = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';

/**
 * A transcript as terminal lines: local time, speaker, text, and with `options.ids` the message id in brackets at
 * the end (what `--highlight` takes). A highlighted line is shown in inverse video on a terminal (`color`), else
 * marked with `>>` (a file or a pipe keeps the mark); the other lines are indented to match.
 *
 * @example
 * ```ts
 * renderTranscript(transcriptView(session, { timeZone: 'Europe/Athens', highlight: ['m3'] }), false, { ids: true });
 * // '   2026-11-25 12:00:00  User: hi  [m2]\n>> 2026-11-25 12:00:05  User: Do you ship to Cyprus?  [m3]'
 * ```
 */
export function renderTranscript(
  lines: readonly TranscriptLineView[],
  color: boolean,
  options: { readonly ids?: boolean } = {},
): string {
  return lines
    .map((line) => {
      const id = options.ids ? `  [${line.messageId}]` : '';
      const text = `${line.time}  ${line.speaker}: ${line.text.replace(/\s*\n\s*/g, ' ')}${id}`;
      if (!line.highlighted) return `   ${text}`;
      return color ? `   ${INVERSE}${text}${INVERSE_OFF}` : `>> ${text}`;
    })
    .join('\n');
}
