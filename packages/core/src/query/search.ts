import { ObservatoryInputError } from '../errors/errors.js';
import { compileLinearPattern } from './internal/linear-pattern.js';
import { SearchMode, type SessionSearchInput } from './session-query.js';

/**
 * Longest regular expression {@link compileSearch} accepts in `regex` mode, in UTF-16 code units. With the
 * compiled-size limit (1,000 RE2 instructions) it bounds the work one pattern may do per character of text; a
 * search box never needs more.
 *
 * @example
 * ```ts
 * import { MAX_SEARCH_PATTERN_LENGTH } from '@observatory/core';
 * if (pattern.length > MAX_SEARCH_PATTERN_LENGTH) console.warn('pattern too long');
 * ```
 */
export const MAX_SEARCH_PATTERN_LENGTH = 200;

/**
 * Largest compiled `regex` pattern, in RE2 instructions. RE2's time is linear in the text with a factor up to
 * the program size, so this bounds the work per character: `[^z]{0,999}` repeated to 200 characters (32,000
 * instructions) needs about 1 ms per character, a 50,000-character message nearly a minute.
 */
const MAX_SEARCH_PROGRAM_SIZE = 1000;

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
 * - `regex`: the term is a regular expression in RE2 syntax (https://github.com/google/re2/wiki/Syntax), run
 *   by RE2JS, a linear-time engine: no pattern backtracks, so `(a+)+$`, `(a|a)*b`, `.*.*x` or `\d+\.\d+` take
 *   time proportional to the text even on adversarial messages. RE2 has no backreferences (`\1`,
 *   `\k<name>`) or lookaround (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`); those, and other syntax RE2 does not
 *   read (it writes a code point `\x{1F600}`, not `\u{1F600}`, and a script `\p{Greek}`, not
 *   `\p{Script=Greek}`), are refused. Named groups (`(?<name>…)`), classes, `\p{L}`, anchors and lazy
 *   repeats work as in JavaScript; `^` and `$` match at the ends of the text only (JavaScript without the `m`
 *   flag). To bound the work per character, patterns longer than
 *   {@link MAX_SEARCH_PATTERN_LENGTH} (200) characters, or that compile to more than 1,000 RE2 instructions
 *   (`.{0,1000}`: each repetition a `{n,m}` count allows adds its part again), are refused too.
 *
 * `search.variable` does not change how text is tested; {@link compileSessionQuery} uses it to pick the text.
 *
 * @throws UnsafePatternError (field `search.term`) for a regular expression that is too long, too large or
 *   not RE2 syntax (backreferences, lookaround), with RE2JS's `RE2JSSyntaxException` as `cause` when it does
 *   not parse; ObservatoryInputError (field `search.term`) for an empty term, (field `search.mode`) for an
 *   unknown mode.
 * @example
 * ```ts
 * import { compileSearch } from '@observatory/core';
 * const hasShip = compileSearch({ term: 'ship', mode: 'fullWord' });
 * hasShip('When will you ship?'); // true
 * hasShip('Free shipping'); // false
 * compileSearch({ term: 'ord(er)?-\\d+', mode: 'regex' })('ORDER-42'); // true
 * // Linear time: no catastrophic backtracking, even on 50,000 characters.
 * compileSearch({ term: '(a+)+$', mode: 'regex' })(`${'a'.repeat(50_000)}!`); // false
 * compileSearch({ term: '(a)\\1', mode: 'regex' }); // throws UnsafePatternError: RE2 has no backreferences
 * ```
 */
export function compileSearch(search: SessionSearchInput): (text: string) => boolean {
  const { term } = search;
  if (typeof term !== 'string' || term.length === 0) {
    throw new ObservatoryInputError('search.term', 'a non-empty string', term);
  }
  const mode = search.mode ?? 'plain';
  // A mode from plain JavaScript or a query string that is none of the three must not quietly search as `plain`.
  if (!SearchMode.safeParse(mode).success) {
    throw new ObservatoryInputError('search.mode', `one of ${SearchMode.options.join(', ')}`, mode);
  }
  if (mode === 'regex') {
    return compileLinearPattern(term, 'search.term', {
      maxLength: MAX_SEARCH_PATTERN_LENGTH,
      maxProgramSize: MAX_SEARCH_PROGRAM_SIZE,
    });
  }
  // `plain` and `fullWord` run on V8's RegExp, built only from the escaped term (a fixed string) and
  // one-character lookarounds: nothing in them repeats or alternates, so they cannot backtrack catastrophically.
  const regex = new RegExp(mode === 'fullWord' ? wholeWordSource(term) : escapeRegExp(term), 'iu');
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
