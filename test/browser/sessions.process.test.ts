// The Chat Sessions pages in a real Chromium over the demo's data: every shared filter, search and quick filter
// applied through the page's own forms, the sort and the paging, each compared with the API's answer (the client
// against the same server) for the same filters; a session opened, its transcript, trace and tags, a tag added and
// removed, and each export downloaded and read back.
import { resolveDateRange, type SessionQueryInput } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserSuite, useBrowser } from '../support/browser.js';
import { DEMO_SIZE, DEMO_TOKENS, DEMO_ZONE, useDemoServer } from '../support/demo-server.js';
import {
  count,
  demoFilters,
  download,
  navigation,
  type PageFilters,
  pageUrl,
  rowIds,
  signIn,
} from './pages.js';

const DAYS = DEMO_SIZE.days;
const PAGE_SIZE = 20;

/** Reads a CSV export whichever separator it uses (the header line tells). */
function readCsv(bytes: Buffer): Record<string, string>[] {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  return parse(text, { columns: true, delimiter }) as Record<string, string>[];
}

describe.skipIf(skipBrowserSuite)('the Chat Sessions pages', () => {
  // The browser first: without one (under CI=true) the suite fails before seeding the demo.
  const chrome = useBrowser();
  const demo = useDemoServer(DEMO_SIZE);
  let page: Page;
  let all: PageFilters;

  beforeAll(async () => {
    all = demoFilters(demo.now, DAYS);
    page = await (await chrome.newContext()).newPage();
    await signIn(page, pageUrl(demo.url, '/sessions', all.params), DEMO_TOKENS.demo.token);
  });

  /** The page's count and first page of rows against the API's list for `query`. */
  const expectSameAsApi = async (query: SessionQueryInput, label: string) => {
    const api = await demo.client.sessions.list({ ...query, page: 0, pageSize: PAGE_SIZE });
    expect(await count(page.locator('#result-count')), label).toBe(api.total);
    expect(await rowIds(page, 'session-id'), label).toEqual(api.items.map((session) => session.id));
    return api;
  };
  const searchForm = () => page.getByRole('form', { name: 'Search sessions' });
  const filterForm = () => page.getByRole('form', { name: 'Filters' });
  const search = (fill: () => Promise<unknown>) =>
    navigation(page, async () => {
      await fill();
      await searchForm().getByRole('button', { name: 'Search', exact: true }).click();
    });
  const apply = (fill: () => Promise<unknown>) =>
    navigation(page, async () => {
      await fill();
      await filterForm().getByRole('button', { name: 'Apply' }).click();
    });

  it('lists the demo’s sessions newest first, as many as the API counts for the range, zone shown', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Chat Sessions');
    const api = await expectSameAsApi({ range: all.range }, 'all');
    expect(api.total).toBe(300);
    await expect(page.locator('#range-summary').textContent()).resolves.toContain(`(${DEMO_ZONE})`);
    await chrome.screenshot(page, 'sessions');
  });

  it('applies the agent, date-range preset and time zone filters, keeps them in the URL and across a reload', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    await apply(() => filterForm().getByLabel('Agent').fill('support-bot'));
    expect(new URL(page.url()).searchParams.get('tenantsFilter')).toBe('support-bot');
    await expectSameAsApi({ range: all.range, agents: ['support-bot'] }, 'agent');
    await page.reload();
    await expectSameAsApi({ range: all.range, agents: ['support-bot'] }, 'agent after reload');

    await apply(() => filterForm().getByLabel('Date range').selectOption('last7Days'));
    const last7 = resolveDateRange({ preset: 'last7Days' }, { timeZone: DEMO_ZONE, now: new Date() });
    await expectSameAsApi({ range: last7, agents: ['support-bot'] }, 'last 7 days');

    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    await apply(() => filterForm().getByLabel('Time zone').fill('America/New_York'));
    const inNewYork = resolveDateRange(
      { from: all.params.startDate ?? '', to: all.params.endDate ?? '' },
      { timeZone: 'America/New_York', now: demo.now },
    );
    await expectSameAsApi({ range: inNewYork }, 'time zone');
    await expect(page.locator('#range-summary').textContent()).resolves.toContain('(America/New_York)');

    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    await apply(async () => {
      await filterForm()
        .getByLabel('From', { exact: true })
        .fill(all.params.endDate ?? '');
      await filterForm()
        .getByLabel('To', { exact: true })
        .fill(all.params.endDate ?? '');
    });
    const oneDay = resolveDateRange(
      { from: all.params.endDate ?? '', to: all.params.endDate ?? '' },
      { timeZone: DEMO_ZONE, now: demo.now },
    );
    await expectSameAsApi({ range: oneDay }, 'custom dates');
  });

  it('applies the search, each search mode and every quick filter as the API does', async () => {
    const cases: ReadonlyArray<{ label: string; fill: () => Promise<unknown>; query: SessionQueryInput }> = [
      {
        label: 'search',
        fill: () => searchForm().getByLabel('Search', { exact: true }).fill('order'),
        query: { search: { term: 'order' } },
      },
      {
        label: 'match full word',
        fill: async () => {
          await searchForm().getByLabel('Search', { exact: true }).fill('order');
          await searchForm().getByLabel('Match full word').check();
        },
        query: { search: { term: 'order', mode: 'fullWord' } },
      },
      {
        label: 'regular expression',
        fill: async () => {
          await searchForm().getByLabel('Search', { exact: true }).fill('pass(word)?|return');
          await searchForm().getByLabel('Regular expression').check();
        },
        query: { search: { term: 'pass(word)?|return', mode: 'regex' } },
      },
      {
        label: 'search in variable',
        fill: async () => {
          await searchForm().getByLabel('Search', { exact: true }).fill('en');
          await searchForm().getByLabel('Search in variable').check();
          await searchForm().getByLabel('Variable name').fill('language');
        },
        query: { search: { term: 'en', variable: 'language' } },
      },
      {
        label: 'contains fallback',
        fill: () => searchForm().getByLabel('Contains fallback').check(),
        query: { containsFallback: true },
      },
      {
        label: 'contains feedback',
        fill: () => searchForm().getByLabel('Contains feedback').check(),
        query: { containsFeedback: true },
      },
      {
        label: 'contains CSAT',
        fill: () => searchForm().getByLabel('Contains CSAT response').check(),
        query: { containsCSATSurvey: true },
      },
      {
        label: 'contains LiveChat',
        fill: () => searchForm().getByLabel('Contains LiveChat').check(),
        query: { containsLiveChat: true },
      },
      {
        label: 'tag',
        fill: () => searchForm().getByLabel('Tag', { exact: true }).fill('escalated'),
        query: { tags: ['escalated'] },
      },
    ];
    const totals: Record<string, number | undefined> = {};
    for (const { label, fill, query } of cases) {
      await page.goto(pageUrl(demo.url, '/sessions', all.params));
      await search(fill);
      // The search form carries the shared filters along.
      expect(new URL(page.url()).searchParams.get('timeZone'), label).toBe(DEMO_ZONE);
      totals[label] = (await expectSameAsApi({ range: all.range, ...query }, label)).total ?? undefined;
    }
    // Each filter narrows: none is a no-op that lists everything, and the demo has matches for the text ones.
    for (const [label, total] of Object.entries(totals)) expect(total, label).toBeLessThan(300);
    for (const label of ['search', 'regular expression', 'contains LiveChat', 'tag'])
      expect(totals[label], label).toBeGreaterThan(0);
  });

  it('says which filters to check when nothing matches', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', { ...all.params, searchTerm: 'no such words anywhere' }));
    await expectSameAsApi({ range: all.range, search: { term: 'no such words anywhere' } }, 'empty');
    const hint = (await page.locator('#empty-hint').textContent()) ?? '';
    expect(hint).toContain(DEMO_ZONE);
    expect(await rowIds(page, 'session-id')).toEqual([]);
  });

  it('sorts by Created At both ways and pages as the API does', async () => {
    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    const header = page.getByRole('columnheader', { name: 'Created At' });
    await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
    await navigation(page, () => header.getByRole('link', { name: 'Created At' }).click());
    expect(new URL(page.url()).searchParams.get('order')).toBe('ASC');
    await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expectSameAsApi({ range: all.range, sort: { order: 'asc' } }, 'oldest first');

    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    await expect(pagination.textContent()).resolves.toContain(`Page 1 of ${Math.ceil(300 / PAGE_SIZE)}`);
    await navigation(page, () => pagination.getByRole('link', { name: 'Next' }).click());
    await expect(pagination.textContent()).resolves.toContain(`Page 2 of ${Math.ceil(300 / PAGE_SIZE)}`);
    const second = await demo.client.sessions.list({
      range: all.range,
      sort: { order: 'asc' },
      page: 1,
      pageSize: PAGE_SIZE,
    });
    expect(await rowIds(page, 'session-id')).toEqual(second.items.map((session) => session.id));
    await navigation(page, () => pagination.getByRole('link', { name: 'Previous' }).click());
    await expectSameAsApi({ range: all.range, sort: { order: 'asc' } }, 'back to the first page');
  });

  it('opens a session: its transcript with the LiveChat and CSAT events, the trace steps and the metadata', async () => {
    const escalated = await demo.client.sessions.list({
      range: all.range,
      containsLiveChat: true,
      containsCSATSurvey: true,
      pageSize: 1,
    });
    const listed = escalated.items[0] ?? (await demo.client.sessions.list({ range: all.range })).items[0];
    if (listed === undefined) throw new Error('the demo stored no session');
    const session = await demo.client.sessions.get(listed.id, { include: ['messages', 'interactions'] });

    await page.goto(pageUrl(demo.url, '/sessions', { ...all.params, containsLiveChat: 'true' }));
    await navigation(page, () => page.getByRole('link', { name: `Open session ${session.id}` }).click());
    expect(new URL(page.url()).pathname).toBe(`/sessions/${session.id}`);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(
      `Session ${session.id}`,
    );
    for (const section of ['Transcript', 'Trace', 'Metadata', 'Tags', 'Export']) {
      await expect(page.getByRole('heading', { level: 2, name: section }).count(), section).resolves.toBe(1);
    }
    const lines = page.locator('#transcript > li');
    const shown = await lines.evaluateAll((items) =>
      items.map((item) => ({
        id: item.getAttribute('data-message-id'),
        kind: item.getAttribute('data-kind'),
      })),
    );
    const kinds = new Set(['text', 'voice', 'event']);
    expect(shown).toEqual(
      session.messages.map((message) => ({
        id: message.id,
        kind: kinds.has(message.kind) ? message.kind : 'other',
      })),
    );
    for (const message of session.messages.filter((m) => m.text !== undefined && m.text !== '')) {
      await expect(
        page.locator(`#transcript > li[data-message-id="${message.id}"]`).textContent(),
        message.id,
      ).resolves.toContain(message.text);
    }
    expect(shown.some((line) => line.kind === 'event')).toBe(true);

    const steps = page.getByRole('table', { name: 'Trace steps' }).locator('tbody tr');
    await expect(steps.count()).resolves.toBe(session.interactions.length);
    expect(session.interactions.length).toBeGreaterThan(0);
    const metadata = (await page.locator('#metadata').textContent()) ?? '';
    const deployment = session.deployment?.name || session.deployment?.id;
    for (const value of [session.agentId, deployment, session.contact.id, session.language, DEMO_ZONE])
      expect(metadata).toContain(value);
    await chrome.screenshot(page, 'session-detail');
  });

  it('shows the variables each workflow run left on its trace step, and finds the session by a variable', async () => {
    // The demo's workflow keeps no variables: one session of its agent records a run with them.
    const at = (seconds: number) => new Date(demo.now.getTime() - 3_600_000 + seconds * 1000).toISOString();
    const id = 'browser-variables';
    await demo.client.chatSessions.upsert({
      id,
      agentId: 'shop-assistant',
      contact: { id: 'variables-contact' },
      createdAt: at(0),
      messages: [
        { id: `${id}-m0`, role: 'user', kind: 'text', text: 'Where is order ORD-1717?', createdAt: at(1) },
        { id: `${id}-m1`, role: 'agent', kind: 'text', text: 'On its way.', createdAt: at(2) },
      ],
    });
    await demo.client.ingest.recordInteractions(id, [
      {
        id: `${id}-s0`,
        messageId: `${id}-m0`,
        type: 'node',
        name: 'lookup order',
        timestamp: at(2),
        payload: {},
      },
    ]);
    // The variables as the run of the user's message left them: the local server's `hbfEventId` extension of
    // the published addVariables operation (the client sends only the final snapshot).
    const recorded = await fetch(
      pageUrl(demo.url, `/chat-sessions/${id}/variables`, { hbfEventId: `${id}-m0` }),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${DEMO_TOKENS.demo.token}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          { name: 'orderId', value: 'ORD-1717' },
          { name: 'carrier', value: 'ACS' },
        ]),
      },
    );
    expect(recorded.ok, await recorded.text()).toBe(true);

    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    await search(async () => {
      await searchForm().getByLabel('Search', { exact: true }).fill('ORD-1717');
      await searchForm().getByLabel('Search in variable').check();
      await searchForm().getByLabel('Variable name').fill('orderId');
    });
    const found = await expectSameAsApi(
      { range: all.range, search: { term: 'ORD-1717', variable: 'orderId' } },
      'variable orderId',
    );
    expect(found.items.map((session) => session.id)).toEqual([id]);

    await navigation(page, () => page.getByRole('link', { name: `Open session ${id}` }).click());
    const step = page.getByRole('table', { name: 'Trace steps' }).locator('tbody tr');
    await expect(step.count()).resolves.toBe(1);
    const variables = await step
      .locator('dl')
      .evaluate((dl) =>
        Object.fromEntries(
          [...dl.querySelectorAll('dt')].map((dt) => [
            dt.textContent?.trim() ?? '',
            dt.nextElementSibling?.textContent?.trim() ?? '',
          ]),
        ),
      );
    expect(variables).toEqual({ orderId: 'ORD-1717', carrier: 'ACS' });
  });

  it('adds and removes a tag on the session, as the API then reads it', async () => {
    const id = (await demo.client.sessions.list({ range: all.range, pageSize: 1 })).items[0]?.id ?? '';
    await page.goto(pageUrl(demo.url, `/sessions/${id}`, all.params));
    await navigation(page, async () => {
      await page.getByLabel('New tag').fill('checked-in-browser');
      await page.getByRole('button', { name: 'Add tag' }).click();
    });
    expect(new URL(page.url()).pathname).toBe(`/sessions/${id}`);
    await expect(page.locator('#tags').textContent()).resolves.toContain('checked-in-browser');
    expect((await demo.client.sessions.get(id)).tags).toContain('checked-in-browser');

    await navigation(page, () => page.getByRole('button', { name: 'Remove tag checked-in-browser' }).click());
    await expect(page.locator('#tags').textContent()).resolves.not.toContain('checked-in-browser');
    expect((await demo.client.sessions.get(id)).tags).not.toContain('checked-in-browser');
  });

  it('downloads the session as txt, csv and xlsx in the page’s zone, each the API’s export of it, and the list’s txt', async () => {
    const session = await demo.client.sessions.get(
      (await demo.client.sessions.list({ range: all.range, pageSize: 1 })).items[0]?.id ?? '',
      { include: ['messages'] },
    );
    await page.goto(pageUrl(demo.url, `/sessions/${session.id}`, all.params));
    const apiExport = async (fileType: 'txt' | 'csv' | 'xlsx') => {
      const file = await demo.client.sessions.export(
        {},
        { sessionId: session.id, fileType, timeZone: DEMO_ZONE, separator: ',' },
      );
      return Buffer.from(await new Response(file.body).arrayBuffer());
    };

    const txt = await download(page, () => page.getByRole('link', { name: 'Download txt' }).click());
    expect(txt.bytes.toString('utf8')).toBe((await apiExport('txt')).toString('utf8'));
    for (const message of session.messages.filter((m) => m.role === 'user'))
      expect(txt.bytes.toString('utf8')).toContain(message.text);

    const csv = await download(page, () => page.getByRole('link', { name: 'Download csv' }).click());
    const rows = readCsv(csv.bytes);
    expect(rows).toEqual(readCsv(await apiExport('csv')));
    expect(rows.map((row) => row.id)).toEqual([session.id]);

    const xlsx = await download(page, () => page.getByRole('link', { name: 'Download xlsx' }).click());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (sheet === undefined) throw new Error('the xlsx export has no worksheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toContain(`createdAtLocal (${DEMO_ZONE})`);
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(header.indexOf('id') + 1).text).toBe(session.id);

    await page.goto(pageUrl(demo.url, '/sessions', all.params));
    const fromList = await download(page, () =>
      page.getByRole('link', { name: `Download session ${session.id}` }).click(),
    );
    expect(fromList.bytes.toString('utf8')).toBe(txt.bytes.toString('utf8'));
  });
});
