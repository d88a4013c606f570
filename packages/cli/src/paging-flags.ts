import { MAX_PAGE_SIZE } from '@observatory/core';
import type { Command } from 'commander';
import { CliError } from './cli-error.js';

/** Rows per page of a list command without `--page-size`. */
const DEFAULT_PAGE_SIZE = 20;

/** `--page`, `--page-size`, `--all` as commander reads them. */
export interface PagingFlags {
  readonly page?: string;
  readonly pageSize?: string;
  readonly all?: boolean;
}

/**
 * What to fetch: one page (`index` from 0, as the client counts) or every page.
 *
 * @example
 * ```ts
 * const paging: Paging = { all: false, index: 0, size: 20 };
 * ```
 */
export type Paging =
  | { readonly all: true; readonly size: number }
  | { readonly all: false; readonly index: number; readonly size: number };

/**
 * Adds `--page`, `--page-size` and `--all` to a list command.
 *
 * @example
 * ```ts
 * pagingOptions(program.command('list'));
 * ```
 */
export function pagingOptions(command: Command): Command {
  return command
    .option('--page <n>', 'page to print, from 1', '1')
    .option('--page-size <n>', `rows per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`)
    .option('--all', 'every page, one after the other (not with --page)');
}

/**
 * Checks the paging flags: `--page` a whole number from 1, `--page-size` from 1 to 1000, `--all` without a page
 * other than the first.
 *
 * @throws CliError (exit code 2) naming the flag and the value it got.
 * @example
 * ```ts
 * pagingFromFlags({ page: '2', pageSize: '50' }); // { all: false, index: 1, size: 50 }
 * ```
 */
export function pagingFromFlags(flags: PagingFlags): Paging {
  const size = flags.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(flags.pageSize);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new CliError(
      `--page-size: expected a whole number from 1 to ${MAX_PAGE_SIZE} (got "${flags.pageSize}")`,
    );
  }
  const page = Number(flags.page ?? '1');
  if (!Number.isInteger(page) || page < 1) {
    throw new CliError(`--page: expected a whole number from 1 (got "${flags.page}")`);
  }
  if (flags.all) {
    if (page !== 1) throw new CliError('--all prints every page: give --all or --page, not both');
    return { all: true, size };
  }
  return { all: false, index: page - 1, size };
}

/**
 * The footer line of a page: which rows of how many, and the next page's flag when there is one.
 *
 * @example
 * ```ts
 * pageFooter({ shown: 20, index: 0, size: 20, total: 93 }, 'sessions'); // 'sessions 1–20 of 93 (next: --page 2)'
 * ```
 */
export function pageFooter(
  page: { shown: number; index: number; size: number; total: number | null },
  noun: string,
): string {
  const first = page.index * page.size + 1;
  const rows = page.shown === 0 ? `no ${noun}` : `${noun} ${first}–${first + page.shown - 1}`;
  const of = page.total === null ? '' : ` of ${page.total}`;
  const more =
    page.total !== null && first - 1 + page.shown < page.total ? ` (next: --page ${page.index + 2})` : '';
  return `${rows}${of}${more}`;
}

/**
 * Refuses a `--page` past the last page of a list that has rows, naming the last page (rather than printing an
 * empty table); a page within the list, or a list without rows or without a known total, passes.
 *
 * @throws CliError (exit code 2) for a page past the last.
 * @example
 * ```ts
 * assertPageInList({ shown: 0, index: 98, size: 20, total: 463 }, 'sessions');
 * // throws: --page 99 is past the last page (24) of 463 sessions at 20 a page
 * ```
 */
export function assertPageInList(
  page: { shown: number; index: number; size: number; total: number | null },
  noun: string,
): void {
  if (page.shown > 0 || page.index === 0 || page.total === null || page.total === 0) return;
  const last = Math.ceil(page.total / page.size);
  throw new CliError(
    `--page ${page.index + 1} is past the last page (${last}) of ${page.total} ${noun} at ${page.size} a page`,
  );
}
