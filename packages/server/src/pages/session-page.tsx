/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { sessionDetailView } from '@observatory/core';
import { Hono, type MiddlewareHandler } from 'hono';
import { replaceSessionTags, visibleSession } from '../http/routes/sessions.js';
import type { ObservatoryStore } from '../store/store.js';
import type { PageEnv } from './env.js';
import { readPageFilters } from './filters.js';
import { localBack } from './guard.js';
import { Layout } from './layout.js';
import { htmlPage } from './render.js';
import { Transcript } from './transcript.js';

function Csrf(props: { value: string }) {
  return <input type="hidden" name="_csrf" value={props.value} />;
}

/**
 * `GET /sessions/:id`: one session — transcript (text, voice, LiveChat and CSAT events), trace steps with the
 * variables at each step, metadata, tags with add / remove, and the txt / csv / xlsx exports; and
 * `POST /sessions/:id/tags`, which adds or removes one tag through the API's `replaceSessionTags`.
 *
 * @example
 * ```ts
 * app.route('/', sessionPage(store, guard, writeGuard));
 * ```
 */
export function sessionPage(
  store: ObservatoryStore,
  guard: MiddlewareHandler<PageEnv>[],
  writeGuard: MiddlewareHandler<PageEnv>[],
): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.use('/sessions/:id', ...guard);
  app.get('/sessions/:id', async (c) => {
    const url = new URL(c.req.url);
    const params = url.searchParams;
    const filters = readPageFilters(params, new Date());
    const scope = c.get('scope');
    const session = await visibleSession(store, scope, c.req.param('id'), params);
    // The session's agent goes with every link to it: another agent may hold a session of the same id.
    const tenant = `tenantId=${encodeURIComponent(session.agentId)}`;
    const view = sessionDetailView(session, { timeZone: filters.timeZone });
    const csrf = c.get('web').csrf;
    const exportUrl = (fileType: string) =>
      `/organizations/${encodeURIComponent(scope.organizationId)}/chat-sessions/export/${encodeURIComponent(
        session.id,
      )}?fileType=${fileType}&timeZone=${encodeURIComponent(filters.timeZone)}&${tenant}`;
    const back = `${url.pathname}${url.search}`;
    return htmlPage(
      c,
      <Layout title={`Session ${view.id}`} path={url.pathname} params={params} csrf={csrf} filters={filters}>
        <h2>Transcript</h2>
        <Transcript lines={view.transcript} />
        <h2>Trace</h2>
        {view.trace.length === 0 ? (
          <p>No trace steps were recorded for this session.</p>
        ) : (
          <table>
            <caption>Trace steps</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Step</th>
                <th scope="col">Detail</th>
                <th scope="col">Variables</th>
              </tr>
            </thead>
            <tbody>
              {view.trace.map((step) => (
                <tr>
                  <td>{step.index}</td>
                  <td>{step.time}</td>
                  <td>{step.label}</td>
                  <td>{step.detail}</td>
                  <td>
                    {step.variables.length === 0 ? null : (
                      <details>
                        <summary>{`${step.variables.length} variables`}</summary>
                        <dl>
                          {step.variables.map((variable) => (
                            <>
                              <dt>{variable.name}</dt>
                              <dd>{variable.value}</dd>
                            </>
                          ))}
                        </dl>
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>Metadata</h2>
        <dl id="metadata">
          {view.metadata.map((entry) => (
            <>
              <dt>{entry.label}</dt>
              <dd>{entry.value}</dd>
            </>
          ))}
        </dl>
        <h2>Tags</h2>
        <ul id="tags">
          {view.tags.map((tag) => (
            <li>
              {tag}{' '}
              <form method="post" action={`${url.pathname}/tags?${tenant}`}>
                <Csrf value={csrf} />
                <input type="hidden" name="action" value="remove" />
                <input type="hidden" name="tag" value={tag} />
                <input type="hidden" name="back" value={back} />
                <button type="submit" class="secondary" aria-label={`Remove tag ${tag}`}>
                  Remove
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action={`${url.pathname}/tags?${tenant}`} aria-label="Add a tag">
          <Csrf value={csrf} />
          <input type="hidden" name="action" value="add" />
          <input type="hidden" name="back" value={back} />
          <label>
            New tag
            <input type="text" name="tag" required maxlength={128} />
          </label>
          <button type="submit">Add tag</button>
        </form>
        <h2>Export</h2>
        <p>
          <a href={exportUrl('txt')} download>
            Download txt
          </a>{' '}
          <a href={exportUrl('csv')} download>
            Download csv
          </a>{' '}
          <a href={exportUrl('xlsx')} download>
            Download xlsx
          </a>
        </p>
      </Layout>,
    );
  });
  app.use('/sessions/:id/tags', ...writeGuard);
  app.post('/sessions/:id/tags', async (c) => {
    const form = await c.req.parseBody();
    const scope = c.get('scope');
    const params = new URL(c.req.url).searchParams;
    const session = await visibleSession(store, scope, c.req.param('id'), params);
    const tag = typeof form.tag === 'string' ? form.tag.trim() : '';
    const tags =
      form.action === 'remove' ? session.tags.filter((existing) => existing !== tag) : [...session.tags, tag];
    await replaceSessionTags(
      store,
      scope,
      session.id,
      tags,
      new URLSearchParams({ tenantId: session.agentId }),
    );
    const own = `/sessions/${encodeURIComponent(session.id)}?tenantId=${encodeURIComponent(session.agentId)}`;
    return c.redirect(localBack(form.back, own), 303);
  });
  return app;
}
