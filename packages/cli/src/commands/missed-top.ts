import { formatDateRange } from '@observatory/core';
import { CliError } from '../cli-error.js';
import { type ConnectionFlags, connect, explainRefusal } from '../connection.js';
import type { CliIo } from '../io.js';
import { renderTable, type TableColumn } from '../output/table.js';
import { terminalWidth } from '../output/terminal.js';
import { type RangeFlags, resolveRangeFlags } from '../range-flags.js';
import { shortIds } from '../short-ids.js';

/** Flags of `observatory missed top`. */
export interface MissedTopFlags extends ConnectionFlags, RangeFlags {
  readonly limit: string;
  readonly agent?: string[];
  readonly json?: boolean;
}

/**
 * `observatory missed top`: the most frequent missed questions in a range, as a table (or JSON with `--json`).
 * Ranked by occurrences in the range (`filteredOccurrences`), not by the all-time total; ties by the most recent
 * occurrence in the range, then by question (core's `missedQuestionTieBreaks`).
 *
 * @example
 * ```ts
 * await missedTopCommand({ limit: '10', tz: 'Europe/Athens' }, io);
 * ```
 */
export async function missedTopCommand(flags: MissedTopFlags, io: CliIo, now = new Date()): Promise<void> {
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new CliError(`--limit must be an integer from 1 to 1000 (got "${flags.limit}")`);
  }
  const { range, timeZone } = resolveRangeFlags(flags, now);
  const client = connect(flags, io);
  const page = await client.missedQuestions
    .list({
      range,
      ...(flags.agent?.length ? { agents: flags.agent } : {}),
      sort: { by: 'filteredOccurrences', order: 'desc' },
      pageSize: limit,
    })
    .catch((error: unknown) => {
      throw explainRefusal(error);
    });
  if (flags.json) {
    io.stdout.write(
      `${JSON.stringify({ range, timeZone, total: page.total, items: page.items }, null, 2)}\n`,
    );
    return;
  }
  io.stdout.write(
    `${missedTable(page.items, terminalWidth(io))}\n${page.items.length} of ${page.total} missed questions, ${formatDateRange(range, timeZone)}\n`,
  );
}

/** A row of the missed-questions table. */
export interface MissedRow {
  /** Shown cut to a unique start (see `shortIds`), which `missed show` takes. */
  readonly id: string;
  readonly question: string;
  readonly agentId: string;
  readonly status: string;
  readonly occurrences: number;
  readonly filteredOccurrences?: number | undefined;
  readonly distinctSessions?: number | undefined;
}

// The agent is kept longest: it tells apart the same question asked of two agents.
const COLUMNS: readonly TableColumn[] = [
  { header: '#', align: 'right' },
  { header: 'id' },
  { header: 'question', min: 24 },
  { header: 'in range', align: 'right' },
  { header: 'total', align: 'right', drop: 4 },
  { header: 'sessions', align: 'right', drop: 3 },
  { header: 'status', drop: 2 },
  { header: 'agent', min: 6, drop: 1 },
];

/**
 * Renders missed questions as a table that fits `width` (see `renderTable`): rank, short id, question,
 * occurrences in range and in total, distinct sessions, status, agent.
 *
 * @example
 * ```ts
 * console.log(missedTable([{ id: '3f1c2a9e-…', question: 'Do you ship to Cyprus?', agentId: 'shop', status: 'UNRESOLVED', occurrences: 9, filteredOccurrences: 4 }], 80));
 * ```
 */
export function missedTable(rows: readonly MissedRow[], width: number): string {
  const ids = shortIds(rows.map((row) => row.id));
  return renderTable(
    COLUMNS,
    rows.map((row, index) => [
      String(index + 1),
      ids[index] ?? row.id,
      row.question,
      String(row.filteredOccurrences ?? ''),
      String(row.occurrences),
      String(row.distinctSessions ?? ''),
      row.status,
      row.agentId,
    ]),
    width,
  );
}
