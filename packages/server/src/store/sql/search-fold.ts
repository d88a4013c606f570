/**
 * Case folding for the transcript search index, derived from the very engine core's search runs on: core's
 * `plain` and `fullWord` modes test text with a V8 `RegExp` under the `iu` flags, where two code points match
 * each other when Unicode simple case folding maps them to the same one. Here every code point is replaced by
 * the smallest code point it matches that way, so `foldForSearch(text).includes(foldForSearch(term))` holds
 * exactly when core's `plain` search of `term` matches `text` (for a term without a line feed: the index joins
 * a session's messages with one).
 *
 * Core's `compileSearch` also answers on the folded text exactly as on the text, for `plain` and `fullWord`
 * terms without a line feed: under `iu` every test those patterns make compares case-folded code points (the
 * escaped term's characters, and the `[\p{L}\p{N}\p{M}]` word test of the lookarounds, which the `i` flag
 * closes under case), folding swaps each code point for one of its own class, and the line feed joining
 * messages is no word character. So a full-word search is confirmed on `search_text` without reading documents.
 *
 * The classes are computed once, by asking V8 itself (a case-insensitive regular expression per code point
 * whose case changes, run over all of them), so they follow the Unicode version of the running Node.js as
 * core's search does.
 */

/** Between two messages in the search text: a term without it cannot match across messages. */
export const SEARCH_TEXT_SEPARATOR = '\n';

// With the `u` flag a lone surrogate is a code point of its own, of category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

let classes: Map<number, string> | undefined;

// Cased code points end below U+1E944 (Adlam); the loop stops at U+20000 to cover later additions nearby.
const LAST_CASED = 0x1ffff;

function buildClasses(): Map<number, string> {
  const cased: string[] = [];
  for (let cp = 0; cp <= LAST_CASED; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) cased.push(ch);
  }
  const all = cased.join('');
  const map = new Map<number, string>();
  for (const ch of cased) {
    const cp = ch.codePointAt(0) as number;
    if (map.has(cp)) continue;
    const members = [...all.matchAll(new RegExp(`\\u{${cp.toString(16)}}`, 'giu'))].map(
      (m) => m[0].codePointAt(0) as number,
    );
    const smallest = String.fromCodePoint(Math.min(cp, ...members));
    for (const member of members) map.set(member, smallest);
    map.set(cp, smallest);
  }
  for (const [cp, folded] of map) if (String.fromCodePoint(cp) === folded) map.delete(cp);
  return map;
}

/**
 * The text with every code point replaced by the representative of its case class under core's search rules.
 *
 * @example
 * ```ts
 * foldForSearch('ΣΊΣΥΦΟΣ') === foldForSearch('σίσυφος'); // true
 * foldForSearch('Straße') === foldForSearch('STRASSE'); // false: ß matches ẞ, not "SS"
 * ```
 */
export function foldForSearch(text: string): string {
  classes ??= buildClasses();
  let out = '';
  for (const ch of text) {
    const folded = classes.get(ch.codePointAt(0) as number);
    out += folded ?? ch;
  }
  return out;
}

/**
 * A `LIKE` pattern (backslash escapes) finding `term` anywhere in a folded search text, or undefined when the
 * index cannot decide the term exactly (it holds a line feed, or a lone surrogate no database text can hold).
 *
 * @example
 * ```ts
 * searchLikePattern('50% OFF'); // '%50\\% off%' in folded form
 * ```
 */
export function searchLikePattern(term: string): string | undefined {
  if (term.includes(SEARCH_TEXT_SEPARATOR) || LONE_SURROGATE.test(term)) return undefined;
  return `%${foldForSearch(term).replace(/[\\%_]/g, '\\$&')}%`;
}
