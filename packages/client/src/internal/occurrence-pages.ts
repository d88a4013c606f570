import { MissedQuestionOccurrenceDto, MissedQuestionOccurrenceList } from '@observatory/core';
import { z } from 'zod';
import type { RequestInfo } from '../errors/errors.js';
import type { ListPage } from '../resources/list-page.js';
import type { CallOptions } from '../transport/options.js';
import type { Transport } from '../transport/transport.js';
import { iteratePages } from './iterate-pages.js';

// A server that pages occurrences (the local server) answers `{ items, page, pageSize, total }`; the platform's
// spec declares no paging there, so any shape core's list accepts is one whole answer.
const PagedOccurrences = z.looseObject({
  items: z.array(MissedQuestionOccurrenceDto),
  page: z.number().int().nonnegative(),
  pageSize: z.number().int().positive(),
  total: z.number().int().nonnegative(),
});
const WholeOccurrences = MissedQuestionOccurrenceList.transform((items) => ({ items, pageSize: undefined }));
type OccurrencesAnswer = {
  items: MissedQuestionOccurrenceDto[];
  pageSize?: number | undefined;
  total?: number | undefined;
};

// Pick the shape by its `total`, so a bad item is reported at its own path rather than as "no union member".
const OccurrencesAnswer = z.unknown().transform((body, ctx): OccurrencesAnswer => {
  const paged = typeof body === 'object' && body !== null && !Array.isArray(body) && 'total' in body;
  const parsed = (paged ? PagedOccurrences : WholeOccurrences).safeParse(body);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { issue } });
  return z.NEVER;
});

/**
 * Reads every occurrence at `path`, following the server's pages when it answers with one: the first request
 * sends no paging (the spec declares none), later ones ask for the next page in the server's own page size.
 * Returns the occurrences with the first request, for error reports.
 */
export async function readOccurrences(
  transport: Transport,
  path: string,
  params: URLSearchParams,
  options: CallOptions = {},
): Promise<{ dtos: MissedQuestionOccurrenceDto[]; info: RequestInfo }> {
  let info: RequestInfo | undefined;
  let serverPageSize = 0;
  const fetchPage = async (page: number): Promise<ListPage<MissedQuestionOccurrenceDto>> => {
    const searchParams = new URLSearchParams(params);
    if (page > 0) {
      searchParams.set('page', String(page));
      searchParams.set('pageSize', String(serverPageSize));
    }
    const answer = await transport.validated(
      { method: 'GET', path, searchParams, idempotent: true },
      OccurrencesAnswer,
      options,
    );
    info ??= answer.info;
    const { items, pageSize, total } = answer.body;
    if (pageSize === undefined || total === undefined) {
      return { items, page: 0, pageSize: Math.max(1, items.length), total: items.length };
    }
    serverPageSize = pageSize;
    return { items, page, pageSize, total };
  };
  const dtos: MissedQuestionOccurrenceDto[] = [];
  // The page size asked of iteratePages is unbounded: the server's own page size decides when a page is short.
  const pages = iteratePages(fetchPage, {
    pageSize: Number.MAX_SAFE_INTEGER,
    maxPages: transport.paging.maxPages,
    signal: options.signal,
  });
  for await (const dto of pages) dtos.push(dto);
  return { dtos, info: info as RequestInfo };
}
