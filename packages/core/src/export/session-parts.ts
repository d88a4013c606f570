import { ObservatoryInputError } from '../errors/errors.js';

/**
 * A part of a session that a list can leave out (the platform's `includeMessages`, `includeLiveChats`,
 * `includeSummary`); an export row is made of all three.
 *
 * @example
 * ```ts
 * import type { SessionExportPart } from '@observatory/core';
 * const parts: SessionExportPart[] = ['messages', 'liveChats', 'summary'];
 * ```
 */
export type SessionExportPart = 'messages' | 'liveChats' | 'summary';

/**
 * The parts a CSV or xlsx row is made of: messages (counts, fallback, transcript), liveChats
 * (`containsLiveChat`) and the summary. Pass them as `include` when listing sessions for an export.
 *
 * @example
 * ```ts
 * import { SESSION_EXPORT_PARTS, sessionsToCsv } from '@observatory/core';
 * const rows = sessionsToCsv(client.sessions.iterate({ containsLiveChat: true, include: SESSION_EXPORT_PARTS }));
 * ```
 */
export const SESSION_EXPORT_PARTS: readonly SessionExportPart[] = Object.freeze([
  'messages',
  'liveChats',
  'summary',
]);

// A registered symbol, so a session marked by one copy of core is recognised by another (duplicated bundles).
// Enumerable, so that a spread copy (`{ ...session, tags }`) keeps the mark; JSON never sees a symbol key.
const OMITTED = Symbol.for('@observatory/core/omittedSessionParts');

/**
 * Thrown by the session serializers for a session that was listed without a part its rows are made of, instead
 * of writing a wrong row (`messageCount` 0, an empty transcript, `containsLiveChat` false, no summary).
 *
 * @example
 * ```ts
 * import { IncompleteSessionError, sessionsToCsv } from '@observatory/core';
 * try {
 *   for await (const chunk of sessionsToCsv(client.sessions.iterate({}))) process.stdout.write(chunk);
 * } catch (error) {
 *   if (error instanceof IncompleteSessionError) console.error(error.missing); // ['messages', 'liveChats', 'summary']
 * }
 * ```
 */
export class IncompleteSessionError extends ObservatoryInputError {
  override readonly name = 'IncompleteSessionError';
  /** The session that lacks parts. */
  readonly sessionId: string;
  /** The parts the export needs that the session was listed without. */
  readonly missing: readonly SessionExportPart[];

  constructor(
    sessionId: string,
    missing: readonly SessionExportPart[],
    needed: readonly SessionExportPart[],
  ) {
    const include = `include: [${needed.map((part) => `'${part}'`).join(', ')}]`;
    super('include', include, missing);
    this.message =
      `Session ${JSON.stringify(sessionId)} was listed without its ${missing.join(', ')}, so its export would be ` +
      `wrong: list or iterate the sessions of an export with ${include}`;
    this.sessionId = sessionId;
    this.missing = missing;
  }
}

/**
 * Marks `session` as listed without `parts`, so the serializers refuse it (with {@link IncompleteSessionError})
 * rather than write rows from the empty defaults. `@observatory/client` marks every session it lists or gets
 * without a part; call it when you build sessions from a partial source yourself. Returns the same object.
 *
 * @example
 * ```ts
 * import { markOmittedSessionParts, omittedSessionParts } from '@observatory/core';
 * const light = markOmittedSessionParts(session, ['messages']);
 * omittedSessionParts(light); // ['messages']
 * ```
 */
export function markOmittedSessionParts<T extends object>(session: T, parts: Iterable<SessionExportPart>): T {
  const omitted = Object.freeze([...new Set(parts)]);
  if (omitted.length > 0) {
    Object.defineProperty(session, OMITTED, { value: omitted, enumerable: true, configurable: true });
  }
  return session;
}

/**
 * The parts `session` was listed without (see {@link markOmittedSessionParts}); empty for a complete session.
 *
 * @example
 * ```ts
 * import { omittedSessionParts } from '@observatory/core';
 * const listed = (await client.sessions.list({})).items[0];
 * omittedSessionParts(listed); // ['messages', 'liveChats', 'summary']
 * ```
 */
export function omittedSessionParts(session: object): readonly SessionExportPart[] {
  const omitted = (session as { [OMITTED]?: readonly SessionExportPart[] })[OMITTED];
  return omitted ?? [];
}

/** Throws {@link IncompleteSessionError} when `session` was listed without one of `needed`. */
export function assertSessionParts(
  session: { readonly id: string },
  needed: readonly SessionExportPart[],
): void {
  const omitted = (session as { [OMITTED]?: readonly SessionExportPart[] })[OMITTED];
  if (omitted === undefined) return;
  const missing = needed.filter((part) => omitted.includes(part));
  if (missing.length > 0) throw new IncompleteSessionError(session.id, missing, needed);
}
