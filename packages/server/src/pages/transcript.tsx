/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { TranscriptLineView } from '@observatory/core';

/**
 * A transcript as an ordered list: time, speaker and text per line; a highlighted line (the missed question) is
 * marked with `<mark>` and the class `highlighted`.
 *
 * @example
 * ```tsx
 * <Transcript lines={transcriptView(session, { timeZone: 'UTC' })} />
 * ```
 */
export function Transcript(props: { lines: readonly TranscriptLineView[] }) {
  return (
    <ol id="transcript">
      {props.lines.map((line) => (
        <li
          data-message-id={line.messageId}
          data-kind={line.kind}
          class={line.highlighted ? 'highlighted' : undefined}
        >
          <time class="time" datetime={line.at}>
            {line.time}
          </time>
          <span class="speaker">{line.speaker}</span>
          {line.highlighted ? <mark>{line.text}</mark> : <span>{line.text}</span>}
        </li>
      ))}
    </ol>
  );
}
