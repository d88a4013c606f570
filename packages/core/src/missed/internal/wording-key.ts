import { normalizeQuestion } from '../normalize.js';

/**
 * The wording-key function for a `normalize` option, or undefined for exact wording (the caller then uses the
 * text as is, with no call at all). A normaliser is memoised per distinct wording: a million occurrences of
 * twenty thousand wordings normalise twenty thousand times.
 */
export function resolveWordingKey(
  normalize: boolean | ((question: string) => string) | undefined,
): ((question: string) => string) | undefined {
  if (normalize === undefined || normalize === false) return undefined;
  const normalizer = normalize === true ? normalizeQuestion : normalize;
  const cache = new Map<string, string>();
  return (question) => {
    let key = cache.get(question);
    if (key === undefined) {
      key = normalizer(question);
      cache.set(question, key);
    }
    return key;
  };
}
