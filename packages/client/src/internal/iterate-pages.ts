import { ObservatoryError } from '../errors/errors.js';
import type { ListPage } from '../resources/list-page.js';

/**
 * Walks pages lazily. Stops on a short or empty page, or once `(page + 1) * pageSize >= total`, so a total that
 * changes underneath never makes it loop; throws after `maxPages` pages as a last bound. Honours `signal`.
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
    const short = result.items.length < options.pageSize;
    const reachedTotal = result.total !== null && (page + 1) * options.pageSize >= result.total;
    if (short || reachedTotal) return;
  }
}
