import type { Session } from '../model/session.js';
import type { SessionQuery, SessionSearchInput } from './session-query.js';

/** A compiled query: call it on each session. Compile once per query, not per session. */
export type SessionPredicate = (session: Session) => boolean;

/** Compiles a search term to a test function; regex mode is guarded (UnsafePatternError). */
export function compileSearch(search: SessionSearchInput): (text: string) => boolean {
  throw new Error("not implemented yet");
}

/** Compiles a query into a predicate. */
export function compileSessionQuery(query: SessionQuery): SessionPredicate {
  throw new Error("not implemented yet");
}

/** True when the session matches every part of the query. */
export function matchesSessionQuery(session: Session, query: SessionQuery): boolean {
  return compileSessionQuery(query)(session);
}
