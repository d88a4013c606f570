import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ObservatoryInputError, UnsafePatternError } from '../errors/errors.js';
import { compileSearch } from './search.js';
import type { SearchMode } from './session-query.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('compileSearch', () => {
  const cases: Array<[SearchMode, string, string, boolean]> = [
    // mode, term, text, matches
    ['plain', 'refund', 'I want a REFUND please', true],
    ['plain', 'refund', 'Refunded yesterday', true],
    ['plain', 'refund', 'ref und', false],
    ['plain', 'c++', 'I write C++ daily', true],
    ['plain', '$5.00', 'It costs $5.00', true],
    ['plain', '$5.00', 'It costs $5X00', false],
    ['plain', 'e-mail [me]', 'Send an E-Mail [me]', true],
    ['plain', 'καλημέρα', 'ΚΑΛΗΜΈΡΑ σας', true],
    // Unicode case folding: final and medial sigma both match capital sigma.
    ['plain', 'λογος', 'ΛΟΓΟΣ', true],
    ['plain', 'hello', '', false],
    ['fullWord', 'ship', 'When will you ship?', true],
    ['fullWord', 'ship', 'SHIP it now', true],
    ['fullWord', 'ship', 'Free shipping', false],
    ['fullWord', 'ship', 'reship it', false],
    ['fullWord', 'ship', 'ship2 is a code', false],
    ['fullWord', 'ship', 'ship_it', true],
    ['fullWord', 'γεια', 'Γεια σου!', true],
    ['fullWord', 'γεια', 'Γειαα σου', false],
    ['fullWord', 'σας', 'ευχαριστώ ΣΑΣ.', true],
    ['fullWord', 'caf', 'un café', false],
    // A combining accent continues the word it follows.
    ['fullWord', 'cafe', 'un cafe\u0301', false],
    ['fullWord', 'cafe', 'un cafe.', true],
    ['fullWord', 'c++', 'I like c++.', true],
    ['fullWord', 'c++', 'abc++', false],
    ['fullWord', 'two words', 'say two words now', true],
    ['fullWord', 'two words', 'two wordsmiths', false],
    ['regex', 'ord(er)?-\\d+', 'Where is ORDER-42?', true],
    ['regex', 'ord(er)?-\\d+', 'ord-7', true],
    ['regex', 'ord(er)?-\\d+', 'order-x', false],
    ['regex', '^hello$', 'HELLO', true],
    ['regex', '^hello$', 'hello there', false],
    ['regex', '\\p{Script=Greek}{4}', 'Γεια', true],
    ['regex', '\\p{Script=Greek}{4}', 'Hola', false],
  ];

  it.each(cases)('%s %j in %j → %s', (mode, term, text, expected) => {
    expect(compileSearch({ term, mode })(text)).toBe(expected);
  });

  it('defaults to plain mode and keeps no state between texts', () => {
    const test = compileSearch({ term: 'a.b' });
    expect(test('xa.by')).toBe(true);
    expect(test('axb')).toBe(false);
    const regex = compileSearch({ term: 'x', mode: 'regex' });
    expect([regex('x'), regex('x'), regex('x')]).toEqual([true, true, true]);
  });

  it('rejects an empty term naming search.term', () => {
    const error = thrown(() => compileSearch({ term: '' }));
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect(error).toMatchObject({ field: 'search.term' });
  });
});

describe('compileSearch regex guard', () => {
  it.each([
    // Catastrophic on "aaaa…a!": exponential backtracking in a backtracking engine such as V8's.
    ['(a+)+$', 'nested quantifiers'],
    ['(a|aa)*b', 'nested quantifiers'],
    ['(\\w+\\s?)*$', 'nested quantifiers'],
    ['(?:x+y?)+z', 'nested quantifiers'],
    ['((ab)*c)+', 'nested quantifiers'],
    ['(a*){2,}', 'nested quantifiers'],
    ['(?<word>a+)\\k<word>', 'backreferences'],
    ['(a)\\1', 'backreferences'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['a'.repeat(201), 'at most 200 characters'],
  ])('refuses %s', (term, reason) => {
    const error = thrown(() => compileSearch({ term, mode: 'regex' }));
    expect(error).toBeInstanceOf(UnsafePatternError);
    expect(error).toMatchObject({ field: 'search.term' });
    expect((error as Error).message).toContain(reason);
  });

  it.each(['(', '[a-', 'a{2,1}', '\\-', '+a'])(
    'refuses invalid syntax %s with the SyntaxError as cause',
    (term) => {
      const error = thrown(() => compileSearch({ term, mode: 'regex' }));
      expect(error).toBeInstanceOf(UnsafePatternError);
      expect(error).toMatchObject({ field: 'search.term' });
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    },
  );

  it.each([
    ['(ab)?c+', 'ABCCC'],
    ['(?:ab){3}', 'ababab'],
    ['(?:ab)+', 'xababx'],
    ['(foo|bar)baz', 'BARBAZ'],
    ['[+*(]+', 'a+*(b'],
    ['\\(a+\\)+', '(aa))'],
    ['\\u{1F600}+', 'smile 😀😀'],
    ['\\d{2,4}-\\p{L}+', '2026-Νοε'],
    ['(?=ab)a', 'ab'],
    ['a'.repeat(200), 'a'.repeat(200)],
  ])('allows and runs %s', (term, text) => {
    expect(compileSearch({ term, mode: 'regex' })(text)).toBe(true);
  });

  // A pattern that slipped through the guard while backtracking exponentially would hang on the probe text and
  // time the test out.
  it('either compiles a pattern or refuses it with UnsafePatternError, for any input', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      '\\',
      '(',
      ')',
      '(?:',
      '(?<n>',
      '[',
      ']',
      '|',
      '*',
      '+',
      '?',
      '{2}',
      '{1,}',
      '{',
      '}',
      '\\d',
      '\\1',
      '\\u{41}',
      '.',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (parts) => {
        const term = parts.join('') || 'a';
        try {
          const test = compileSearch({ term, mode: 'regex' });
          expect(typeof test(`${'a'.repeat(28)}!`)).toBe('boolean');
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePatternError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
