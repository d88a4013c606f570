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

const LINE_BREAK = /\r\n?/g;

/**
 * Prepares one exported value for an xlsx cell. Strings get LF line breaks (XML parsers turn a raw CR or CRLF
 * into LF when the file is read, and LF is what Excel itself writes for Alt+Enter), then are cut to
 * {@link XLSX_MAX_CELL_LENGTH} with {@link XLSX_TRUNCATION_MARKER} at the end. Numbers and booleans pass through.
 *
 * @example
 * ```ts
 * toXlsxCell('a\r\nb'); // 'a\nb'
 * toXlsxCell('x'.repeat(40_000)).length; // 32_767, ending in '…[truncated]'
 * ```
 */
export function toXlsxCell<T extends string | number | boolean>(value: T): T | string {
  if (typeof value !== 'string') return value;
  const text = value.includes('\r') ? value.replace(LINE_BREAK, '\n') : value;
  if (text.length <= XLSX_MAX_CELL_LENGTH) return text;
  let end = XLSX_MAX_CELL_LENGTH - XLSX_TRUNCATION_MARKER.length;
  // Never keep half of a surrogate pair: a lone high surrogate is not valid UTF-8 and would become U+FFFD.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + XLSX_TRUNCATION_MARKER;
}
