/**
 * One page of a list as the client returns it. `total` is null when the server did not report it (a bare array).
 *
 * @example
 * ```ts
 * const page: ListPage<string> = { items: ['a'], page: 0, pageSize: 20, total: 1 };
 * ```
 */
export interface ListPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number | null;
}

/**
 * Paging of a `list` call: `page` from 0, `pageSize` from 1 to 1000.
 *
 * @example
 * ```ts
 * await client.sessions.list({ agents: ['faq-bot'], page: 2, pageSize: 50 });
 * ```
 */
export interface PageParams {
  /** @default 0 */
  readonly page?: number;
  /** @default 20 */
  readonly pageSize?: number;
}
