/**
 * The input every serializer accepts: an array, any iterable, or an async iterable (e.g. a client's
 * `sessions.iterate()`), consumed one item at a time as the output is pulled.
 *
 * @example
 * ```ts
 * const fromArray: ItemSource<number> = [1, 2, 3];
 * async function* pages() { yield 1; yield 2; }
 * const fromAsync: ItemSource<number> = pages();
 * ```
 */
export type ItemSource<T> = Iterable<T> | AsyncIterable<T>;
