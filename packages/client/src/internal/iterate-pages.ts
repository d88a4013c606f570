import { ObservatoryError } from '../errors/errors.js';
import type { ListPage } from '../resources/list-page.js';

/**
 * Walks pages lazily. Stops on a short or empty page, or once `(page + 1) * pageSize >= total`, so a total that
 * changes underneath never makes it loop; throws after `maxPages` pages as a last bound. Honours `signal`.
 * The page size is the one the server answered with when it is smaller than the one asked for (a server that caps
 * it), so a capped page is not taken for the last one.
 */
export async function* iteratePages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<ListPage<T>>,
  options: { pageSize: number; maxPages: number; signal?: AbortSignal | undefined },
): AsyncGenerator<T, void, undefined> {
  for (let page = 0; ; page++) {
    options.signal?.throwIfAborted();
    if (page >= options.maxPages) {
      throw new ObservatoryError(
        `iterate stopped after ${options.maxPages} pages (maxPages); narrow the query`,
      );
    }
    const result = await fetchPage(page, options.pageSize);
    yield* result.items;
    const size = Math.min(options.pageSize, result.pageSize);
    const short = result.items.length < size;
    const reachedTotal = result.total !== null && (page + 1) * size >= result.total;
    if (short || reachedTotal) return;
  }
}
