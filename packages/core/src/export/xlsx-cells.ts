/**
 * Excel's limit on the text of one cell, in UTF-16 code units. Longer text makes Excel report the file as
 * corrupt, so the xlsx export truncates longer text to it.
 *
 * @example
 * ```ts
 * import { XLSX_MAX_CELL_LENGTH } from '@observatory/core/xlsx';
 * const fitsInOneCell = (text: string) => text.length <= XLSX_MAX_CELL_LENGTH; // 32,767 UTF-16 code units
 * ```
 */
export const XLSX_MAX_CELL_LENGTH = 32_767;

/**
 * Appended to a cell that was cut to {@link XLSX_MAX_CELL_LENGTH}, so a reader sees the text is incomplete.
 *
 * @example
 * ```ts
 * import { XLSX_TRUNCATION_MARKER } from '@observatory/core/xlsx';
 * const wasCut = (cell: string) => cell.endsWith(XLSX_TRUNCATION_MARKER); // '…[truncated]'
 * ```
 */
export const XLSX_TRUNCATION_MARKER = '…[truncated]';

// What a cell's XML text cannot carry as itself: characters XML 1.0 forbids (C0 controls other than TAB and LF,
// U+FFFE, U+FFFF), CR (an XML parser turns it into LF), DEL (exceljs drops it), and the `_` that starts a literal
// `_xHHHH_` (a reader would decode that text as an escape). An unpaired surrogate is not escaped: it is not
// Unicode text, and exceljs writes it as U+FFFD (LibreOffice loses the rest of a cell at an escaped one).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_ESCAPE = /[\0-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

const escapeUnit = (unit: string): string =>
  `_x${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/**
 * Writes text in the form an xlsx cell carries it (ECMA-376 Part 1, 22.9.2.19 ST_Xstring): every character XML
 * 1.0 cannot hold as text — C0 controls but TAB and LF, CR, U+FFFE, U+FFFF — and DEL (which exceljs would drop)
 * becomes `_xHHHH_`, and the `_` of a literal `_xHHHH_` in the text becomes `_x005F_`, so that Excel reads back
 * exactly the text given. LibreOffice (7.4) decodes all of these but `_x007F_`, which it shows as written. All
 * other text is returned unchanged (an unpaired surrogate, not being Unicode text, is written as U+FFFD).
 *
 * @example
 * ```ts
 * escapeXlsxText('a\r\nb'); // 'a_x000D_\nb'
 * escapeXlsxText('report_x0020_final.pdf'); // 'report_x005F_x0020_final.pdf'
 * escapeXlsxText('x\uFFFEy'); // 'x_xFFFE_y'
 * ```
 */
export function escapeXlsxText(text: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  return NEEDS_ESCAPE.test(text) ? text.replace(NEEDS_ESCAPE, escapeUnit) : text;
}

/**
 * Cuts text to {@link XLSX_MAX_CELL_LENGTH}, ending it with {@link XLSX_TRUNCATION_MARKER}; shorter text is
 * returned unchanged. Never keeps half of a surrogate pair.
 *
 * @example
 * ```ts
 * truncateXlsxText('x'.repeat(40_000)).length; // 32_767, ending in '…[truncated]'
 * ```
 */
export function truncateXlsxText(text: string): string {
  if (text.length <= XLSX_MAX_CELL_LENGTH) return text;
  let end = XLSX_MAX_CELL_LENGTH - XLSX_TRUNCATION_MARKER.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + XLSX_TRUNCATION_MARKER;
}

/** An inline-string cell value for exceljs: one run of already escaped text. */
export interface XlsxInlineText {
  readonly richText: ReadonlyArray<{ readonly text: string }>;
}

/**
 * Prepares exported text for an xlsx cell: cut to the cell limit, escaped by {@link escapeXlsxText}, and written as
 * an inline string (`<is><r><t xml:space="preserve">`), which keeps leading and trailing spaces and line breaks —
 * a plain string cell (`t="str"`) loses them. Empty text is no cell at all (`null`).
 *
 * @example
 * ```ts
 * toXlsxText(' spaced '); // { richText: [{ text: ' spaced ' }] }
 * toXlsxText(''); // null
 * ```
 */
export function toXlsxText(text: string): XlsxInlineText | null {
  if (text === '') return null;
  return { richText: [{ text: escapeXlsxText(truncateXlsxText(text)) }] };
}
