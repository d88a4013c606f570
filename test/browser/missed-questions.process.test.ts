// The Missed Questions and Analytics pages in a real Chromium over the demo's data: the table's filters, search,
// status and sort against the client's answers for the same filters, triage through the page's buttons as the API
// then reads it, the CSV download with each separator against the client's export, the details panel's stats,
// sessions and highlighted message, Go to Session, and the chart's numbers against the API's analytics.
import type { MissedQuestion, MissedQuestionStatus } from '@observatory/core';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipBrowserSuite, useBrowser } from '../support/browser.js';
import { DEMO_SIZE, DEMO_TOKENS, DEMO_ZONE, useDemoServer } from '../support/demo-server.js';
import {
  columnTexts,
  count,
  definitionNumbers,
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

describe.skipIf(skipBrowserSuite)('the Missed Questions and Analytics pages', () => {
  // The browser first: without one (under CI=true) the suite fails before seeding the demo.
  const chrome = useBrowser();
  const demo = useDemoServer(DEMO_SIZE);
  let page: Page;
  let all: PageFilters;

  beforeAll(async () => {
    all = demoFilters(demo.now, DAYS);
    page = await (await chrome.newContext()).newPage();
    await signIn(page, pageUrl(demo.url, '/missed-questions', all.params), DEMO_TOKENS.demo.token);
  });

  /** Every question of the range (and agents), in the API's order for `sort`. */
  const apiQuestions = async (
    query: { agents?: string[]; question?: string },
    sort: { by: string; order: 'asc' | 'desc' } = { by: 'filteredOccurrences', order: 'desc' },
  ): Promise<MissedQuestion[]> => {
    const items: MissedQuestion[] = [];
    for await (const item of demo.client.missedQuestions.iterate({ range: all.range, ...query, sort }))
      items.push(item);
    return items;
  };
  /** The page's count, rows and Occurrences column against `expected` (the API's list, filtered as the page is). */
  const expectTable = async (expected: readonly MissedQuestion[], label: string) => {
    expect(await count(page.locator('#result-count')), label).toBe(expected.length);
    const firstPage = expected.slice(0, PAGE_SIZE);
    expect(await rowIds(page, 'question-id'), label).toEqual(firstPage.map((question) => question.id));
    const occurrences = await columnTexts(page, 'Missed questions', 'Occurrences');
    expect(
      occurrences.map((text) => Number(text.replace(/\D/g, ''))),
      label,
    ).toEqual(firstPage.map((question) => question.filteredOccurrences ?? question.occurrences));
  };
  const searchForm = () => page.getByRole('form', { name: 'Search missed questions' });
  const filterForm = () => page.getByRole('form', { name: 'Filters' });
  const row = (id: string) => page.locator(`tr[data-question-id="${id}"]`);

  it('lists the questions of the range by occurrences in range, as the API does', async () => {
    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Missed Questions');
    const expected = await apiQuestions({});
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    await expectTable(expected, 'all');
    await chrome.screenshot(page, 'missed-questions');
  });

  it('applies the agent filter, the search and the sort as the API does', async () => {
    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    await navigation(page, async () => {
      await filterForm().getByLabel('Agent').fill('support-bot');
      await filterForm().getByRole('button', { name: 'Apply' }).click();
    });
    expect(new URL(page.url()).searchParams.get('tenantsFilter')).toBe('support-bot');
    await expectTable(await apiQuestions({ agents: ['support-bot'] }), 'agent');

    const word = (await apiQuestions({}))[0]?.question.split(/\s+/).find((part) => part.length > 4) ?? '';
    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    await navigation(page, async () => {
      await searchForm().getByLabel('Search questions').fill(word);
      await searchForm().getByRole('button', { name: 'Search' }).click();
    });
    expect(new URL(page.url()).searchParams.get('timeZone')).toBe(DEMO_ZONE);
    const found = await apiQuestions({ question: word });
    expect(found.length).toBeGreaterThan(0);
    await expectTable(found, `search ${word}`);

    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    const byOccurrences = page.getByRole('columnheader', { name: 'Occurrences' });
    await expect(byOccurrences.getAttribute('aria-sort')).resolves.toBe('descending');
    await navigation(page, () => byOccurrences.getByRole('link', { name: 'Occurrences' }).click());
    await expect(byOccurrences.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expectTable(await apiQuestions({}, { by: 'filteredOccurrences', order: 'asc' }), 'fewest first');

    const byQuestion = page.getByRole('columnheader', { name: 'Question' });
    await navigation(page, () => byQuestion.getByRole('link', { name: 'Question' }).click());
    const order = new URL(page.url()).searchParams.get('order') === 'ASC' ? 'asc' : 'desc';
    expect(new URL(page.url()).searchParams.get('sortBy')).toBe('question');
    await expect(byQuestion.getAttribute('aria-sort')).resolves.toBe(`${order}ending`);
    await expectTable(await apiQuestions({}, { by: 'question', order }), 'by question');
  });

  it('triages a question with Resolve, Ignore and Reopen, as the API then reads it, and filters by status', async () => {
    const [first, second] = await apiQuestions({});
    if (first === undefined || second === undefined) throw new Error('the demo has fewer than two questions');
    const triage = async (
      id: string,
      button: 'Resolve' | 'Ignore' | 'Reopen',
      status: MissedQuestionStatus,
    ) => {
      await navigation(page, () => row(id).getByRole('button', { name: button }).click());
      expect((await demo.client.missedQuestions.get(id)).status, `${button} ${id}`).toBe(status);
      // Back on the same view, the row offers the way back.
      await expect(
        row(id)
          .getByRole('button', { name: status === 'UNRESOLVED' ? 'Resolve' : 'Reopen' })
          .count(),
      ).resolves.toBe(1);
    };
    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    await triage(first.id, 'Resolve', 'RESOLVED');
    await triage(second.id, 'Ignore', 'IGNORED');
    expect(new URL(page.url()).searchParams.get('timeZone')).toBe(DEMO_ZONE);

    for (const status of ['RESOLVED', 'IGNORED', 'UNRESOLVED'] as const) {
      await navigation(page, async () => {
        await searchForm().getByLabel('Status').selectOption(status);
        await searchForm().getByRole('button', { name: 'Search' }).click();
      });
      const expected = (await apiQuestions({})).filter((question) => question.status === status);
      await expectTable(expected, status);
    }
    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    await triage(first.id, 'Reopen', 'UNRESOLVED');
    await triage(second.id, 'Reopen', 'UNRESOLVED');
  });

  it('downloads the CSV with each separator: the API’s export for the same filters', async () => {
    await page.goto(
      pageUrl(demo.url, '/missed-questions', { ...all.params, tenantsFilter: 'shop-assistant' }),
    );
    const expected = await apiQuestions({ agents: ['shop-assistant'] });
    for (const separator of [',', ';'] as const) {
      const form = page.getByRole('form', { name: 'Download missed questions' });
      await form.getByLabel('Separator').selectOption(separator);
      const file = await download(page, () => form.getByRole('button', { name: 'Download CSV' }).click());
      const api = await demo.client.missedQuestions.export({
        range: all.range,
        agents: ['shop-assistant'],
        separator,
      });
      const read = (text: string) =>
        (
          parse(text.replace(/^\uFEFF/, ''), { columns: true, delimiter: separator }) as Record<
            string,
            string
          >[]
        ).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
      const rows = read(file.bytes.toString('utf8'));
      // The same records as the client's export for the same filters (the page's file keeps the page's sort).
      expect(rows, separator).toEqual(read(await new Response(api.body).text()));
      expect(rows.length, separator).toBe(expected.length);
      expect(new Set(rows.map((r) => r.question)), separator).toEqual(
        new Set(expected.map((question) => question.question)),
      );
    }
  });

  it('shows a question’s details: the three stats, its sessions, the missed message highlighted, Go to Session', async () => {
    const questions = await apiQuestions({});
    const question = questions.find((candidate) => (candidate.filteredOccurrences ?? 0) >= 2) ?? questions[0];
    if (question === undefined) throw new Error('the demo has no missed question');
    const details = await demo.client.missedQuestions.details(question.id, all.range);

    await page.goto(pageUrl(demo.url, '/missed-questions', all.params));
    await navigation(page, () =>
      row(question.id)
        .getByRole('link', { name: `Details of ${question.question}`, exact: true })
        .click(),
    );
    expect(new URL(page.url()).pathname).toBe(`/missed-questions/${question.id}`);
    await expect(page.locator('#question').textContent()).resolves.toContain(question.question);
    expect(await definitionNumbers(page.locator('#stats'))).toEqual({
      'Occurrences in range': details.occurrencesInRange,
      'Total occurrences': details.totalOccurrences,
      'Distinct sessions': details.distinctSessions,
    });
    // One row per session in the range, newest first (the occurrences are), the latest 10; "Show all" lists all.
    const sessions = page.getByRole('table', { name: 'Sessions where it appeared' });
    const everySession = [...new Set(details.occurrences.map((occurrence) => occurrence.sessionId))];
    expect(everySession).toHaveLength(details.distinctSessions);
    const listed = async () =>
      (await sessions.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(await listed()).toEqual(everySession.slice(0, 10));
    if (everySession.length > 10) {
      await navigation(page, () =>
        page.getByRole('link', { name: `Show all ${everySession.length} sessions` }).click(),
      );
      expect(await listed()).toEqual(everySession);
    }
    await chrome.screenshot(page, 'missed-question-details');

    // Each session's transcript, picked from the list, highlights the messages the question was asked in.
    const picked = [...new Set(details.occurrences.map((occurrence) => occurrence.sessionId))].slice(0, 2);
    for (const sessionId of picked) {
      await navigation(page, () =>
        sessions.getByRole('link', { name: sessionId, exact: true }).first().click(),
      );
      const messages = await demo.client.sessions.messages(sessionId);
      const asked = details.occurrences
        .filter((occurrence) => occurrence.sessionId === sessionId)
        .map((occurrence) => occurrence.messageId);
      const highlighted = page.locator('#transcript > li.highlighted');
      const shown = await highlighted.evaluateAll((items) =>
        items.map((item) => item.getAttribute('data-message-id') ?? ''),
      );
      expect(shown.sort(), sessionId).toEqual([...asked].sort());
      const marks = (await highlighted.locator('mark').allTextContents()).map((text) => text.trim());
      expect(marks, sessionId).toEqual(
        messages.filter((message) => asked.includes(message.id)).map((message) => message.text),
      );
      await expect(page.locator('#transcript > li').count()).resolves.toBe(messages.length);
    }

    const last = { sessionId: picked.at(-1) };
    await navigation(page, () => page.getByRole('link', { name: 'Go to Session' }).click());
    const landed = new URL(page.url());
    expect(landed.pathname).toBe(`/sessions/${last?.sessionId}`);
    expect(landed.searchParams.get('timeZone')).toBe(DEMO_ZONE);
    expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe(
      `Session ${last?.sessionId}`,
    );
  });

  it('draws the daily missed vs answered chart with the API’s numbers, for all agents and for one', async () => {
    for (const agents of [undefined, ['support-bot']]) {
      const label = agents?.join(',') ?? 'all agents';
      await page.goto(
        pageUrl(demo.url, '/analytics', {
          ...all.params,
          ...(agents ? { tenantsFilter: agents.join(',') } : {}),
        }),
      );
      expect((await page.getByRole('heading', { level: 1 }).textContent())?.trim()).toBe('Analytics');
      const api = await demo.client.analytics.missedQuestions({
        startDate: all.range.from,
        endDate: all.range.to,
        timeZone: DEMO_ZONE,
        ...(agents ? { tenants: agents } : {}),
      });
      const totals = await definitionNumbers(page.locator('#analytics-totals'));
      expect(totals.Questions, label).toBe(api.totalQuestions);
      expect(totals.Missed, label).toBe(api.totalMissedQuestions);
      expect(totals.Answered, label).toBe(api.totalQuestions - api.totalMissedQuestions);
      // The percentage as shown, at most a rounding of the API's.
      expect(
        Math.abs((totals['Missed percentage'] ?? Number.NaN) - api.missedPercentage),
        label,
      ).toBeLessThan(0.51);

      const table = page.getByRole('table', { name: 'Missed and answered questions per day' });
      const rows = await table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.trim() ?? '')),
        );
      expect(rows, label).toEqual(
        api.histogram.map((bucket) => [
          bucket.date,
          String(bucket.questions ?? bucket.missed + (bucket.answered ?? 0)),
          String(bucket.missed),
          String(bucket.answered ?? 0),
        ]),
      );
      const days = await page
        .locator('svg[role="img"] g[data-day]')
        .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-day')));
      expect(days, label).toEqual(api.histogram.map((bucket) => bucket.date));
      await expect(page.locator('svg[role="img"] > title').textContent()).resolves.toBe(
        'Missed vs answered questions per day',
      );
      if (agents === undefined) await chrome.screenshot(page, 'analytics');
    }
  });
});
