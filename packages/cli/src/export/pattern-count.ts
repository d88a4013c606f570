/**
 * Counts occurrences of byte patterns in a stream fed chunk by chunk, including occurrences split across
 * chunks. Patterns must not overlap one another or themselves (true of the markup it is used for: `<row `,
 * a line of `=` followed by `Session:`).
 *
 * @example
 * ```ts
 * const rows = new PatternCount(['<row ', '<row>']);
 * rows.add(Buffer.from('<ro'));
 * rows.add(Buffer.from('w r="1">'));
 * rows.count; // 1
 * ```
 */
export class PatternCount {
  readonly #patterns: readonly Buffer[];
  readonly #carryLength: number;
  #carry: Buffer = Buffer.alloc(0);
  #count = 0;

  constructor(patterns: readonly string[]) {
    this.#patterns = patterns.map((pattern) => Buffer.from(pattern));
    this.#carryLength = Math.max(...this.#patterns.map((pattern) => pattern.length)) - 1;
  }

  /** Occurrences seen so far. */
  get count(): number {
    return this.#count;
  }

  /** Feeds the next chunk; returns how many occurrences it completed. */
  add(chunk: Uint8Array): number {
    // The carry is shorter than any pattern, so an occurrence found here ends in this chunk: never counted twice.
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const text = this.#carry.length > 0 ? Buffer.concat([this.#carry, bytes]) : bytes;
    let found = 0;
    for (const pattern of this.#patterns) {
      for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + pattern.length)) {
        if (at + pattern.length > this.#carry.length) found++;
      }
    }
    this.#carry = Buffer.from(text.subarray(Math.max(0, text.length - this.#carryLength)));
    this.#count += found;
    return found;
  }
}
