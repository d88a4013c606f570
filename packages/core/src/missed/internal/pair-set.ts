/**
 * The (sessionId, messageId) pairs seen so far: one occurrence per pair. Keyed by session, holding the message id
 * itself until a second message of the same session shows up, because most sessions have a single miss and a
 * string per pair (`${sessionId}\u0000${messageId}`) would allocate on every occurrence.
 */
export class PairSet {
  readonly #bySession = new Map<string, string | Set<string>>();

  /** Adds the pair; false when it was already there. */
  add(sessionId: string, messageId: string): boolean {
    const seen = this.#bySession.get(sessionId);
    if (seen === undefined) {
      this.#bySession.set(sessionId, messageId);
      return true;
    }
    if (typeof seen === 'string') {
      if (seen === messageId) return false;
      this.#bySession.set(sessionId, new Set([seen, messageId]));
      return true;
    }
    if (seen.has(messageId)) return false;
    seen.add(messageId);
    return true;
  }
}
