import { normalizeQuestion } from './normalize.js';

/**
 * The key of a missed-question group: the agent and the wording (normalised when asked), joined by U+0000, which
 * neither part contains in practice. Use it with `statusOf` or to find a group again after regrouping.
 *
 * @param normalize - `false`: exact wording; `true`: {@link normalizeQuestion}; a function: your own wording key.
 * @default false
 * @example
 * ```ts
 * import { missedQuestionKey } from '@observatory/core';
 * missedQuestionKey('faq-bot', 'Do you ship to Cyprus?'); // 'faq-bot\u0000Do you ship to Cyprus?'
 * missedQuestionKey('faq-bot', 'Do you ship to Cyprus?', true); // 'faq-bot\u0000do you ship to cyprus'
 * ```
 */
export function missedQuestionKey(
  agentId: string,
  question: string,
  normalize: boolean | ((question: string) => string) = false,
): string {
  const wording =
    normalize === false ? question : normalize === true ? normalizeQuestion(question) : normalize(question);
  return `${agentId}\u0000${wording}`;
}
