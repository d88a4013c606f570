/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { withParams } from './filters.js';

/**
 * Previous / Next links and `Page X of Y` under a list; nothing when everything fits on one page.
 *
 * @example
 * ```tsx
 * <Pagination path="/sessions" params={params} page={0} pageSize={20} total={45} />
 * ```
 */
export function Pagination(props: {
  path: string;
  params: URLSearchParams;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages === 1 && props.page === 0) return null;
  const link = (page: number) => `${props.path}?${withParams(props.params, { page: String(page) })}`;
  return (
    <nav aria-label="Pagination">
      {props.page > 0 ? <a href={link(props.page - 1)}>Previous</a> : null}
      <span>{`Page ${props.page + 1} of ${pages}`}</span>
      {props.page + 1 < pages ? <a href={link(props.page + 1)}>Next</a> : null}
    </nav>
  );
}
