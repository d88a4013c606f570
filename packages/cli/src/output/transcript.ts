import type { TranscriptLineView } from '@observatory/core';

const INVERSE = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';

/**
 * A transcript as terminal lines: local time, speaker, text. A highlighted line is shown in inverse video on a
 * terminal (`color`), else marked with `>>` (a file or a pipe keeps the mark); the other lines are indented to
 * match.
 *
 * @example
 * ```ts
 * renderTranscript(transcriptView(session, { timeZone: 'Europe/Athens', highlight: ['m3'] }), false);
 * // '   2026-11-25 12:00:00  User: hi\n>> 2026-11-25 12:00:05  User: Do you ship to Cyprus?'
 * ```
 */
export function renderTranscript(lines: readonly TranscriptLineView[], color: boolean): string {
  return lines
    .map((line) => {
      const text = `${line.time}  ${line.speaker}: ${line.text.replace(/\s*\n\s*/g, ' ')}`;
      if (!line.highlighted) return `   ${text}`;
      return color ? `   ${INVERSE}${text}${INVERSE_OFF}` : `>> ${text}`;
    })
    .join('\n');
}
