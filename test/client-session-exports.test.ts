import { type SessionInput, type SessionQueryInput, sessionsToCsv, sessionsToText } from '@observatory/core';
import { sessionsToXlsx } from '@observatory/core/xlsx';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalServer } from './support/local-server.js';

const token = 'exports-token';
const organizationId = 'acme';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString();

// Sessions whose export rows depend on every part a list can leave out: messages (counts, fallback, transcript),
// liveChats (containsLiveChat without a LiveChat message) and the summary.
const seeded: SessionInput[] = [
  {
    id: 'handed-over',
    agentId: 'faq-bot',
    contact: { id: 'c1', name: 'Ana' },
    createdAt: at(0),
    liveChats: [{ conversationId: 'lc-1', agents: ['maria'], lastEventType: 'LIVECHAT_TERMINATED' }],
    analysis: { summary: 'Asked for a refund, handed to Maria.' },
    messages: [
      { id: 'h1', role: 'user', text: 'I want a refund', createdAt: at(0) },
      { id: 'h2', role: 'agent', text: 'Let me get a colleague.', createdAt: at(1) },
      {
        id: 'h3',
        role: 'agent',
        text: 'Maria here, how can I help?',
        createdAt: at(2),
        liveChatSender: 'AGENT',
      },
    ],
  },
  {
    id: 'live-chat-message',
    agentId: 'faq-bot',
    contact: { id: 'c2' },
    createdAt: at(10),
    messages: [
      { id: 'l1', role: 'user', text: 'Human please', createdAt: at(10) },
      { id: 'l2', role: 'agent', text: 'Connecting you', category: 'LIVE_CHAT', createdAt: at(11) },
    ],
  },
  {
    id: 'fallback',
    agentId: 'faq-bot',
    contact: { id: 'c3' },
    createdAt: at(20),
    messages: [
      { id: 'f1', role: 'user', text: 'Do you ship to Cyprus?', createdAt: at(20) },
      { id: 'f2', role: 'agent', text: 'Sorry?', category: 'FALLBACK', createdAt: at(21) },
    ],
  },
];

async function text(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  let out = '';
  const decoder = new TextDecoder();
  for await (const chunk of chunks) out += typeof chunk === 'string' ? chunk : decoder.decode(chunk);
  return out;
}

async function bytes(chunks: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
}

async function xlsxRows(data: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('client-side session exports against the local server', () => {
  const server = useLocalServer({ token, organizationId });
  const query: SessionQueryInput = {
    range: { from: '2026-11-25T00:00:00.000Z', to: '2026-11-26T00:00:00.000Z' },
  };

  beforeAll(async () => {
    for (const session of seeded) await server.client.ingest.upsertSession(session);
  });

  it('refuses to write rows from sessions listed without their messages, naming include', async () => {
    const lightly = server.client.sessions.iterate({ ...query, containsLiveChat: true });
    await expect(text(sessionsToCsv(lightly))).rejects.toThrow(
      /include: \['messages', 'liveChats', 'summary'\]/,
    );
    await expect(
      text(sessionsToCsv(server.client.sessions.iterate({ ...query, include: ['messages'] }))),
    ).rejects.toMatchObject({ name: 'IncompleteSessionError', field: 'include' });
    await expect(bytes(sessionsToXlsx(server.client.sessions.iterate(query)))).rejects.toThrow(
      /include: \['messages', 'liveChats', 'summary'\]/,
    );
    await expect(text(sessionsToText(server.client.sessions.iterate(query)))).rejects.toThrow(
      /include: \['messages'\]/,
    );
    // A session copied with a spread is still known to lack its messages.
    const copies = (await server.client.sessions.list(query)).items.map((session) => ({
      ...session,
      tags: ['copied'],
    }));
    expect(copies).toHaveLength(3);
    await expect(text(sessionsToCsv(copies))).rejects.toThrow(/include:/);
  });

  it('with include: messages, liveChats and summary, the CSV is byte for byte the server export', async () => {
    // The server writes a BOM by default (for Excel); core writes one when asked, so both files start alike.
    const csvOptions = { separator: ',', timeZone: 'Europe/Athens', bom: true } as const;
    const local = await text(
      sessionsToCsv(
        server.client.sessions.iterate({ ...query, include: ['messages', 'liveChats', 'summary'] }),
        csvOptions,
      ),
    );
    const remote = await server.client.sessions.export(query, { fileType: 'csv', ...csvOptions });
    expect(Buffer.from(local, 'utf8').equals(await bytes(remote.body))).toBe(true);
    expect(local.startsWith('\uFEFF')).toBe(true);
    expect(local).toContain('Asked for a refund, handed to Maria.');
  });

  it('with the same parts, the xlsx rows and the txt transcripts are the server export', async () => {
    const all = { ...query, include: ['messages', 'liveChats', 'summary'] } as const;
    const remoteXlsx = await server.client.sessions.export(query, {
      fileType: 'xlsx',
      timeZone: 'Asia/Tokyo',
    });
    const remote = await bytes(remoteXlsx.body);
    const local = await bytes(
      sessionsToXlsx(server.client.sessions.iterate(all), { timeZone: 'Asia/Tokyo' }),
    );
    expect(await xlsxRows(local)).toEqual(await xlsxRows(remote));
    const remoteText = await server.client.sessions.export(query, { fileType: 'txt' });
    const onlyMessages = server.client.sessions.iterate({ ...query, include: ['messages'] });
    expect(await text(sessionsToText(onlyMessages))).toBe((await bytes(remoteText.body)).toString('utf8'));
  });
});
