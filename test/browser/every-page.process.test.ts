// What holds on every page, in a real Chromium over the demo's data: the first page's weight over the wire, a label
// on every control, the keyboard reaching the filters, a bad filter answered 400 with an alert naming it, Refresh
// keeping the view, and the pages readable without JavaScript.
import { resolveDateRange } from '@observatory/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserSuite, useBrowser } from '../support/browser.js';
import { DEMO_SIZE, DEMO_TOKENS, useDemoServer } from '../support/demo-server.js';
import { count, demoFilters, navigation, type PageFilters, pageUrl, rowIds, signIn } from './pages.js';

const DAYS = DEMO_SIZE.days;
const FIRST_PAGE_LIMIT_BYTES = 100 * 1024;

describe.skipIf(skipBrowserSuite)('every page', () => {
  // The browser first: without one (under CI=true) the suite fails before seeding the demo.
  const chrome = useBrowser();
  const demo = useDemoServer(DEMO_SIZE);
  let page: Page;
  let all: PageFilters;
  const paths = async () => {
    // A demo session (the Refresh test adds one without messages, of testing-agent).
    const session = (
      await demo.client.sessions.list({ range: all.range, agents: ['shop-assistant'], pageSize: 1 })
    ).items[0]?.id;
    const question = (await demo.client.missedQuestions.list({ range: all.range, pageSize: 1 })).items[0]?.id;
    return [
      '/sessions',
      `/sessions/${session}`,
      '/missed-questions',
      `/missed-questions/${question}`,
      '/analytics',
    ];
  };

  beforeAll(async () => {
    all = demoFilters(demo.now, DAYS);
    page = await (await chrome.newContext()).newPage();
    await signIn(page, pageUrl(demo.url, '/sessions', all.params), DEMO_TOKENS.demo.token);
  });

  it('loads the first page, its stylesheet and script in under 100 KB over the wire', async () => {
    const context = await chrome.newContext();
    const fresh = await context.newPage();
    await signIn(fresh, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
    const sizes: Array<Promise<number>> = [];
    fresh.on('requestfinished', (request) =>
      sizes.push(request.sizes().then((size) => size.responseBodySize + size.responseHeadersSize)),
    );
    await fresh.reload({ waitUntil: 'networkidle' });
    const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
    expect(sizes.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(FIRST_PAGE_LIMIT_BYTES);
    await context.close();
  });

  it('gives every control a label and every table a caption', async () => {
    for (const path of await paths()) {
      await page.goto(pageUrl(demo.url, path, all.params));
      const unlabelled = await page
        .locator('input:not([type="hidden"]), select, textarea, button')
        .evaluateAll((controls) =>
          controls
            .filter((control) => {
              const labels = (control as unknown as { labels: ArrayLike<unknown> | null }).labels;
              const named =
                (labels !== null && labels.length > 0) ||
                control.getAttribute('aria-label') ||
                control.getAttribute('aria-labelledby') ||
                (control.tagName === 'BUTTON' && (control.textContent ?? '').trim() !== '');
              return !named;
            })
            .map((control) => control.outerHTML),
        );
      expect(unlabelled, path).toEqual([]);
      await expect(page.locator('select, input:not([type="hidden"])').count(), path).resolves.toBeGreaterThan(
        3,
      );
      const uncaptioned = await page
        .locator('table')
        .evaluateAll((tables) => tables.filter((table) => table.querySelector('caption') === null).length);
      expect(uncaptioned, path).toBe(0);
    }
  });

  it('reaches the navigation and the filters with the keyboard alone, and applies them with Enter', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    const focused: string[] = [];
    // Date inputs take a stop per part (month, day, year).
    for (let step = 0; step < 24; step++) {
      await page.keyboard.press('Tab');
      focused.push(
        await page.evaluate<string>(
          `(() => { const el = document.activeElement; if (!el) return ''; return el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent.trim()) || el.textContent.trim(); })()`,
        ),
      );
    }
    for (const name of ['Sessions', 'Missed Questions', 'Analytics']) expect(focused).toContain(name);
    expect(
      focused.some((name) => name.startsWith('Time zone')),
      focused.join(' | '),
    ).toBe(true);

    await page.getByLabel('Agent').focus();
    await page.keyboard.type('support-bot');
    await navigation(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).searchParams.get('tenantsFilter')).toBe('support-bot');
    const api = await demo.client.sessions.list({ range: all.range, agents: ['support-bot'], pageSize: 1 });
    expect(await count(page.locator('#result-count'))).toBe(api.total);
  });

  it('keeps the shared filters from page to page through the navigation', async () => {
    const shared = { ...all.params, tenantsFilter: 'support-bot' };
    await page.goto(pageUrl(demo.url, '/sessions', shared));
    const nav = page.getByRole('navigation', { name: 'Observatory' });
    for (const [link, path] of [
      ['Missed Questions', '/missed-questions'],
      ['Analytics', '/analytics'],
      ['Sessions', '/sessions'],
    ] as const) {
      await navigation(page, () => nav.getByRole('link', { name: link, exact: true }).click());
      const landed = new URL(page.url());
      expect(landed.pathname, link).toBe(path);
      for (const [name, value] of Object.entries(shared))
        expect(landed.searchParams.get(name), `${link} ${name}`).toBe(value);
      await expect(page.locator('#range-summary').textContent(), link).resolves.toContain(
        `(${all.timeZone})`,
      );
    }
  });

  it('offers the browser’s own time zone when the URL names none, and a typed date picks the custom range', async () => {
    const context = await chrome.newContext({ timezoneId: 'Asia/Tokyo' });
    const tokyo = await context.newPage();
    await signIn(tokyo, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
    await navigation(tokyo, () =>
      tokyo.getByRole('button', { name: 'Use my time zone (Asia/Tokyo)' }).click(),
    );
    expect(new URL(tokyo.url()).searchParams.get('timeZone')).toBe('Asia/Tokyo');
    await expect(tokyo.locator('#range-summary').textContent()).resolves.toContain('(Asia/Tokyo)');
    const range = resolveDateRange({ preset: 'last30Days' }, { timeZone: 'Asia/Tokyo', now: new Date() });
    const api = await demo.client.sessions.list({ range, pageSize: 1 });
    expect(await count(tokyo.locator('#result-count'))).toBe(api.total);
    // Once the URL names a zone, nothing is offered.
    await expect(tokyo.getByRole('button', { name: /^Use my time zone/ }).count()).resolves.toBe(0);

    const filters = tokyo.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('From', { exact: true }).fill(all.params.endDate ?? '');
    await expect(filters.getByLabel('Date range').inputValue()).resolves.toBe('custom');
    await context.close();
  });

  it('answers a bad filter with 400 and an alert naming it', async () => {
    const bad: ReadonlyArray<[string, Record<string, string>, string]> = [
      ['/sessions', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      ['/sessions', { preset: 'custom', startDate: '2026-13-40', endDate: '2026-11-30' }, 'startDate'],
      ['/missed-questions', { status: 'MAYBE' }, 'status'],
      ['/analytics', { preset: 'fortnight' }, 'preset'],
    ];
    for (const [path, params, field] of bad) {
      const response = await page.goto(pageUrl(demo.url, path, params));
      expect(response?.status(), `${path} ${field}`).toBe(400);
      await expect(page.getByRole('alert').textContent(), `${path} ${field}`).resolves.toContain(field);
    }
  });

  it('keeps the view on Refresh, with what came in since', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', { ...all.params, tenantsFilter: 'testing-agent' }));
    const before = page.url();
    const shown = await count(page.locator('#result-count'));
    const newest = (await demo.client.sessions.list({ agents: ['testing-agent'], pageSize: 1 })).items[0];
    if (newest === undefined) throw new Error('the demo stored no session of testing-agent');
    await demo.client.chatSessions.upsert({
      id: 'refresh-arrival',
      agentId: 'testing-agent',
      contact: { id: 'refresh-contact' },
      createdAt: new Date().toISOString(),
    });
    await navigation(page, () => page.getByRole('link', { name: 'Refresh' }).click());
    expect(page.url()).toBe(before);
    expect(await count(page.locator('#result-count'))).toBe(shown + 1);
    expect((await rowIds(page, 'session-id'))[0]).toBe('refresh-arrival');
  });

  it('shows the lists, the transcript and the chart’s table with JavaScript off', async () => {
    const context = await chrome.browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await signIn(plain, pageUrl(demo.url, '/sessions', all.params), DEMO_TOKENS.demo.token);
    const [sessions, sessionDetail, missed, missedDetail, analytics] = await paths();
    expect((await rowIds(plain, 'session-id')).length).toBeGreaterThan(0);
    await plain.goto(pageUrl(demo.url, sessionDetail ?? '', all.params));
    await expect(plain.locator('#transcript > li').count()).resolves.toBeGreaterThan(0);
    await plain.goto(pageUrl(demo.url, missed ?? '', all.params));
    expect((await rowIds(plain, 'question-id')).length).toBeGreaterThan(0);
    await plain.goto(pageUrl(demo.url, missedDetail ?? '', all.params));
    await expect(plain.locator('#stats dd').count()).resolves.toBe(3);
    await plain.goto(pageUrl(demo.url, analytics ?? '', all.params));
    await expect(
      plain.getByRole('table', { name: 'Missed and answered questions per day' }).locator('tbody tr').count(),
    ).resolves.toBeGreaterThan(0);
    expect(sessions).toBe('/sessions');
    await context.close();
  });
});
