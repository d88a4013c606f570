import type { Session } from '../model/session.js';
import { wallClockMs } from './local-time.js';
import { flattenSessionRow, type SessionCsvColumn, sessionCsvColumns } from './session-row.js';
import { toXlsxText, type XlsxInlineText } from './xlsx-cells.js';

/**
 * Number format of the sessions xlsx's date-time cells (`createdAt (UTC)`, `createdAtLocal (<zone>)`): ISO-like, with
 * the milliseconds the API gives.
 *
 * @example
 * ```ts
 * import { XLSX_DATE_TIME_FORMAT } from '@observatory/core/xlsx';
 * XLSX_DATE_TIME_FORMAT; // 'yyyy-mm-dd hh:mm:ss.000', shown as 2026-01-15 12:00:00.123
 * ```
 */
export const XLSX_DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss.000';
/**
 * Number format of the sessions xlsx's `durationSeconds` cells: seconds with milliseconds.
 *
 * @example
 * ```ts
 * import { XLSX_SECONDS_FORMAT } from '@observatory/core/xlsx';
 * XLSX_SECONDS_FORMAT; // '0.000', a 65,432 ms session shows 65.432
 * ```
 */
export const XLSX_SECONDS_FORMAT = '0.000';

// Column widths in characters: ids and times fit whole, long text gets room and wraps.
const WIDTHS: Record<SessionCsvColumn, number> = {
  id: 20,
  createdAt: 24,
  createdAtLocal: 24,
  agentId: 14,
  agentName: 18,
  deploymentId: 14,
  deploymentName: 18,
  contactId: 20,
  contactName: 18,
  contactEmail: 26,
  channel: 12,
  status: 12,
  durationMs: 17,
  language: 10,
  tags: 20,
  messageCount: 14,
  userMessageCount: 18,
  containsFallback: 17,
  containsLiveChat: 17,
  csat: 12,
  summary: 50,
  transcript: 80,
};

const CREATED_AT = sessionCsvColumns.indexOf('createdAt');
const CREATED_AT_LOCAL = sessionCsvColumns.indexOf('createdAtLocal');
const DURATION = sessionCsvColumns.indexOf('durationMs');

/** One worksheet column of the sessions xlsx: header, width, and the style its cells take. */
export interface SessionXlsxColumn {
  readonly header: string;
  readonly width: number;
  readonly style: { numFmt?: string; alignment?: { wrapText: boolean; vertical: 'top' } };
}

/**
 * The columns of the sessions xlsx: those of the CSV ({@link sessionCsvColumns}), in the same order and whatever
 * the zone, each headed by the CSV's name, except that the two times name their zone, `createdAt (UTC)` and
 * `createdAtLocal (<zone>)` (both date-time cells; distinct even when the zone is UTC), and `durationMs` is
 * `durationSeconds`, a number; `summary` and `transcript` wrap.
 *
 * @example
 * ```ts
 * sessionXlsxColumns('Europe/Athens')[2].header; // 'createdAtLocal (Europe/Athens)'
 * sessionXlsxColumns('UTC')[2].header; // 'createdAtLocal (UTC)', beside 'createdAt (UTC)'
 * ```
 */
export function sessionXlsxColumns(timeZone: string): SessionXlsxColumn[] {
  return sessionCsvColumns.map((column) => {
    const header =
      column === 'createdAt'
        ? 'createdAt (UTC)'
        : column === 'createdAtLocal'
          ? `createdAtLocal (${timeZone})`
          : column === 'durationMs'
            ? 'durationSeconds'
            : column;
    const style =
      column === 'createdAt' || column === 'createdAtLocal'
        ? { numFmt: XLSX_DATE_TIME_FORMAT }
        : column === 'durationMs'
          ? { numFmt: XLSX_SECONDS_FORMAT }
          : column === 'summary' || column === 'transcript'
            ? { alignment: { wrapText: true, vertical: 'top' as const } }
            : {};
    return { header, width: Math.max(WIDTHS[column], header.length + 2), style };
  });
}

/** A cell value of the sessions xlsx, as exceljs takes it. */
export type SessionXlsxCell = XlsxInlineText | Date | number | boolean | null;

/**
 * A session as one row of the sessions xlsx, in {@link sessionXlsxColumns} order: the values of
 * {@link flattenSessionRow} with text as inline strings ({@link toXlsxText}), the two times as dates (UTC and the
 * wall-clock time in `timeZone`), the duration in seconds; counts and flags as they are.
 *
 * @example
 * ```ts
 * toSessionXlsxRow(session, 'Europe/Athens')[1]; // Date of createdAt
 * ```
 */
export function toSessionXlsxRow(session: Session, timeZone: string): SessionXlsxCell[] {
  const row: SessionXlsxCell[] = flattenSessionRow(session, { timeZone }).map((value) =>
    typeof value === 'string' ? toXlsxText(value) : value,
  );
  row[CREATED_AT] = new Date(session.createdAt);
  row[CREATED_AT_LOCAL] = new Date(wallClockMs(session.createdAt, timeZone));
  row[DURATION] = session.durationMs / 1000;
  return row;
}
