import { UnsafePatternError } from '../../errors/errors.js';

interface GroupFrame {
  /** The group holds a quantifier or an alternation, directly or in a nested group. */
  ambiguous: boolean;
}

/**
 * Compiles a user pattern case-insensitively with the `u` flag after refusing shapes that can backtrack
 * catastrophically. The check is conservative and syntactic: it may refuse a harmless pattern, never run one.
 */
export function compileSafePattern(pattern: string, field: string, maxLength: number): RegExp {
  if (pattern.length > maxLength) {
    throw new UnsafePatternError(field, `a regular expression of at most ${maxLength} characters`, pattern);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch (error) {
    throw new UnsafePatternError(field, 'a valid regular expression (u flag)', pattern, { cause: error });
  }
  // The scan below relies on the syntax being valid, which the compile above has just proven.
  const problem = findUnsafeShape(pattern);
  if (problem) throw new UnsafePatternError(field, `a regular expression without ${problem}`, pattern);
  return regex;
}

function findUnsafeShape(pattern: string): string | undefined {
  const stack: GroupFrame[] = [{ ambiguous: false }];
  // The group that just closed, while the next token may be its quantifier.
  let closedGroup: GroupFrame | undefined;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i] as string;
    const top = stack[stack.length - 1] as GroupFrame;
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      if (quantifier.repeats && closedGroup?.ambiguous) {
        return 'nested quantifiers (a repeated group that contains a quantifier or an alternation)';
      }
      top.ambiguous = true;
      closedGroup = undefined;
      i += quantifier.length;
      continue;
    }
    closedGroup = undefined;
    if (char === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<')) return 'backreferences';
      i += escapeLength(pattern, i);
    } else if (char === '[') {
      i = classEnd(pattern, i);
    } else if (char === '(') {
      if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) return 'lookbehind';
      stack.push({ ambiguous: false });
      i += groupPrefixLength(pattern, i);
    } else if (char === ')') {
      const closed = stack.pop() as GroupFrame;
      const parent = stack[stack.length - 1] as GroupFrame;
      parent.ambiguous ||= closed.ambiguous;
      closedGroup = closed;
      i += 1;
    } else {
      if (char === '|') top.ambiguous = true;
      i += 1;
    }
  }
  return undefined;
}

/** A quantifier at `i`, its length (a lazy `?` included) and whether it can repeat its atom more than once. */
function readQuantifier(pattern: string, i: number): { length: number; repeats: boolean } | undefined {
  const char = pattern[i];
  let length: number;
  let repeats: boolean;
  if (char === '*' || char === '+' || char === '?') {
    length = 1;
    repeats = char !== '?';
  } else if (char === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!braces) return undefined;
    length = braces[0].length;
    const max =
      braces[2] === undefined
        ? Number(braces[1])
        : braces[3] === ''
          ? Number.POSITIVE_INFINITY
          : Number(braces[3]);
    repeats = max > 1;
  } else {
    return undefined;
  }
  if (pattern[i + length] === '?') length += 1;
  return { length, repeats };
}

/** Length of the escape at `i`, so that `\u{…}`, `\p{…}` and `\x41` are not read as quantifiers. */
function escapeLength(pattern: string, i: number): number {
  const next = pattern[i + 1];
  if ((next === 'u' || next === 'p' || next === 'P') && pattern[i + 2] === '{') {
    return pattern.indexOf('}', i) - i + 1;
  }
  return 2;
}

/** Index just after the character class starting at `i`. */
function classEnd(pattern: string, i: number): number {
  let j = i + 1;
  while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Length of `(`, `(?:`, `(?=`, `(?!` or `(?<name>` at `i`. */
function groupPrefixLength(pattern: string, i: number): number {
  if (pattern[i + 1] !== '?') return 1;
  if (pattern[i + 2] === '<') return pattern.indexOf('>', i) - i + 1;
  return 3;
}
