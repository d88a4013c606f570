// The pages behind the token, in a real Chromium over the demo's data: no page and no export without signing in,
// the token never in the page or the URL after sign-in, a cookie the page's scripts cannot read, writes that need
// the page's own CSRF field, and another organization's (or another agent's) ids answering 404.
import { describe, expect, it } from 'vitest';
import { skipBrowserSuite, useBrowser } from '../support/browser.js';
import { DEMO_ORG, DEMO_SIZE, DEMO_TOKENS, OTHER_ORG_IDS, useDemoServer } from '../support/demo-server.js';
import { navigation, pageUrl, signIn, signInWithForm } from './pages.js';

describe.skipIf(skipBrowserSuite)('the pages behind the token', () => {
  // The browser first: without one (under CI=true) the suite fails before seeding the demo.
  const chrome = useBrowser();
  const demo = useDemoServer(DEMO_SIZE);

  const someSession = async (agent?: string) => {
    const page = await demo.client.sessions.list({ ...(agent ? { agents: [agent] } : {}), pageSize: 1 });
    const id = page.items[0]?.id;
    if (id === undefined) throw new Error(`the demo stored no session${agent ? ` of ${agent}` : ''}`);
    return id;
  };
  const someQuestion = async () => {
    const id = (await demo.client.missedQuestions.list({ pageSize: 1 })).items[0]?.id;
    if (id === undefined) throw new Error('the demo stored no missed question');
    return id;
  };

  it('sends a signed-out browser from every page to the sign-in form, and answers no export', async () => {
    const sessionId = await someSession();
    const questionId = await someQuestion();
    const context = await chrome.newContext();
    const page = await context.newPage();
    for (const path of [
      '/sessions',
      `/sessions/${sessionId}`,
      '/missed-questions?timeZone=Europe%2FAthens',
      `/missed-questions/${questionId}`,
      '/analytics',
    ]) {
      await page.goto(pageUrl(demo.url, path));
      const landed = new URL(page.url());
      expect(landed.pathname, path).toBe('/login');
      expect(landed.searchParams.get('next'), path).toBe(path);
      await expect(page.getByLabel('Access token').getAttribute('type')).resolves.toBe('password');
      // Nothing of the data: no transcript, no table rows.
      await expect(
        page.locator('#transcript, tr[data-session-id], tr[data-question-id]').count(),
      ).resolves.toBe(0);
    }
    for (const path of [
      `/organizations/${DEMO_ORG}/chat-sessions/export/${sessionId}?fileType=txt`,
      `/organizations/${DEMO_ORG}/chat-sessions/export?fileType=csv`,
      `/organizations/${DEMO_ORG}/missed-questions/export?separator=%3B`,
    ]) {
      const answer = await context.request.get(pageUrl(demo.url, path), { maxRedirects: 0 });
      expect(answer.status(), path).toBe(401);
    }
    await context.close();
  });

  it('refuses a wrong token with an alert and sets no cookie', async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    await page.goto(pageUrl(demo.url, '/login'));
    await page.getByLabel('Access token').fill('not-the-token');
    const answer = page.waitForResponse((response) => response.request().method() === 'POST');
    await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
    expect((await answer).status()).toBe(401);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That token is not accepted.');
    expect(await context.cookies()).toEqual([]);
    await chrome.screenshot(page, 'sign-in');
    await context.close();
  });

  it('signs in through the form back to the page asked for, with an HttpOnly SameSite=Strict cookie that is not the token; no page or URL shows the token', async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    const asked = '/missed-questions?timeZone=Europe%2FAthens&preset=last7Days';
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await signInWithForm(page, pageUrl(demo.url, asked), DEMO_TOKENS.demo.token);
    const landed = new URL(page.url());
    expect(`${landed.pathname}${landed.search}`).toBe(asked);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Missed Questions');

    const cookies = await context.cookies();
    expect(
      cookies.map(({ name, httpOnly, sameSite, value }) => ({ name, httpOnly, sameSite, value })),
    ).toEqual([
      { name: 'observatory_session', httpOnly: true, sameSite: 'Strict', value: expect.any(String) },
    ]);
    expect(cookies[0]?.value).not.toContain(DEMO_TOKENS.demo.token);
    // The page's scripts cannot read it.
    expect(await page.evaluate<string>('document.cookie')).not.toContain('observatory_session');

    const sessionId = await someSession();
    const questionId = await someQuestion();
    for (const path of [
      '/sessions',
      `/sessions/${sessionId}`,
      '/missed-questions',
      `/missed-questions/${questionId}`,
      '/analytics',
    ]) {
      const response = await page.goto(pageUrl(demo.url, path));
      expect(response?.status(), path).toBe(200);
      expect(await page.content(), path).not.toContain(DEMO_TOKENS.demo.token);
    }
    for (const url of urls) expect(url).not.toContain(DEMO_TOKENS.demo.token);
    await context.close();
  });

  it('exchanges ?token= once for the cookie and a URL without it', async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    const response = await page.goto(
      pageUrl(demo.url, '/analytics', { timeZone: 'Europe/Athens', token: DEMO_TOKENS.demo.token }),
    );
    expect(response?.status()).toBe(200);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/analytics');
    expect(landed.searchParams.get('timeZone')).toBe('Europe/Athens');
    expect(landed.searchParams.has('token')).toBe(false);
    expect(await page.content()).not.toContain(DEMO_TOKENS.demo.token);
    expect((await context.cookies()).map((cookie) => cookie.name)).toEqual(['observatory_session']);
    await context.close();
  });

  it("answers 404 for another organization's session, question and export, and for another agent's session under an agent's token", async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    await signIn(page, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
    // The ids exist: the other organization's own token reads them.
    await expect(demo.otherClient.sessions.get(OTHER_ORG_IDS.session)).resolves.toMatchObject({
      id: OTHER_ORG_IDS.session,
    });
    for (const path of [`/sessions/${OTHER_ORG_IDS.session}`, `/missed-questions/${demo.otherQuestionId}`]) {
      const response = await page.goto(pageUrl(demo.url, path));
      expect(response?.status(), path).toBe(404);
      expect(await page.content(), path).not.toContain('Other organization question?');
    }
    const exported = await context.request.get(
      pageUrl(
        demo.url,
        `/organizations/${DEMO_ORG}/chat-sessions/export/${OTHER_ORG_IDS.session}?fileType=txt`,
      ),
    );
    expect(exported.status()).toBe(404);

    const scoped = await (await chrome.newContext()).newPage();
    await signIn(scoped, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.supportBot.token);
    const shopSession = await someSession('shop-assistant');
    expect((await scoped.goto(pageUrl(demo.url, `/sessions/${shopSession}`)))?.status()).toBe(404);
    const supportSession = await someSession('support-bot');
    expect((await scoped.goto(pageUrl(demo.url, `/sessions/${supportSession}`)))?.status()).toBe(200);
    await scoped.context().close();
    await context.close();
  });

  it('refuses a tag change without the page’s CSRF field or from another origin, and changes nothing', async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    const sessionId = await someSession();
    await signIn(page, pageUrl(demo.url, `/sessions/${sessionId}`), DEMO_TOKENS.demo.token);
    const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
    expect(csrf).not.toBe('');
    const target = pageUrl(demo.url, `/sessions/${sessionId}/tags`);
    const attempts = [
      { form: { action: 'add', tag: 'forged' } },
      { form: { action: 'add', tag: 'forged', _csrf: 'wrong' } },
      { form: { action: 'add', tag: 'forged', _csrf: csrf }, headers: { Origin: 'http://evil.example' } },
    ];
    for (const attempt of attempts) {
      const answer = await context.request.post(target, { ...attempt, maxRedirects: 0 });
      expect(answer.status(), JSON.stringify(attempt)).toBe(403);
    }
    expect((await demo.client.sessions.get(sessionId)).tags).not.toContain('forged');
    await context.close();
  });

  it('signs out: the cookie is gone and replaying it opens no page', async () => {
    const context = await chrome.newContext();
    const page = await context.newPage();
    await signIn(page, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
    const [cookie] = await context.cookies();
    await navigation(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await context.cookies()).toEqual([]);
    if (cookie === undefined) throw new Error('no cookie after sign-in');
    await context.addCookies([cookie]);
    await page.goto(pageUrl(demo.url, '/sessions'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});
