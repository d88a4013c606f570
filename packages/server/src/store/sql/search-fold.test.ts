import { compileSearch } from '@observatory/core';
import { describe, expect, it } from 'vitest';
import { foldForSearch, SEARCH_TEXT_SEPARATOR, searchLikePattern } from './search-fold.js';

// Every code point whose case changes (the only ones with a case class of more than one member), and a few
// that have none.
const cased: string[] = [];
for (let cp = 0; cp <= 0x1ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const ch = String.fromCodePoint(cp);
  if (ch.toLowerCase() !== ch || ch.toUpperCase() !== ch) cased.push(ch);
}
const uncased = ['1', '-', ' ', '%', '\u00a0', '中', '😀', '\u0301', 'ـ'];

describe('foldForSearch', () => {
  it("folds two code points alike exactly when core's plain search of one matches the other", () => {
    const mismatches: string[] = [];
    const all = [...cased, ...uncased];
    for (const a of all) {
      const matches = compileSearch({ term: a, mode: 'plain' });
      const folded = foldForSearch(a);
      for (const b of all) {
        if (matches(b) !== (foldForSearch(b) === folded)) mismatches.push(`${a} / ${b}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps one code point for one code point, so a folded term is found where core finds the term', () => {
    const text = 'ΣΊΣΥΦΟΣ, STRAẞE, K-ſhip 😀';
    expect([...foldForSearch(text)]).toHaveLength([...text].length);
    for (const term of ['σίσυφος', 'straße', 'kelvin', 'k-ship', '😀']) {
      expect(foldForSearch(text).includes(foldForSearch(term))).toBe(compileSearch({ term })(text));
    }
  });

  it("lets core's plain and full-word search answer on a folded transcript as on its messages", () => {
    const messages = ['Ship to ΚΎΠΡΟΣ?', 'shipping ſoon', 'Free K-ship', 'ΣΊΣΥΦΟΣ straẞe', 'x'];
    const folded = foldForSearch(messages.join(SEARCH_TEXT_SEPARATOR));
    for (const term of ['ship', 'κύπρος', 'soon', 'k', 'σίσυφος', 'STRASSE', 'straße', 'e x', 'ο']) {
      for (const mode of ['plain', 'fullWord'] as const) {
        const matches = compileSearch({ term, mode });
        expect(matches(folded), `${mode} ${term}`).toBe(messages.some((m) => matches(m)));
      }
    }
  });

  it('escapes LIKE wildcards and leaves terms the index cannot decide to core', () => {
    expect(searchLikePattern('a%b_c\\d')).toBe(
      `%${foldForSearch('a')}\\%${foldForSearch('b')}\\_${foldForSearch('c')}\\\\${foldForSearch('d')}%`,
    );
    expect(searchLikePattern('two\nlines')).toBeUndefined();
    expect(searchLikePattern('lone \ud800')).toBeUndefined();
  });
});
