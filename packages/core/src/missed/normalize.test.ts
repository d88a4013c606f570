import { describe, expect, it } from 'vitest';
import { missedQuestionKey } from './key.js';
import { normalizeQuestion } from './normalize.js';

describe('normalizeQuestion', () => {
  it('merges case, whitespace and punctuation variants of one wording', () => {
    expect(normalizeQuestion('Do you ship to Cyprus?')).toBe('do you ship to cyprus');
    expect(normalizeQuestion('  do you SHIP to cyprus ')).toBe('do you ship to cyprus');
    expect(normalizeQuestion('Do\tyou\n\nship   to Cyprus?!')).toBe('do you ship to cyprus');
  });

  it('folds compatibility forms (NFKC) before comparing', () => {
    // Full-width letters and the "ﬁ" ligature are the same words to a reader.
    expect(normalizeQuestion('Ｃｙｐｒｕｓ')).toBe('cyprus');
    expect(normalizeQuestion('ﬁnd my order')).toBe('find my order');
  });

  it('removes symbols and punctuation of any script, keeping letters of any script', () => {
    expect(normalizeQuestion('Πού είναι η παραγγελία μου;')).toBe('πού είναι η παραγγελία μου');
    expect(normalizeQuestion('Price in €?')).toBe('price in');
    expect(normalizeQuestion('U.S.A. shipping')).toBe('usa shipping');
  });

  it('keeps a wording made only of punctuation rather than returning the empty string', () => {
    expect(normalizeQuestion(' ?? ')).toBe('??');
    expect(normalizeQuestion('!!!')).not.toBe(normalizeQuestion('???'));
  });

  it('is idempotent', () => {
    for (const text of ['Do you ship to Cyprus?', '  A  b. C ', 'Ｃｙｐｒｕｓ', '???']) {
      expect(normalizeQuestion(normalizeQuestion(text))).toBe(normalizeQuestion(text));
    }
  });
});

describe('missedQuestionKey', () => {
  it('joins agent and wording with U+0000, normalising only when asked', () => {
    expect(missedQuestionKey('faq', 'Do you ship?')).toBe('faq\u0000Do you ship?');
    expect(missedQuestionKey('faq', 'Do you ship?', true)).toBe('faq\u0000do you ship');
    expect(missedQuestionKey('faq', 'Do you ship?', (q) => q.length.toString())).toBe('faq\u000012');
  });
});
