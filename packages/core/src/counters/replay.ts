import type { Session } from '../model/session.js';
import type { MissCounterState } from './reduce.js';

/** Counter values after one user message. */
export interface MissCounterSnapshot extends MissCounterState {
  readonly messageId: string;
  readonly missed: boolean;
}

/** Replays a session's user messages (missed = a missed_question step for that message). */
export function replayMissCounters(session: Pick<Session, 'messages' | 'interactions'>): MissCounterSnapshot[] {
  throw new Error("not implemented yet");
}
