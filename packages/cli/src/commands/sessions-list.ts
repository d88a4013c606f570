import type { ObservatoryClient } from '@observatory/client';
import {
  emptySessionsHint,
  formatDateRange,
  type Session,
  type SessionListRowView,
  type SessionQueryInput,
  sessionListRow,
} from '@observatory/core';
import { type ConnectionFlags, connect } from '../connection.js';
import type { CliIo } from '../io.js';
import { renderTable, type TableColumn } from '../output/table.js';
import { terminalWidth } from '../output/terminal.js';
import {
  assertPageInList,
  type Paging,
  type PagingFlags,
  pageFooter,
  pagingFromFlags,
} from '../paging-flags.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';
import {
  activeFilterNames,
  explainRejectedFilter,
  type SessionFilterFlags,
  sessionQueryFromFlags,
} from '../session-filters.js';

/** Flags of `observatory sessions list`. */
export interface SessionsListFlags extends ConnectionFlags, RangeFlags, SessionFilterFlags, PagingFlags {
  readonly json?: boolean;
}

// A row's preview and facts need the messages, live chats and CSAT of each listed session.
const LIST_PARTS = ['messages', 'liveChats', 'summary'] as const;

const COLUMNS: readonly TableColumn[] = [
  { header: 'id' },
  { header: 'created' },
  { header: 'agent', min: 6, drop: 4 },
  { header: 'contact', min: 7, drop: 5 },
  { header: 'msgs', align: 'right', drop: 3 },
  { header: 'flags', drop: 2 },
  { header: 'tags', min: 6, drop: 6 },
  { header: 'preview', min: 12, drop: 1 },
];

/**
 * `observatory sessions list`: the session list of the product page as a table that fits the terminal (or JSON
 * with `--json`): the filters of `--help` (shared with `export sessions`), a page at a time or `--all`, the range
 * in the zone it was given in, and the page's advice when nothing matches.
 *
 * @example
 * ```ts
 * await sessionsListCommand({ agent: ['faq-bot'], containsLivechat: true, preset: 'lastWeek', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function sessionsListCommand(
  flags: SessionsListFlags,
  io: CliIo,
  now = new Date(),
): Promise<void> {
  const paging = pagingFromFlags(flags);
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const query = sessionQueryFromFlags(flags, range);
  const client = connect(flags, io);
  const page = await fetchSessions(client, query, paging).catch((error: unknown) => {
    throw explainRejectedFilter(error, flags);
  });
  const rows = page.items.map((session) => sessionListRow(session, { timeZone }));
  const rangeText = formatDateRange(range, timeZone);
  if (flags.json) {
    const { index, size } = paging.all ? { index: 0, size: rows.length } : paging;
    const body = {
      range,
      timeZone,
      rangeText,
      page: index + 1,
      pageSize: size,
      total: page.total,
      items: rows,
    };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (!paging.all) assertPageInList({ shown: rows.length, ...paging, total: page.total }, 'sessions');
  if (rows.length === 0 && (paging.all || paging.index === 0)) {
    io.stdout.write(
      `${emptySessionsHint({ range, timeZone, agents: flags.agent ?? [], others: activeFilterNames(flags) })}\n`,
    );
    return;
  }
  const width = terminalWidth(io);
  const index = paging.all ? 0 : paging.index;
  const size = paging.all ? Math.max(1, rows.length) : paging.size;
  const footer = `${pageFooter({ shown: rows.length, index, size, total: page.total }, 'sessions')}, ${rangeText}`;
  const legend = rows.some((row) => factLetters(row) !== '')
    ? '\nflags: F fallback, B feedback, C CSAT, L LiveChat'
    : '';
  io.stdout.write(`${renderTable(COLUMNS, rows.map(tableRow), width)}\n${footer}${legend}\n`);
}

async function fetchSessions(
  client: ObservatoryClient,
  query: SessionQueryInput,
  paging: Paging,
): Promise<{ items: Session[]; total: number | null }> {
  if (!paging.all) {
    const page = await client.sessions.list({
      ...query,
      page: paging.index,
      pageSize: paging.size,
      include: LIST_PARTS,
    });
    return { items: page.items, total: page.total };
  }
  const items: Session[] = [];
  for await (const session of client.sessions.iterate({ ...query, include: LIST_PARTS })) items.push(session);
  return { items, total: items.length };
}

function tableRow(row: SessionListRowView): string[] {
  return [
    row.id,
    // To the minute: the seconds are in `sessions show` and --json.
    row.createdAtLocal.slice(0, 16),
    row.agentId,
    row.contact,
    String(row.messageCount),
    factLetters(row),
    row.tags.join(','),
    row.preview,
  ];
}

function factLetters(row: SessionListRowView): string {
  const { fallback, feedback, csat, liveChat } = row.facts;
  return `${fallback ? 'F' : ''}${feedback ? 'B' : ''}${csat ? 'C' : ''}${liveChat ? 'L' : ''}`;
}
