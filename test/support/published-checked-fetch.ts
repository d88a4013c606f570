import { createSpecValidator } from '../../packages/client/src/testing/spec-validator.js';
import { publishedAnswerChecker } from '../../packages/server/src/testing/published-spec.js';

/**
 * A fetch for the client that checks each exchange with a published hbf-core operation against the published
 * spec: the request, and a success answer (status, media type, body). Each violation is pushed onto
 * `violations`; a request to a path the spec does not publish is one too. Refusals (401, 403, 404, 409) are the
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
      for (const v of result.violations) violations.push(`${v.operationId} ${v.where}: ${v.message}`);
    return response;
  };
}
