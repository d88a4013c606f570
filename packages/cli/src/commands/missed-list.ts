import type { MissedQuestionQuery, ObservatoryClient } from '@observatory/client';
import {
  emptyMissedQuestionsHint,
  formatDateRange,
  type MissedQuestion,
  MissedQuestionStatus,
  missedListRow,
} from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainRefusal } from '../connection.js';
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
import { shortIds } from '../short-ids.js';

/** Flags of `observatory missed list`. */
export interface MissedListFlags extends ConnectionFlags, RangeFlags, PagingFlags {
  readonly agent?: string[];
  readonly status?: string[];
  readonly sort?: string;
  readonly search?: string;
  readonly json?: boolean;
}

/**
 * `--sort` of `missed list` as the server's sort: `occurrences` in the range (most first, the page's advice),
 * `recent` (the questions first missed most recently), `question` (A to Z).
 */
const MISSED_SORTS = {
  occurrences: { by: 'filteredOccurrences', order: 'desc' },
  recent: { by: 'createdAt', order: 'desc' },
  question: { by: 'question', order: 'asc' },
} as const;

// The id short (see shortIds) so the question keeps its room; `total` goes first on a narrow terminal.
const COLUMNS: readonly TableColumn[] = [
  { header: 'id' },
  { header: 'question', min: 16 },
  { header: 'in range', align: 'right' },
  { header: 'total', align: 'right', drop: 3 },
  { header: 'last asked', drop: 4 },
  { header: 'status', drop: 1 },
  { header: 'agent', min: 6, drop: 2 },
];

/**
 * `observatory missed list`: the Missed Questions table in a range, filtered by agent, status and question text,
 * sorted, a page at a time or `--all`; a table that fits the terminal (ids cut to a unique start, which `missed
 * show` and the triage commands take) or `--json` (whole ids). `missed top` is its short
 * form (sorted by occurrences in the range).
 *
 * @example
 * ```ts
 * await missedListCommand({ status: ['UNRESOLVED'], sort: 'occurrences', preset: 'lastMonth', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function missedListCommand(flags: MissedListFlags, io: CliIo, now = new Date()): Promise<void> {
  const paging = pagingFromFlags(flags);
  const statuses = statusFlags(flags.status);
  const sort = MISSED_SORTS[(flags.sort ?? 'occurrences') as keyof typeof MISSED_SORTS];
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const client = connect(flags, io);
  const query: MissedQuestionQuery = {
    range,
    ...(flags.agent?.length ? { agents: flags.agent } : {}),
    ...(flags.search ? { question: flags.search } : {}),
    ...(statuses === undefined ? {} : { statuses }),
    sort,
  };
  const page = await fetchMissed(client, query, paging).catch((error: unknown) => {
    throw explainRefusal(error);
  });
  const rows = page.items.map((question) => missedListRow(question, { timeZone }));
  const rangeText = formatDateRange(range, timeZone);
  const index = paging.all ? 0 : paging.index;
  if (flags.json) {
    const pageSize = paging.all ? rows.length : paging.size;
    const body = { range, timeZone, rangeText, page: index + 1, pageSize, total: page.total, items: rows };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return;
  }
  if (!paging.all) assertPageInList({ shown: rows.length, ...paging, total: page.total }, 'missed questions');
  if (rows.length === 0 && index === 0) {
    io.stdout.write(
      `${emptyMissedQuestionsHint({ range, timeZone, agents: flags.agent ?? [], others: otherFilters(flags) })}\n`,
    );
    return;
  }
  const size = paging.all ? Math.max(1, rows.length) : paging.size;
  const ids = shortIds(rows.map((row) => row.id));
  const table = renderTable(
    COLUMNS,
    rows.map((row, at) => [
      ids[at] ?? row.id,
      row.question,
      String(row.occurrences),
      String(row.totalOccurrences),
      row.lastOccurredLocal.slice(0, 'YYYY-MM-DD HH:mm'.length),
      row.status,
      row.agentId,
    ]),
    terminalWidth(io),
  );
  const footer = `${pageFooter({ shown: rows.length, index, size, total: page.total }, 'missed questions')}, ${rangeText}`;
  io.stdout.write(`${table}\n${footer}\n`);
}

/** The filters besides range and agent in force, named for the empty list's advice. */
function otherFilters(flags: MissedListFlags): string[] {
  return [...(flags.status?.length ? ['status'] : []), ...(flags.search ? ['search'] : [])];
}

/** `--status`, each checked (any case), or undefined for every status. */
function statusFlags(values: readonly string[] | undefined): MissedQuestionStatus[] | undefined {
  if (!values?.length) return undefined;
  const statuses = values.map((value) => {
    const parsed = MissedQuestionStatus.safeParse(value.toUpperCase());
    if (!parsed.success) {
      throw new CliError(`--status: expected ${MissedQuestionStatus.options.join(', ')} (got "${value}")`);
    }
    return parsed.data;
  });
  return [...new Set(statuses)];
}

async function fetchMissed(
  client: ObservatoryClient,
  query: MissedQuestionQuery,
  paging: Paging,
): Promise<{ items: MissedQuestion[]; total: number | null }> {
  if (!paging.all) {
    const page = await client.missedQuestions.list({ ...query, page: paging.index, pageSize: paging.size });
    return { items: page.items, total: page.total };
  }
  const items: MissedQuestion[] = [];
  for await (const question of client.missedQuestions.iterate(query)) items.push(question);
  return { items, total: items.length };
}
