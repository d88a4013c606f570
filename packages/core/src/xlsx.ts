import type { Session } from './model/session.js';
import type { ItemSource } from './export/csv.js';

/** Options of sessionsToXlsx. */
export interface XlsxOptions {
  readonly timeZone?: string;
  readonly sheetName?: string;
}

/** Sessions as an .xlsx workbook, streamed with flat memory. */
export function sessionsToXlsx(sessions: ItemSource<Session>, options?: XlsxOptions): AsyncIterable<Uint8Array> {
  throw new Error("not implemented yet");
}
