/** @jsxRuntime automatic @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { TokenGrant } from '../http/auth.js';
import type { PageEnv } from './env.js';
import { csrfToken, localBack, pageHeaders, sameOrigin, signedIn } from './guard.js';
import { htmlPage } from './render.js';
import { clearSessionCookie, setSessionCookie, type WebSessions } from './web-sessions.js';

function LoginPage(props: { next: string; refused: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sign in · Observatory</title>
        <link rel="stylesheet" href="/assets/observatory.css" />
        <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
      </head>
      <body>
        <main>
          <h1>Sign in to Observatory</h1>
          {props.refused ? <p role="alert">That token is not accepted.</p> : null}
          <form method="post" action="/login" aria-label="Sign in">
            <input type="hidden" name="next" value={props.next} />
            <label>
              Access token
              <input type="password" name="token" autocomplete="current-password" required autofocus />
            </label>
            <button type="submit">Sign in</button>
          </form>
          <p>Use the token the server printed at start (or OBSERVATORY_TOKEN).</p>
        </main>
      </body>
    </html>
  );
}

/**
 * Sign-in and sign-out: `GET /login` (the form), `POST /login` (a right token sets the session cookie and goes to
 * `next`; a wrong one answers 401), `POST /logout` (CSRF-checked; ends the session and clears the cookie).
 *
 * @example
 * ```ts
 * app.route('/', loginRoutes(sessions, tokenGrants(auth)));
 * ```
 */
export function loginRoutes(
  sessions: WebSessions,
  grantOf: (token: string) => TokenGrant | undefined,
): Hono<PageEnv> {
  const app = new Hono<PageEnv>();
  app.get('/login', pageHeaders, (c) =>
    htmlPage(
      c,
      <LoginPage
        next={localBack(c.req.query('next'), '/sessions')}
        refused={c.req.query('refused') === '1'}
      />,
    ),
  );
  app.post('/login', pageHeaders, sameOrigin, async (c) => {
    const form = await c.req.parseBody();
    const next = localBack(form.next, '/sessions');
    const grant = typeof form.token === 'string' ? grantOf(form.token) : undefined;
    if (grant === undefined) return htmlPage(c, <LoginPage next={next} refused />, 401);
    setSessionCookie(c, sessions.open(grant));
    return c.redirect(next, 303);
  });
  app.post('/logout', pageHeaders, signedIn(sessions, grantOf), sameOrigin, csrfToken, (c) => {
    sessions.close(c.get('web').id);
    clearSessionCookie(c);
    return c.redirect('/login', 303);
  });
  return app;
}
