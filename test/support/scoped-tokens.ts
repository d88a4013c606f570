import { createObservatoryClient, type ObservatoryClient } from '@observatory/client';

/**
 * The tokens of the loopback suites that test scopes: the whole of org-1, org-1's `faq-bot` agent only, and the
 * whole of org-2.
 *
 * @example
 * ```ts
 * const running = await startObservatoryServer({ storeUrl: 'memory://', port: 0, hostname: '127.0.0.1', auth: SCOPED_AUTH });
 * ```
 */
export const SCOPED_AUTH = {
  tokens: [
    { token: 'org-token', organizationId: 'org-1' },
    { token: 'faq-token', organizationId: 'org-1', agents: ['faq-bot'] },
    { token: 'other-org-token', organizationId: 'org-2' },
  ],
};

/**
 * One client per token of {@link SCOPED_AUTH}, keyed by the token, for a server at `url` (hbf-data-manager
 * included), each sending through `fetch` (a spec-checking one) without retries.
 *
 * @example
 * ```ts
 * const clients = clientPerToken(running.url, await publishedCheckedFetch(violations));
 * await clients['faq-token'].chatSessions.get('faq-1');
 * ```
 */
export function clientPerToken(
  url: string,
  fetch: (input: Request, init?: RequestInit) => Promise<Response>,
): Record<string, ObservatoryClient> {
  return Object.fromEntries(
    SCOPED_AUTH.tokens.map(({ token, organizationId }) => [
      token,
      createObservatoryClient({ baseUrl: url, dataManagerUrl: url, token, organizationId, fetch, retry: 0 }),
    ]),
  );
}
