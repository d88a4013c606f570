/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { countLabel, emptyMissedQuestionsHint, MissedQuestionStatus, missedListRow } from '@observatory/core';
import { Hono, type MiddlewareHandler } from 'hono';
import { listMissedQuestionPage, updateMissedQuestionStatus } from '../http/routes/missed-questions.js';
import type { ObservatoryStore } from '../store/store.js';
import type { PageEnv } from './env.js';
import { apiParams, readPageFilters, sharedQuery, withParams } from './filters.js';
import { localBack } from './guard.js';
import { Layout, SharedFields } from './layout.js';
import { Pagination } from './pagination.js';
import { htmlPage } from './render.js';
import { Triage } from './triage.js';

/** The page's default order: the most frequent in range first, as the product page advises. */
const DEFAULT_SORT = 'filteredOccurrences';

/**
 * `GET /missed-questions`: the Missed Questions table — search, agent and status filters, sorting, triage, and
 * the CSV download with the separator choice — read with the API's `listMissedQuestionPage`; and
 * `POST /missed-questions/:id/status`, the triage, through the API's `updateMissedQuestionStatus`.
 *
 * @example
 * ```ts
 * app.route('/', missedQuestionsPage(store, guard, writeGuard));
 * ```
 */
export function missedQuestionsPage(
  store: ObservatoryStore,
  guard: MiddlewareHandler<PageEnv>[],
  writeGuard: MiddlewareHandler<PageEnv>[],
): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.use('/missed-questions', ...guard);
  app.get('/missed-questions', async (c) => {
    const url = new URL(c.req.url);
    const params = url.searchParams;
    const filters = readPageFilters(params, new Date());
    const scope = c.get('scope');
    const api = apiParams(params, filters);
    if (!api.get('sortBy')) api.set('sortBy', DEFAULT_SORT);
    const result = await listMissedQuestionPage(store, scope, api);
    const rows = result.items.map((question) => missedListRow(question, { timeZone: filters.timeZone }));
    const sortBy = api.get('sortBy') ?? DEFAULT_SORT;
    const order = (params.get('order') || 'DESC').toUpperCase();
    const sortHeader = (by: string, label: string) => {
      const active = sortBy === by;
      const next = active && order === 'DESC' ? 'ASC' : 'DESC';
      return (
        <th scope="col" aria-sort={active ? (order === 'ASC' ? 'ascending' : 'descending') : undefined}>
          <a href={`/missed-questions?${withParams(params, { sortBy: by, order: next, page: '' })}`}>
            {label}
          </a>
        </th>
      );
    };
    const status = params.get('status') ?? '';
    const back = `${url.pathname}${url.search}`;
    const exportAction = `/organizations/${encodeURIComponent(scope.organizationId)}/missed-questions/export`;
    return htmlPage(
      c,
      <Layout
        title="Missed Questions"
        path="/missed-questions"
        params={params}
        csrf={c.get('web').csrf}
        filters={filters}
      >
        <form method="get" action="/missed-questions" aria-label="Search missed questions">
          <SharedFields params={params} />
          <label>
            Search questions
            <input type="search" name="search" value={params.get('search') ?? ''} />
          </label>
          <label>
            Status
            <select name="status">
              <option value="">Any status</option>
              {MissedQuestionStatus.options.map((option) => (
                <option value={option} selected={option === status}>
                  {option}
                </option>
              ))}
            </select>
          </label>
          <SharedFields params={params} names={['sortBy', 'order']} />
          <button type="submit">Search</button>
        </form>
        <form method="get" action={exportAction} aria-label="Download missed questions">
          {[...api.entries()]
            .filter(([name]) => !['page', 'pageSize', 'timeZone'].includes(name))
            .map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
          <label>
            Separator
            <select name="separator">
              <option value=",">Comma (,)</option>
              <option value=";">Semicolon (;)</option>
            </select>
          </label>
          <button type="submit">Download CSV</button>
        </form>
        <p id="result-count">{countLabel(result.total, 'question')}</p>
        {rows.length === 0 ? (
          <p role="status" id="empty-hint">
            {emptyMissedQuestionsHint({
              range: filters.range,
              timeZone: filters.timeZone,
              agents: filters.agents,
              others: [...(params.get('search') ? ['search'] : []), ...(status ? ['status'] : [])],
            })}
          </p>
        ) : (
          <table>
            <caption>Missed questions</caption>
            <thead>
              <tr>
                {sortHeader('question', 'Question')}
                <th scope="col">Agent</th>
                <th scope="col">Status</th>
                {sortHeader(DEFAULT_SORT, 'Occurrences')}
                <th scope="col">Last asked</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr data-question-id={row.id}>
                  <td>{row.question}</td>
                  <td>{row.agentId}</td>
                  <td>{row.status}</td>
                  <td class="num">{row.occurrences}</td>
                  <td>{row.lastOccurredLocal}</td>
                  <td>
                    <a
                      href={`/missed-questions/${encodeURIComponent(row.id)}?${sharedQuery(params)}`}
                      aria-label={`Details of ${row.question}`}
                    >
                      Details
                    </a>{' '}
                    <Triage
                      id={row.id}
                      question={row.question}
                      status={row.status}
                      csrf={c.get('web').csrf}
                      back={back}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination
          path="/missed-questions"
          params={params}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
        />
      </Layout>,
    );
  });
  app.use('/missed-questions/:id/status', ...writeGuard);
  app.post('/missed-questions/:id/status', async (c) => {
    const form = await c.req.parseBody();
    const status = MissedQuestionStatus.parse(form.status);
    const id = c.req.param('id');
    await updateMissedQuestionStatus(store, c.get('scope'), id, status);
    return c.redirect(localBack(form.back, `/missed-questions/${encodeURIComponent(id)}`), 303);
  });
  return app;
}
