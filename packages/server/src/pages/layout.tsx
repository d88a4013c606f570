/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { formatDateRange } from '@observatory/core';
import type { Child } from 'hono/jsx';
import { type PageFilters, SHARED_FILTER_NAMES, sharedQuery } from './filters.js';

const PRESETS: ReadonlyArray<readonly [string, string]> = [
  ['today', 'Today'],
  ['yesterday', 'Yesterday'],
  ['last7Days', 'Last 7 days'],
  ['last30Days', 'Last 30 days'],
  ['thisMonth', 'This month'],
  ['custom', 'Custom (From / To)'],
];

/**
 * What every signed-in page shows around its content.
 *
 * @example
 * ```ts
 * const props: LayoutProps = { title: 'Chat Sessions', path: '/sessions', params, csrf: web.csrf, children: [] };
 * ```
 */
export interface LayoutProps {
  readonly title: string;
  /** The page's path, the filter form's action. */
  readonly path: string;
  readonly params: URLSearchParams;
  /** The session's CSRF token, for the Sign out form. */
  readonly csrf: string;
  /** The shared filters, when they could be read (absent on a 400 for a bad filter). */
  readonly filters?: PageFilters | undefined;
  /** A message shown with `role="alert"` (a bad filter, a refused write). */
  readonly error?: string | undefined;
  readonly children?: Child;
}

/**
 * The HTML page: head with the one stylesheet and script, the navigation, Sign out, the shared filters and the
 * page's content.
 *
 * @example
 * ```tsx
 * c.html(html(<Layout title="Analytics" path="/analytics" params={params} csrf={web.csrf}>…</Layout>));
 * ```
 */
export function Layout(props: LayoutProps) {
  const current = `${props.path}?${props.params.toString()}`;
  // The shared filters go with the reader from page to page, as on the platform.
  const query = sharedQuery(props.params);
  const shared = query === '' ? '' : `?${query}`;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Observatory`}</title>
        <link rel="stylesheet" href="/assets/observatory.css" />
        <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
        <script src="/assets/observatory.js" defer />
      </head>
      <body>
        <header>
          <nav aria-label="Observatory">
            <a href={`/sessions${shared}`}>Sessions</a>
            <a href={`/missed-questions${shared}`}>Missed Questions</a>
            <a href={`/analytics${shared}`}>Analytics</a>
          </nav>
          <form method="post" action="/logout">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main>
          <h1>{props.title}</h1>
          <FilterBar path={props.path} params={props.params} filters={props.filters} current={current} />
          {props.error === undefined ? null : <p role="alert">{props.error}</p>}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** The shared filters: date range preset or custom dates, time zone, agent; Apply and Refresh. */
function FilterBar(props: {
  path: string;
  params: URLSearchParams;
  filters?: PageFilters | undefined;
  current: string;
}) {
  const { filters, params } = props;
  const preset = filters?.preset ?? params.get('preset') ?? '';
  return (
    <section class="filters">
      <form method="get" action={props.path} aria-label="Filters">
        <label>
          Date range
          <select name="preset">
            {PRESETS.map(([value, label]) => (
              <option value={value} selected={value === preset}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" name="startDate" value={filters?.startDate ?? params.get('startDate') ?? ''} />
        </label>
        <label>
          To
          <input type="date" name="endDate" value={filters?.endDate ?? params.get('endDate') ?? ''} />
        </label>
        <label>
          Time zone
          <input
            type="text"
            name="timeZone"
            value={filters?.timeZone ?? params.get('timeZone') ?? 'UTC'}
            placeholder="Europe/Athens"
            data-time-zone
          />
        </label>
        <label>
          Agent
          <input
            type="text"
            name="tenantsFilter"
            value={filters?.agent ?? params.get('tenantsFilter') ?? ''}
            placeholder="all agents"
          />
        </label>
        {[...params.entries()]
          .filter(([name]) => !SHARED_FILTER_NAMES.includes(name) && name !== 'page')
          .map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
        <button type="submit">Apply</button>
        <a href={props.current} class="button">
          Refresh
        </a>
      </form>
      {filters === undefined ? null : (
        <p id="range-summary">{formatDateRange(filters.range, filters.timeZone)}</p>
      )}
    </section>
  );
}

/**
 * The hidden fields that carry the shared filters through another form (search, sort, download).
 *
 * @example
 * ```tsx
 * <form><SharedFields params={params} />…</form>
 * ```
 */
export function SharedFields(props: { params: URLSearchParams; names?: readonly string[] }) {
  const names = props.names ?? SHARED_FILTER_NAMES;
  return (
    <>
      {names.flatMap((name) =>
        props.params.getAll(name).map((value) => <input type="hidden" name={name} value={value} />),
      )}
    </>
  );
}
