const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]+/gu;
const WHITESPACE_RUN = /\s+/gu;

/**
 * The opt-in normaliser: merges case, whitespace and punctuation variants of one wording.
 *
 * Steps, in order: Unicode NFKC (full-width letters, ligatures and the like become their plain form), lower-case
 * (`String.prototype.toLowerCase`, which does not depend on the runtime's locale), remove punctuation and
 * symbols (`\p{P}`, `\p{S}`: `U.S.A.` → `usa`, `don't` → `dont`), collapse whitespace runs to one space, trim.
 * A wording made only of punctuation or symbols (`???`) keeps them rather than becoming the empty string, so
 * such wordings do not all fall into one group.
 *
 * @example
 * ```ts
 * import { normalizeQuestion } from '@observatory/core';
 * normalizeQuestion('  Do you SHIP to Cyprus?? '); // 'do you ship to cyprus'
 * ```
 */
export function normalizeQuestion(question: string): string {
  const folded = question.normalize('NFKC').toLowerCase();
  const stripped = collapseWhitespace(folded.replace(PUNCTUATION_OR_SYMBOL, ''));
  return stripped === '' ? collapseWhitespace(folded) : stripped;
}

function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}
