/**
 * Prefixes an apostrophe to text a spreadsheet would run as a formula: text starting with `=`, `+`, `-`, `@`,
 * TAB or CR (OWASP "CSV Injection"). Every other string is returned unchanged, so the only change the CSV export
 * makes to user text is this one leading `'`. The xlsx export does not use it: its text cells are never evaluated.
 *
 * Numbers the SDK writes itself (durations, counts) are not passed through here: a negative number is still a
 * number, not a formula.
 *
 * @param text - The cell text.
 * @returns The text, with a leading `'` when it would start a formula.
 * @example
 * ```ts
 * neutralizeFormula('=HYPERLINK("http://evil")'); // "'=HYPERLINK(\"http://evil\")"
 * neutralizeFormula('Where is my order?'); // unchanged
 * ```
 */
export function neutralizeFormula(text: string): string {
  // charCodeAt on the first unit is the hot path of every exported cell: no regex, no allocation.
  switch (text.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // TAB
    case 0x0d: // CR
      return `'${text}`;
    default:
      return text;
  }
}
