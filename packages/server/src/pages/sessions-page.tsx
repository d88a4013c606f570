/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { countLabel, emptySessionsHint, sessionListRow, transcriptView } from '@observatory/core';
import { Hono, type MiddlewareHandler } from 'hono';
import { listSessionPage } from '../http/routes/sessions.js';
import type { ObservatoryStore } from '../store/store.js';
import type { PageEnv } from './env.js';
import { apiParams, readPageFilters, sharedQuery, withParams } from './filters.js';
import { Layout, SharedFields } from './layout.js';
import { Pagination } from './pagination.js';
import { htmlPage } from './render.js';
import { Transcript } from './transcript.js';

/** Lines of a session's transcript its row expands to (Open shows them all). */
const PREVIEW_LINES = 10;

const QUICK_FILTERS: ReadonlyArray<readonly [string, string]> = [
  ['containsFallback', 'Contains fallback'],
  ['containsFeedback', 'Contains feedback'],
  ['containsCSATSurvey', 'Contains CSAT response'],
  ['containsLiveChat', 'Contains LiveChat'],
];

/** The filters of the list besides the shared ones, named for the empty-result advice. */
function otherFilters(params: URLSearchParams): string[] {
  const others: string[] = [];
  if (params.get('searchTerm')) others.push('search');
  if (params.getAll('tags').some((tag) => tag !== '')) others.push('tag');
  if (QUICK_FILTERS.some(([name]) => params.get(name) === 'true')) others.push('quick');
  return others;
}

function Check(props: { name: string; label: string; params: URLSearchParams }) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={props.name}
        value="true"
        checked={props.params.get(props.name) === 'true'}
      />
      {props.label}
    </label>
  );
}

/**
 * `GET /sessions`: the Chat Sessions list — the shared filters, search with its modes, quick filters and tag,
 * sorting by Created At, paging, and per row Open and Download — read with the API's own `listSessionPage`.
 *
 * @example
 * ```ts
 * app.route('/', sessionsPage(store, guard));
 * ```
 */
export function sessionsPage(store: ObservatoryStore, guard: MiddlewareHandler<PageEnv>[]): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.use('/', ...guard);
  app.get('/', (c) => c.redirect(`/sessions${new URL(c.req.url).search}`, 303));
  app.use('/sessions', ...guard);
  app.get('/sessions', async (c) => {
    const params = new URL(c.req.url).searchParams;
    const filters = readPageFilters(params, new Date());
    const scope = c.get('scope');
    const result = await listSessionPage(store, scope, apiParams(params, filters));
    const rows = result.items.map((session) => ({
      session,
      row: sessionListRow(session, { timeZone: filters.timeZone }),
    }));
    const ascending = params.get('order')?.toUpperCase() === 'ASC';
    const sortLink = `/sessions?${withParams(params, { sortBy: 'createdAt', order: ascending ? 'DESC' : 'ASC', page: '' })}`;
    const exportBase = `/organizations/${encodeURIComponent(scope.organizationId)}/chat-sessions/export`;
    const zone = encodeURIComponent(filters.timeZone);
    return htmlPage(
      c,
      <Layout
        title="Chat Sessions"
        path="/sessions"
        params={params}
        csrf={c.get('web').csrf}
        filters={filters}
      >
        <form method="get" action="/sessions" aria-label="Search sessions">
          <SharedFields params={params} />
          <label>
            Search
            <input type="search" name="searchTerm" value={params.get('searchTerm') ?? ''} />
          </label>
          <Check name="matchFullWord" label="Match full word" params={params} />
          <Check name="isRegex" label="Regular expression" params={params} />
          <Check name="searchByVariable" label="Search in variable" params={params} />
          <label>
            Variable name
            <input type="text" name="searchVariable" value={params.get('searchVariable') ?? ''} />
          </label>
          {QUICK_FILTERS.map(([name, label]) => (
            <Check name={name} label={label} params={params} />
          ))}
          <label>
            Tag
            <input type="text" name="tags" value={params.get('tags') ?? ''} />
          </label>
          {params.get('order') ? (
            <input type="hidden" name="order" value={params.get('order') ?? ''} />
          ) : null}
          <button type="submit">Search</button>
        </form>
        <p id="result-count">{countLabel(result.total, 'session')}</p>
        {rows.length === 0 ? (
          <p role="status" id="empty-hint">
            {emptySessionsHint({
              range: filters.range,
              timeZone: filters.timeZone,
              agents: filters.agents,
              others: otherFilters(params),
            })}
          </p>
        ) : (
          <table>
            <caption>Chat sessions</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ascending ? 'ascending' : 'descending'}>
                  <a href={sortLink}>Created At</a>
                </th>
                <th scope="col">Agent</th>
                <th scope="col">Deployment</th>
                <th scope="col">Contact</th>
                <th scope="col" class="num">
                  Messages
                </th>
                <th scope="col">Tags</th>
                <th scope="col">Preview</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ session, row }) => (
                <tr data-session-id={row.id}>
                  <td>
                    <time datetime={row.createdAt}>{row.createdAtLocal}</time>
                  </td>
                  <td>{row.agentId}</td>
                  <td>{row.deploymentId ?? ''}</td>
                  <td>{row.contact}</td>
                  <td class="num">{row.messageCount}</td>
                  <td>{row.tags.join(', ')}</td>
                  <td>
                    <details>
                      <summary>{row.preview || 'No user text'}</summary>
                      <Transcript
                        lines={transcriptView(session, { timeZone: filters.timeZone }).slice(
                          0,
                          PREVIEW_LINES,
                        )}
                        preview
                      />
                      {session.messages.length > PREVIEW_LINES ? (
                        <a
                          href={`/sessions/${encodeURIComponent(row.id)}?${sharedQuery(params, { tenantId: row.agentId })}`}
                        >
                          {`All ${session.messages.length} messages, trace and variables`}
                        </a>
                      ) : null}
                    </details>
                  </td>
                  <td>
                    <a
                      href={`/sessions/${encodeURIComponent(row.id)}?${sharedQuery(params, { tenantId: row.agentId })}`}
                      aria-label={`Open session ${row.id}`}
                    >
                      Open
                    </a>{' '}
                    <a
                      href={`${exportBase}/${encodeURIComponent(row.id)}?fileType=txt&timeZone=${zone}&tenantId=${encodeURIComponent(row.agentId)}`}
                      aria-label={`Download session ${row.id}`}
                      download
                    >
                      Download
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination
          path="/sessions"
          params={params}
          page={result.page}
          pageSize={result.pageSize}
          total={result.total}
        />
      </Layout>,
    );
  });
  return app;
}
