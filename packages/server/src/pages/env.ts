import type { Scope } from '../http/env.js';
import type { WebSession } from './web-sessions.js';

/**
 * Hono environment of the pages: the signed-in browser and the scope of its token, as the API's `ServerEnv`.
 *
 * @example
 * ```ts
 * const app = new Hono<PageEnv>();
 * app.get('/whoami', (c) => c.text(c.get('scope').organizationId));
 * ```
 */
export interface PageEnv {
  Variables: { scope: Scope; web: WebSession };
}
