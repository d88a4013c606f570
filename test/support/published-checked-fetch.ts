import { createSpecValidator } from '../../packages/client/src/testing/spec-validator.js';
import { SPEC_DIVERGENCES } from '../../packages/server/src/http/spec-divergences.js';
import { publishedAnswerChecker } from '../../packages/server/src/testing/published-spec.js';

/**
 * A fetch for the client that checks each exchange with a published hbf-core operation against the published
 * spec: the request, and a success answer (status, media type, body). Each violation that no entry of
 * SPEC_DIVERGENCES (the documented lists) covers is pushed onto `violations`; a request to a path the spec does not publish is one too. Refusals (401, 403, 404, 409) are the
 * documented extensions of every operation and go unchecked.
 *
 * @example
 * ```ts
 * const violations: string[] = [];
 * const client = createObservatoryClient({ baseUrl, token, organizationId, fetch: await publishedCheckedFetch(violations) });
 * ```
 */
export async function publishedCheckedFetch(
  violations: string[],
): Promise<(input: Request, init?: RequestInit) => Promise<Response>> {
  const validateRequest = await createSpecValidator();
  const check = await publishedAnswerChecker();
  return async (input, init) => {
    const request = new Request(input, init);
    const violation = await validateRequest(request.clone(), 'core');
    if (violation) violations.push(`${violation.method} ${violation.path}: ${violation.errors.join('; ')}`);
    const response = await fetch(request);
    const pathname = new URL(request.url).pathname;
    const result = check(
      request.method,
      pathname,
      response.status,
      response.headers.get('content-type') ?? '',
      await response.clone().text(),
    );
    if (result.operationId === undefined)
      violations.push(`${request.method} ${pathname}: not a published operation`);
    if (response.ok)
      for (const v of result.violations)
        if (!documented(v.operationId, v.where)) violations.push(`${v.operationId} ${v.where}: ${v.message}`);
    return response;
  };
}

/** Whether a documented divergence covers a violation at `where` (a `*` in its pointers is one segment). */
function documented(operationId: string, where: string): boolean {
  return SPEC_DIVERGENCES.some(
    (divergence) =>
      (divergence.operationIds.includes(operationId) || divergence.operationIds.includes('*')) &&
      divergence.where.some((pattern) => new RegExp(`^${pattern.replace(/\*/g, '[^/]+')}$`).test(where)),
  );
}
