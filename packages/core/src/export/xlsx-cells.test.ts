import { describe, expect, it } from 'vitest';
import {
  escapeXlsxText,
  toXlsxText,
  truncateXlsxText,
  XLSX_MAX_CELL_LENGTH,
  XLSX_TRUNCATION_MARKER,
} from './xlsx-cells.js';

/** The ST_Xstring decoding a reader applies (ECMA-376 Part 1, 22.9.2.19), written out independently. */
const decode = (text: string) =>
  text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );

// Characters XML 1.0 allows in text: TAB, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, astral planes.
const XML_TEXT = /^[\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

describe('escapeXlsxText', () => {
  const cases = [
    'x\uFFFEy',
    '\uFFFF',
    'a\r\nb',
    'lone\rcr',
    'ctl \u0000\u0001\u0008\u000B\u000C\u001F end',
    'DEL \u007F',
    'report_x0020_final.pdf',
    '_x005F_ and _xabcd_ and _x12_',
    ' spaced ',
    'Ελληνικά 🙂',
  ];

  it('writes only XML 1.0 text without CR, and decodes back to the very text', () => {
    for (const text of cases) {
      const escaped = escapeXlsxText(text);
      expect(escaped).toMatch(XML_TEXT);
      expect(escaped).not.toContain('\r');
      expect(decode(escaped)).toBe(text);
    }
  });

  it('leaves text that needs nothing unchanged, and escapes the examples as documented', () => {
    expect(escapeXlsxText(' spaced ')).toBe(' spaced ');
    expect(escapeXlsxText('_x12_ and x0020_')).toBe('_x12_ and x0020_');
    expect(escapeXlsxText('report_x0020_final.pdf')).toBe('report_x005F_x0020_final.pdf');
    expect(escapeXlsxText('a\r\nb')).toBe('a_x000D_\nb');
    expect(escapeXlsxText('x\uFFFEy')).toBe('x_xFFFE_y');
  });
});

describe('toXlsxText', () => {
  it('cuts long text at the cell limit with the marker before escaping, and writes no cell for empty text', () => {
    const long = `${'\r'.repeat(10)}${'x'.repeat(40_000)}`;
    const cut = truncateXlsxText(long);
    expect(cut).toHaveLength(XLSX_MAX_CELL_LENGTH);
    expect(cut.endsWith(XLSX_TRUNCATION_MARKER)).toBe(true);
    expect(decode(toXlsxText(long)?.richText[0]?.text ?? '')).toBe(cut);
    expect(toXlsxText('')).toBeNull();
  });
});
