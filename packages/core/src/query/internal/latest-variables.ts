import type { Session } from '../../model/session.js';

type Snapshot = Session['variableSnapshots'][number];

/**
 * The session's variables as they stand at the end: the final snapshot (`messageId: null`; the last one if
 * several), otherwise the latest by `takenAt` (the later in the array on a tie); undefined without snapshots.
 */
export function latestVariables(
  session: Pick<Session, 'variableSnapshots'>,
): Record<string, unknown> | undefined {
  let final: Snapshot | undefined;
  let latest: Snapshot | undefined;
  for (const snapshot of session.variableSnapshots) {
    if (snapshot.messageId === null) final = snapshot;
    else if (latest === undefined || Date.parse(snapshot.takenAt) >= Date.parse(latest.takenAt))
      latest = snapshot;
  }
  return (final ?? latest)?.variables;
}

/** A variable's value as searchable text; undefined (matches nothing) when the variable is unset or null. */
export function variableText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    // Circular or otherwise unserialisable values cannot be searched as text.
    return undefined;
  }
}
