import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { UnsafePatternError } from '../../errors/errors.js';

/** Bounds on a user pattern, so that the work per character of text has a known ceiling. */
export interface PatternLimits {
  /** Longest pattern, in UTF-16 code units. */
  maxLength: number;
  /** Largest compiled program, in RE2 instructions (RE2JS `programSize()`). */
  maxProgramSize: number;
}

/**
 * Compiles a user pattern with RE2JS, a linear-time engine (no backtracking), case-insensitively with Unicode
 * case folding. RE2 has no backreferences or lookaround; a pattern that uses them, or is otherwise not RE2
 * syntax, is refused. RE2's time is linear in the text, with a factor up to the program size: that size, not
 * the pattern's shape, is the bound on work per character.
 */
export function compileLinearPattern(
  pattern: string,
  field: string,
  limits: PatternLimits,
): (text: string) => boolean {
  if (pattern.length > limits.maxLength) {
    throw new UnsafePatternError(
      field,
      `a regular expression of at most ${limits.maxLength} characters`,
      pattern,
    );
  }
  // `(?i)` is RE2's case-insensitive flag for the whole pattern (what RE2JS.CASE_INSENSITIVE prepends too).
  const source = `(?i)${pattern}`;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    throw new UnsafePatternError(
      field,
      `a regular expression in RE2 syntax, without backreferences or lookaround (${describe(error, source)})`,
      pattern,
      { cause: error },
    );
  }
  const size = compiled.programSize();
  if (size > limits.maxProgramSize) {
    throw new UnsafePatternError(
      field,
      `a regular expression that compiles to at most ${limits.maxProgramSize} RE2 instructions (this one ` +
        `needs ${size}; each repetition a {n,m} count allows adds its part again)`,
      pattern,
    );
  }
  return (text) => compiled.test(text);
}

/** The parser's complaint, with the part of the pattern at fault unless that is the whole pattern. */
function describe(error: RE2JSException, source: string): string {
  if (!(error instanceof RE2JSSyntaxException)) return error.message;
  const at = error.getPattern();
  return at && at !== source ? `${error.getDescription()}: \`${at}\`` : error.getDescription();
}
