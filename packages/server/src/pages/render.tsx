/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { toProblem } from '../http/problem.js';
import type { PageEnv } from './env.js';
import { Layout } from './layout.js';

/**
 * Answers an HTML page: the doctype and the rendered element.
 *
 * @example
 * ```tsx
 * return htmlPage(c, <Layout …>…</Layout>);
 * ```
 */
export async function htmlPage(
  c: Context,
  node: Child,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 500 = 200,
) {
  return c.html(`<!DOCTYPE html>${await String(node)}`, status);
}

/**
 * The pages' error answer, with the API's status and wording (`toProblem`): a bad filter is a 400 naming the
 * parameter, another organization's id a 404, a refused CSRF check a 403, a session id several agents hold (without
 * `tenantId`) a 409 naming them. Signed in, it keeps the navigation and
 * the filters so the reader can fix them.
 *
 * @example
 * ```ts
 * pages.onError((error, c) => errorPage(c, error, onError));
 * ```
 */
export function errorPage(c: Context<PageEnv>, error: unknown, onError?: (error: unknown) => void) {
  const found = toProblem(error);
  if (found.status === 500) onError?.(error);
  const status = ([400, 401, 403, 404, 409] as const).find((s) => s === found.status) ?? 500;
  const titles = { 400: 'Bad request', 403: 'Refused', 404: 'Not found', 409: 'Conflict' } as const;
  const title = status in titles ? titles[status as keyof typeof titles] : 'Error';
  const web = c.get('web');
  const url = new URL(c.req.url);
  if (web === undefined) {
    return htmlPage(
      c,
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>{`${title} · Observatory`}</title>
          <link rel="stylesheet" href="/assets/observatory.css" />
          <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
        </head>
        <body>
          <main>
            <h1>{title}</h1>
            <p role="alert">{found.detail}</p>
            <p>
              <a href="/sessions">Back to Sessions</a>
            </p>
          </main>
        </body>
      </html>,
      status,
    );
  }
  return htmlPage(
    c,
    <Layout
      title={title}
      path={url.pathname}
      params={url.searchParams}
      csrf={web.csrf}
      error={found.detail}
    />,
    status,
  );
}
