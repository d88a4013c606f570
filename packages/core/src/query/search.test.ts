import fc from 'fast-check';
import { RE2JSSyntaxException } from 're2js';
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
    ['regex', '\\p{Greek}{4}', 'Γεια', true],
    ['regex', '\\p{Greek}{4}', 'Hola', false],
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

  it('rejects an unknown mode naming search.mode, rather than searching as plain', () => {
    const error = thrown(() => compileSearch({ term: 'x', mode: 'word' as SearchMode }));
    expect(error).toBeInstanceOf(ObservatoryInputError);
    expect(error).toMatchObject({ field: 'search.mode', received: 'word' });
  });
});

describe('compileSearch regex mode (RE2, linear time)', () => {
  const a = 'a'.repeat(50_000);
  // Each pattern backtracks for seconds to centuries in V8's RegExp on its text (`(a+)+$` already takes 7 s
  // on 26 a's and an exclamation mark), so these can only pass on a linear-time engine. The boolean is checked
  // too, so an engine that gave up early would fail.
  it.each([
    ['(a+)+$', `${a}!`, false],
    ['(a+)+$', a, true],
    ['(a|a)*b', a, false],
    ['(a|aa)*b', a, false],
    ['(\\w+\\s?)*$', `${a}!`, true],
    ['(?:x+y?)+z', 'x'.repeat(50_000), false],
    ['.*.*', a, true],
    ['.*.*x', a, false],
    ['.*.*.*x', a, false],
    ['.*.*.*x', `${a}X`, true],
    ['\\d+\\.\\d+', '1'.repeat(50_000), false],
    ['\\d+\\.\\d+', `${'1'.repeat(50_000)}.5`, true],
    [`${'a?'.repeat(20)}${'a'.repeat(20)}`, a, true],
    [`${'(?:a|a)'.repeat(20)}b`, a, false],
  ])('accepts %s and answers on an adversarial text', (term, text, expected) => {
    expect(compileSearch({ term, mode: 'regex' })(text)).toBe(expected);
  });

  it.each([
    ['(a)\\1', 'invalid escape sequence: `\\1`'],
    ['(?<word>a+)\\k<word>', 'invalid escape sequence: `\\k`'],
    ['(?=ab)a', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(?!ab)a', 'invalid or unsupported Perl syntax: `(?!`'],
    ['(?<=a)b', '(?<=a)b'],
    ['(?<!a)b', '(?<!a)b'],
  ])('refuses %s (backreference or lookaround), naming search.term and RE2 syntax', (term, detail) => {
    const error = thrown(() => compileSearch({ term, mode: 'regex' }));
    expect(error).toBeInstanceOf(UnsafePatternError);
    expect(error).toMatchObject({ field: 'search.term', received: term });
    expect((error as UnsafePatternError).expected).toContain(
      'a regular expression in RE2 syntax, without backreferences or lookaround',
    );
    expect((error as UnsafePatternError).expected).toContain(detail);
    expect((error as Error).cause).toBeInstanceOf(RE2JSSyntaxException);
  });

  it.each(['(', '[a-', 'a{2,1}', '+a', 'a**', '\\u00e9', '\\p{Script=Greek}'])(
    'refuses %s, which RE2 does not parse, with the parser error as cause',
    (term) => {
      const error = thrown(() => compileSearch({ term, mode: 'regex' }));
      expect(error).toBeInstanceOf(UnsafePatternError);
      expect(error).toMatchObject({ field: 'search.term' });
      expect((error as Error).message).toContain('RE2 syntax');
      expect((error as Error).cause).toBeInstanceOf(RE2JSSyntaxException);
    },
  );

  it.each([
    ['a'.repeat(201), 'at most 200 characters'],
    // Linear, but each character would cost one step per instruction: 32,000 here.
    ['[^z]{0,999}'.repeat(16), 'at most 1000 RE2 instructions'],
    ['.{0,1000}', 'at most 1000 RE2 instructions (this one needs 2002'],
    ['(?:.{0,1000}){1000}', 'expression too large'],
  ])('refuses %s, which would bound no work per character', (term, reason) => {
    const error = thrown(() => compileSearch({ term, mode: 'regex' }));
    expect(error).toBeInstanceOf(UnsafePatternError);
    expect(error).toMatchObject({ field: 'search.term' });
    expect((error as Error).message).toContain(reason);
  });

  it.each([
    ['(ab)?c+', 'ABCCC'],
    ['(?:ab){3}', 'ababab'],
    ['(?:ab)+', 'xababx'],
    ['(foo|bar)baz', 'BARBAZ'],
    ['[+*(]+', 'a+*(b'],
    ['\\(a?\\)+', '(a))'],
    ['\\x{1F600}+', 'smile 😀😀'],
    ['^.$', '😀'],
    ['\\d{2,4}-\\p{L}+', '2026-Νοε'],
    ['\\p{Greek}{4}', 'Γεια'],
    ['(?<id>ord)-\\d+', 'ORD-7'],
    ['https?://\\S+', 'see https://example.com'],
    ['^when .* order\\?$', 'When will you ship my order?'],
    ['(refund|return|exchange) .*order', 'a RETURN of my order'],
    ['.{0,400}x', 'abcx'],
    ['a.*?b', 'aXXb'],
    ['\\bship\\b', 'will you SHIP?'],
    ['a'.repeat(200), 'a'.repeat(200)],
  ])('allows and runs %s', (term, text) => {
    expect(compileSearch({ term, mode: 'regex' })(text)).toBe(true);
  });

  it.each([
    ['λογος', 'ΛΟΓΟΣ'],
    ['σ', 'ς'],
    ['ΚΑΛΗΜΈΡΑ', 'καλημέρα'],
    ['straße', 'STRASSE'],
  ])('folds case by Unicode: %s in %s → as V8 with the i and u flags', (term, text) => {
    expect(compileSearch({ term, mode: 'regex' })(text)).toBe(new RegExp(term, 'iu').test(text));
  });

  it('matches ^ and $ at the ends of the text only, as JavaScript without the m flag', () => {
    const test = compileSearch({ term: '^hello$', mode: 'regex' });
    expect([test('HELLO'), test('x\nhello'), test('hello\nx')]).toEqual([true, false, false]);
  });

  // Each token is RE2 syntax, JavaScript-only syntax or a broken piece: every combination must either compile
  // and answer on a long text, or be refused with UnsafePatternError.
  it('either compiles a pattern or refuses it with UnsafePatternError, for any input', () => {
    const token = fc.constantFrom(
      'a',
      'b',
      '\\',
      '(',
      ')',
      '(?:',
      '(?<n>',
      '(?=',
      '(?<=',
      '[',
      ']',
      '|',
      '*',
      '+',
      '?',
      '{2}',
      '{1,}',
      '{0,300}',
      '{',
      '}',
      '\\d',
      '\\1',
      '\\k<n>',
      '\\u{41}',
      '\\x{41}',
      '.',
    );
    const probe = `${'a'.repeat(20_000)}!`;
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (parts) => {
        const term = parts.join('') || 'a';
        let test: ((text: string) => boolean) | undefined;
        try {
          test = compileSearch({ term, mode: 'regex' });
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePatternError);
        }
        if (test) expect(typeof test(probe)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
