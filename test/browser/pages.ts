// What the browser suites do on the pages, by the hooks packages/server/src/pages/CONTRACT.md promises:
// signing in, navigating and waiting for the new document, reading tables, downloads and the shared filters.
import { localDateLabel, resolveDateRange } from '@observatory/core';
import type { Download, Locator, Page } from 'playwright-core';
import { DEMO_ZONE } from '../support/demo-server.js';

/**
 * The shared filters of the pages as URL parameters, and the same range resolved as the API takes it.
 *
 * @example
 * ```ts
 * const filters = demoFilters(demo.now, 30);
 * await page.goto(pageUrl(demo.url, '/sessions', filters.params));
 * await demo.client.sessions.list({ range: filters.range });
 * ```
 */
export interface PageFilters {
  readonly params: Readonly<Record<string, string>>;
  readonly range: { readonly from: string; readonly to: string };
  readonly timeZone: string;
}

/**
 * The custom range covering the demo's `days` up to `now`, in the demo's zone: every generated session is in it.
 *
 * @example
 * ```ts
 * const all = demoFilters(demo.now, 30);
 * ```
 */
export function demoFilters(now: Date, days: number, timeZone = DEMO_ZONE): PageFilters {
  const from = localDateLabel(new Date(now.getTime() - days * 86_400_000), timeZone);
  const to = localDateLabel(now, timeZone);
  return {
    params: { preset: 'custom', startDate: from, endDate: to, timeZone },
    range: resolveDateRange({ from, to }, { timeZone, now }),
    timeZone,
  };
}

/**
 * The URL of a page of the server at `base`, with `params` as its query.
 *
 * @example
 * ```ts
 * pageUrl('http://127.0.0.1:4319', '/sessions', { timeZone: 'UTC' }); // 'http://127.0.0.1:4319/sessions?timeZone=UTC'
 * ```
 */
export function pageUrl(base: string, path: string, params: Readonly<Record<string, string>> = {}): string {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Runs `action` (a click that submits a form or follows a link) and waits until the page it leads to has
 * loaded, redirects included.
 *
 * @example
 * ```ts
 * await navigation(page, () => page.getByRole('button', { name: 'Apply' }).click());
 * ```
 */
export async function navigation(page: Page, action: () => Promise<void>): Promise<void> {
  const loaded = page.waitForEvent('load');
  // Should the action fail, its error is the one reported, not the wait's.
  loaded.catch(() => undefined);
  await action();
  await loaded;
}

/**
 * Signs in through the login form a signed-out browser is sent to when it opens `url`, and waits for the page.
 *
 * @example
 * ```ts
 * await signInWithForm(page, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
 * ```
 */
export async function signInWithForm(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Access token').fill(token);
  await navigation(page, () => page.getByRole('button', { name: 'Sign in' }).click());
}

/**
 * Signs in by opening `url` once with `?token=`, which the server exchanges for its cookie and a URL without the
 * token; waits for that page.
 *
 * @example
 * ```ts
 * await signIn(page, pageUrl(demo.url, '/sessions'), DEMO_TOKENS.demo.token);
 * ```
 */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  const withToken = new URL(url);
  withToken.searchParams.set('token', token);
  await page.goto(withToken.href);
  if (new URL(page.url()).searchParams.has('token') || new URL(page.url()).pathname === '/login')
    throw new Error(`signing in with ?token= did not open ${url} (now at ${page.url()})`);
}

/**
 * The whole number in a text such as `300 sessions` or `1,204 questions`.
 *
 * @example
 * ```ts
 * await count(page.locator('#result-count')); // 300
 * ```
 */
export async function count(locator: Locator): Promise<number> {
  const text = ((await locator.textContent()) ?? '').trim();
  const digits = /^[\d,.\s\u202f]*\d/.exec(text)?.[0];
  if (digits === undefined) throw new Error(`no number at the start of "${text}"`);
  return Number(digits.replace(/\D/g, ''));
}

/**
 * The `data-*` ids of the table rows on the page, in order (`session-id` or `question-id`).
 *
 * @example
 * ```ts
 * const ids = await rowIds(page, 'session-id');
 * ```
 */
export function rowIds(page: Page, attribute: 'session-id' | 'question-id'): Promise<string[]> {
  return page
    .locator(`tr[data-${attribute}]`)
    .evaluateAll((rows, name) => rows.map((row) => row.getAttribute(name) ?? ''), `data-${attribute}`);
}

/**
 * The text of each cell of the column headed `header` in the table captioned `caption`, row by row.
 *
 * @example
 * ```ts
 * const occurrences = await columnTexts(page, 'Missed questions', 'Occurrences');
 * ```
 */
export async function columnTexts(page: Page, caption: string, header: string): Promise<string[]> {
  const table = page.getByRole('table', { name: caption });
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((text) => text.trim() === header);
  if (index < 0)
    throw new Error(`table "${caption}" has no column "${header}" (columns: ${headers.join(', ')})`);
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
}

/**
 * The numbers of a `<dl>`, by their `<dt>` text.
 *
 * @example
 * ```ts
 * const stats = await definitionNumbers(page.locator('#stats')); // { 'Occurrences in range': 4, … }
 * ```
 */
export async function definitionNumbers(list: Locator): Promise<Record<string, number>> {
  const pairs = await list.evaluate((dl) =>
    [...dl.querySelectorAll('dt')].map((dt) => {
      let dd = dt.nextElementSibling;
      while (dd !== null && dd.tagName !== 'DD') dd = dd.nextElementSibling;
      return [dt.textContent?.trim() ?? '', dd?.textContent?.trim() ?? ''] as const;
    }),
  );
  return Object.fromEntries(pairs.map(([name, value]) => [name, Number(value.replace(/[^\d.]/g, ''))]));
}

/**
 * Clicks what starts a download and returns the file's name and bytes.
 *
 * @example
 * ```ts
 * const file = await download(page, () => page.getByRole('link', { name: 'Download csv' }).click());
 * ```
 */
export async function download(
  page: Page,
  action: () => Promise<void>,
): Promise<{ readonly name: string; readonly bytes: Buffer }> {
  const started = page.waitForEvent('download');
  await action();
  const file: Download = await started;
  const failure = await file.failure();
  if (failure !== null) throw new Error(`download ${file.url()} failed: ${failure}`);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
}
