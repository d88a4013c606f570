import { formatDuration } from '../export/local-time.js';
import type { Session } from '../model/session.js';

/**
 * A session's duration as people read it, the one rule of the detail view, the CLI and the txt export: the
 * recorded duration; when none was recorded (0) but the messages span time, that span (the model's definition of
 * a duration: from the first to the last message); `-` for a session with no messages.
 *
 * @example
 * ```ts
 * sessionDurationText(session); // '1h 02m 03s' for a recorded 3,723,000 ms; '5m 00s' for messages 5 minutes apart
 * ```
 */
export function sessionDurationText(session: Pick<Session, 'durationMs' | 'messages'>): string {
  if (session.durationMs > 0) return formatDuration(session.durationMs);
  const times = session.messages.map((message) => Date.parse(message.createdAt));
  if (times.length === 0) return '-';
  return formatDuration(Math.max(...times) - Math.min(...times));
}
