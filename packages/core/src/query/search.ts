import { ObservatoryInputError } from '../errors/errors.js';
import { compileSafePattern } from './internal/safe-pattern.js';
import type { SessionSearchInput } from './session-query.js';

/**
 * Longest regular expression {@link compileSearch} accepts in `regex` mode, in UTF-16 code units: long patterns
 * are where costly shapes hide, and a search box never needs more.
 *
 * @example
 * ```ts
 * import { MAX_SEARCH_PATTERN_LENGTH } from '@observatory/core';
 * if (pattern.length > MAX_SEARCH_PATTERN_LENGTH) console.warn('pattern too long');
 * ```
 */
export const MAX_SEARCH_PATTERN_LENGTH = 200;

// Letters, digits and combining marks make up a word, in any script (Greek, Cyrillic, accented Latin...).
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}\\p{M}])';
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}\\p{M}])';

/**
 * Compiles a search term to a text test, once; call the result on as many texts as needed.
 *
 * Modes, all case-insensitive with Unicode case folding (so `Σ`, `σ` and `ς` match each other):
 * - `plain` (default): the term appears anywhere in the text;
 * - `fullWord`: the term appears as a whole word — not preceded or followed by a letter, digit or combining mark
 *   of any script, so `ship` matches `Ship?` but not `shipping`;
 * - `regex`: the term is a JavaScript regular expression compiled with the `i` and `u` flags. To keep one query
 *   from stalling a server, patterns longer than {@link MAX_SEARCH_PATTERN_LENGTH} (200) characters, with
 *   backreferences, with lookbehind, or with a repeated group (`*`, `+`, `{n,}`) that contains a quantifier or
 *   an alternation (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`) are refused.
 *
 * `search.variable` does not change how text is tested; {@link compileSessionQuery} uses it to pick the text.
 *
 * @throws UnsafePatternError (field `search.term`) for an invalid or refused regular expression, with the
 *   `SyntaxError` as `cause` when invalid; ObservatoryInputError (field `search.term`) for an empty term.
 * @example
 * ```ts
 * import { compileSearch } from '@observatory/core';
 * const hasShip = compileSearch({ term: 'ship', mode: 'fullWord' });
 * hasShip('When will you ship?'); // true
 * hasShip('Free shipping'); // false
 * compileSearch({ term: 'ord(er)?-\\d+', mode: 'regex' })('ORDER-42'); // true
 * ```
 */
export function compileSearch(search: SessionSearchInput): (text: string) => boolean {
  const { term } = search;
  if (typeof term !== 'string' || term.length === 0) {
    throw new ObservatoryInputError('search.term', 'a non-empty string', term);
  }
  const mode = search.mode ?? 'plain';
  const regex =
    mode === 'regex'
      ? compileSafePattern(term, 'search.term', MAX_SEARCH_PATTERN_LENGTH)
      : mode === 'fullWord'
        ? new RegExp(wholeWordSource(term), 'iu')
        : new RegExp(escapeRegExp(term), 'iu');
  // No `g` flag, so `test` keeps no state between texts.
  return (text) => regex.test(text);
}

/** The escaped term with a word boundary on each side that starts or ends with a word character. */
function wholeWordSource(term: string): string {
  const chars = [...term];
  const before = WORD_CHAR.test(chars[0] ?? '') ? NOT_AFTER_WORD : '';
  const after = WORD_CHAR.test(chars[chars.length - 1] ?? '') ? NOT_BEFORE_WORD : '';
  return `${before}${escapeRegExp(term)}${after}`;
}

// Only syntax characters: with the `u` flag, escaping anything else (such as `-`) is a SyntaxError.
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
