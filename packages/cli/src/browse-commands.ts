import { type Command, Option } from 'commander';
import { collect, connectionOptions, rangeOptions } from './command-options.js';
import type { CliIo } from './io.js';
import { pagingOptions } from './paging-flags.js';
import { sessionFilterOptions } from './session-filters.js';

// Imported when the command runs, as in program.ts: a browse command loads the client and core only.
const commands = {
  sessionsList: () => import('./commands/sessions-list.js'),
  sessionsShow: () => import('./commands/sessions-show.js'),
  missedTop: () => import('./commands/missed-top.js'),
  missedList: () => import('./commands/missed-list.js'),
  missedShow: () => import('./commands/missed-show.js'),
  missedStatus: () => import('./commands/missed-status.js'),
};

/**
 * Adds the browsing side of the product page to the program: `sessions list|show` and
 * `missed list|top|show|resolve|ignore|reopen`.
 *
 * @example
 * ```ts
 * addBrowseCommands(new Command('observatory'), io);
 * ```
 */
export function addBrowseCommands(program: Command, io: CliIo): void {
  const sessions = program.command('sessions').description('Browse sessions: list with filters, show one');
  const list = sessions
    .command('list')
    .description('The sessions of a range matching the filters, as a table that fits the terminal')
    .option('--search <term>', 'search the transcripts (see --search-mode)');
  sessionFilterOptions(list);
  pagingOptions(list).option('--json', 'print JSON instead of a table');
  connectionOptions(rangeOptions(list)).action(async (flags) => {
    const { sessionsListCommand } = await commands.sessionsList();
    await sessionsListCommand(flags, io);
  });

  const show = sessions
    .command('show')
    .description('One session: metadata, the transcript, with --trace the workflow steps and variables')
    .argument('<id>', 'session id (the first column of sessions list)')
    .option('--trace', 'the workflow steps of each user message, with the variables at each step')
    .option('--highlight <messageId>', 'mark this message of the transcript; repeat for several', collect)
    .option('--tz <zone>', 'IANA time zone of the times printed (default the system zone)')
    .option(
      '--agent <agentId>',
      'the agent whose session of this id to show, when several agents hold the id',
    )
    .option('--json', 'print JSON instead of text');
  connectionOptions(show).action(async (id: string, flags) => {
    const { sessionsShowCommand } = await commands.sessionsShow();
    await sessionsShowCommand(id, flags, io);
  });

  const missed = program.command('missed').description('Missed questions: list, top, show, triage');
  const missedList = missed
    .command('list')
    .description('The Missed Questions table of a range, as a table that fits the terminal')
    .option('--agent <id>', 'agent (tenant) id; repeat for several', collect)
    .option('--status <status>', 'UNRESOLVED, RESOLVED or IGNORED; repeat for several', collect)
    .addOption(
      new Option(
        '--sort <order>',
        'occurrences in the range (default), recent (newest first), question (A–Z)',
      ).choices(['occurrences', 'recent', 'question']),
    )
    .option('--search <text>', 'part of the question');
  pagingOptions(missedList).option('--json', 'print JSON instead of a table');
  connectionOptions(rangeOptions(missedList)).action(async (flags) => {
    const { missedListCommand } = await commands.missedList();
    await missedListCommand(flags, io);
  });

  const top = missed
    .command('top')
    .description(
      'The missed questions asked most often in a range (ranked by occurrences in the range), as a table',
    )
    .option('--limit <n>', 'how many', '10')
    .option('--agent <id>', 'agent (tenant) id; repeat for several', collect)
    .option('--json', 'print JSON instead of a table');
  connectionOptions(rangeOptions(top)).action(async (flags) => {
    const { missedTopCommand } = await commands.missedTop();
    await missedTopCommand(flags, io);
  });

  const missedShow = missed
    .command('show')
    .description(
      'One missed question: its three stats, the sessions where it appeared, and a transcript with the message highlighted',
    )
    .argument('<id>', 'missed question id (the first column of missed list)')
    .option('--session <id>', 'the session whose transcript to show (default the latest)')
    .option(
      '--limit <n>',
      'how many of the sessions where it appeared to list, the latest first (default 10)',
    )
    .option('--json', 'print JSON instead of text');
  connectionOptions(rangeOptions(missedShow)).action(async (id: string, flags) => {
    const { missedShowCommand } = await commands.missedShow();
    await missedShowCommand(id, flags, io);
  });

  const triage = {
    resolve: 'Mark a missed question resolved (answered now)',
    ignore: 'Mark a missed question ignored (not worth an answer)',
    reopen: 'Put a missed question back among the unresolved ones',
  } as const;
  for (const [action, description] of Object.entries(triage) as Array<[keyof typeof triage, string]>) {
    const command = missed
      .command(action)
      .description(description)
      .argument('<id>', 'missed question id (the first column of missed list)')
      .option('--json', 'print the question as JSON');
    connectionOptions(command).action(async (id: string, flags) => {
      const { missedStatusCommand } = await commands.missedStatus();
      await missedStatusCommand(action, id, flags, io);
    });
  }
}
