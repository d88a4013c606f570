import { DatePreset } from '@observatory/core';
import type { Command } from 'commander';

/**
 * Commander's parser for a repeatable flag: each value is added to the list.
 *
 * @example
 * ```ts
 * command.option('--agent <id>', 'agent id; repeat for several', collect);
 * ```
 */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Adds `--url`, `--token`, `--org` (each with its environment variable) to a command that talks to a server.
 *
 * @example
 * ```ts
 * connectionOptions(program.command('list'));
 * ```
 */
export function connectionOptions(command: Command): Command {
  return command
    .option('--url <url>', 'Observatory base URL (env OBSERVATORY_URL; default the local server)')
    .option('--token <token>', 'bearer token (env OBSERVATORY_TOKEN)')
    .option('--org <id>', 'organization id (env OBSERVATORY_ORG)');
}

/**
 * Adds the range flags `--from`, `--to`, `--preset` and `--tz` (read by `resolveRangeFlags`).
 *
 * @example
 * ```ts
 * rangeOptions(program.command('list'));
 * ```
 */
export function rangeOptions(command: Command): Command {
  return command
    .option(
      '--from <date>',
      'start: a local date (YYYY-MM-DD) or an ISO instant; alone, the range runs until now',
    )
    .option('--to <date>', 'end: a local date (included) or an ISO instant (excluded)')
    .option('--preset <name>', `${DatePreset.options.join(', ')} (default last30Days; not with --from/--to)`)
    .option(
      '--tz <zone>',
      "IANA time zone of the range, of the times printed and of an export's local times (default the system zone)",
    );
}
