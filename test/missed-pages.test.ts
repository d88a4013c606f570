import type { SessionInput } from '@observatory/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

// The Missed Question details page of a question asked in 13 sessions (three times in the latest), against the
// real local server: the transcript right after the stats, then one row per session, the latest ten, and a link
// to show every one. And the Analytics page's top missed questions, where the same question of two agents shows
// each agent.
const local = useLocalServer({ token: 'details-page-token', organizationId: 'acme' });
const QUESTION = 'Do you ship to Cyprus?';
const november = 'preset=custom&startDate=2026-11-01&endDate=2026-11-30&timeZone=Europe%2FAthens';

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
const sessions: SessionInput[] = Array.from({ length: 13 }, (_, index) => {
  const n = index + 1;
  const asked = n === 13 ? 3 : 1;
  return {
    id: `s-${n}`,
    agentId: 'shop',
    contact: { id: `c-${n}` },
    createdAt: `${day(n)}T09:00:00.000Z`,
    messages: Array.from({ length: asked }, (_, m) => ({
      id: `s-${n}-m${m + 1}`,
      role: 'user' as const,
      text: QUESTION,
      createdAt: `${day(n)}T09:0${m}:00.000Z`,
    })),
  };
});
let questionId = '';
let cookie = '';

beforeAll(async () => {
  for (const session of sessions) {
    await local.client.ingest.upsertSession(session);
    for (const message of session.messages ?? []) {
      await local.client.missedQuestions.report({
        tenantId: 'shop',
        question: QUESTION,
        sessionId: session.id,
        messageId: message.id,
      });
    }
  }
  // The same question asked of another agent, once.
  await local.client.ingest.upsertSession({
    id: 'faq-1',
    agentId: 'faq-bot',
    contact: { id: 'c-faq' },
    createdAt: '2026-11-14T09:00:00.000Z',
    messages: [{ id: 'faq-1-m1', role: 'user', text: QUESTION, createdAt: '2026-11-14T09:00:00.000Z' }],
  });
  await local.client.missedQuestions.report({
    tenantId: 'faq-bot',
    question: QUESTION,
    sessionId: 'faq-1',
    messageId: 'faq-1-m1',
  });
  questionId = (await local.client.missedQuestions.list({ agents: ['shop'] })).items[0]?.id ?? '';
  const login = await fetch(`${local.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: local.url },
    body: new URLSearchParams({ token: local.token, next: '/sessions' }).toString(),
  });
  expect(login.status).toBe(303);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
});

async function page(query: string): Promise<string> {
  const res = await fetch(`${local.url}/missed-questions/${questionId}?${query}`, { headers: { cookie } });
  const body = await res.text();
  expect(res.status, body).toBe(200);
  return body;
}

/** The session ids of the rows of the "Sessions where it appeared" table, in order. */
function sessionRows(html: string): string[] {
  const table = /<caption>Sessions where it appeared<\/caption>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>\s*<td><a [^>]*>([^<]+)<\/a>/g)].map((match) => match[1] as string);
}

describe('Missed Question details page', () => {
  it('puts the highlighted transcript right after the stats, before the list of sessions', async () => {
    const html = await page(november);
    const stats = html.indexOf('id="stats"');
    const transcript = html.indexOf('id="transcript"');
    const table = html.indexOf('<caption>Sessions where it appeared</caption>');
    expect(stats).toBeGreaterThan(0);
    expect(transcript).toBeGreaterThan(stats);
    expect(table).toBeGreaterThan(transcript);
    expect(html).toContain('<h2>Transcript of s-13</h2>');
    expect(html.match(/class="highlighted"/g)).toHaveLength(3);
  });

  it('lists one row per session, newest first, the latest ten, with how often and when last', async () => {
    const html = await page(november);
    expect(sessionRows(html)).toEqual([
      's-13',
      's-12',
      's-11',
      's-10',
      's-9',
      's-8',
      's-7',
      's-6',
      's-5',
      's-4',
    ]);
    // s-13: asked three times, last at 09:02 UTC = 11:02 in Athens.
    expect(html).toMatch(
      /s-13<\/a><\/td>\s*<td class="num">3<\/td>\s*<td><time datetime="2026-11-13T09:02:00.000Z">2026-11-13 11:02:00<\/time>/,
    );
    expect(html).toContain('and 3 more sessions');
    const all = /<a href="([^"]+)"[^>]*>Show all 13 sessions<\/a>/.exec(html)?.[1] ?? '';
    expect(all).toContain('sessions=all');
    const every = await page(all.split('?')[1]?.replace(/&amp;/g, '&') ?? '');
    expect(sessionRows(every)).toHaveLength(13);
    expect(every).not.toContain('more sessions');
  });

  it('counts one session and one question in the singular on the list pages', async () => {
    const one = 'preset=custom&startDate=2026-11-13&endDate=2026-11-13&timeZone=Europe%2FAthens';
    const get = async (path: string) => (await fetch(`${local.url}${path}`, { headers: { cookie } })).text();
    expect(await get(`/sessions?${one}`)).toContain('<p id="result-count">1 session</p>');
    expect(await get(`/sessions?${november}`)).toContain('<p id="result-count">14 sessions</p>');
    expect(await get(`/missed-questions?${one}`)).toContain('<p id="result-count">1 question</p>');
  });

  it('Analytics: the top missed questions name their agent, and link to their details', async () => {
    const res = await fetch(`${local.url}/analytics?${november}`, { headers: { cookie } });
    const html = await res.text();
    const table = /<caption>Top missed questions<\/caption>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const headers = [...table.matchAll(/<th[^>]*>\s*([^<]+?)\s*<\/th>/g)].map((match) => match[1]);
    expect(headers).toEqual(['Question', 'Agent', 'Occurrences']);
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
      .slice(1)
      .map((match) =>
        [...(match[1] as string).matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
          (cell[1] as string).replace(/<[^>]+>/g, '').trim(),
        ),
      );
    expect(rows).toEqual([
      [QUESTION, 'shop', '15'],
      [QUESTION, 'faq-bot', '1'],
    ]);
    expect(table).toContain(`href="/missed-questions/${questionId}?`);
  });
});
