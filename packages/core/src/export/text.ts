import type { Session } from '../model/session.js';

/** Options of sessionToText. */
export interface SessionToTextOptions {
  readonly timeZone?: string;
}

/** Readable transcript of one session. */
export function sessionToText(session: Session, options?: SessionToTextOptions): string {
  throw new Error("not implemented yet");
}
