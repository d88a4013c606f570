import { Command, CommanderError, Option } from 'commander';
// Inlined by the build: the installed command prints the version it was built as.
import packageJson from '../package.json' with { type: 'json' };
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';

// Each command is imported when it runs: `export` and `missed top` never load the server, PGlite or exceljs,
// which keeps a client command's memory and start-up small.
const commands = {
  serve: () => import('./commands/serve.js'),
  export: () => import('./commands/export.js'),
  missedTop: () => import('./commands/missed-top.js'),
  demo: () => import('./commands/demo.js'),
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

function connectionOptions(command: Command): Command {
  return command
    .option('--url <url>', 'Observatory base URL (env OBSERVATORY_URL; default the local server)')
    .option('--token <token>', 'bearer token (env OBSERVATORY_TOKEN)')
    .option('--org <id>', 'organization id (env OBSERVATORY_ORG)');
}

function rangeOptions(command: Command): Command {
  return command
    .option('--from <date>', 'start: a local date (YYYY-MM-DD) or an ISO instant')
    .option('--to <date>', 'end: a local date (included) or an ISO instant (excluded)')
    .option('--preset <name>', 'today, yesterday, last7Days, last30Days or thisMonth (default last30Days)')
    .option(
      '--tz <zone>',
      "IANA time zone of the range and of an export's local times (default the system zone)",
    );
}

/**
 * Builds the `observatory` command line: `serve`, `export`, `missed top`, `demo`. Output goes to `io`, so it can
 * run inside tests and other programs.
 *
 * @example
 * ```ts
 * const program = createProgram({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 * await program.parseAsync(['node', 'observatory', 'missed', 'top', '--limit', '5']);
 * ```
 */
export function createProgram(io: CliIo): Command {
  const program = new Command('observatory')
    .description(
      'Observatory SDK: serve a local Observatory, export sessions and missed questions, run the demo.',
    )
    .version(packageJson.version, '-V, --version', 'print the version of the observatory command')
    .option('--verbose', 'print stack traces on errors')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('serve')
    .description('Start a local Observatory (embedded store by default) on 127.0.0.1')
    .option(
      '--store <url>',
      'memory://, pglite://DIR or postgres://… (env OBSERVATORY_STORE; default pglite://./observatory-data)',
    )
    .option(
      '--host <host>',
      'interface to listen on (anything but loopback, e.g. 0.0.0.0, is reachable from the network)',
      '127.0.0.1',
    )
    .option('--port <port>', 'port (0 picks a free one)', '4319')
    .option(
      '--token <token>',
      'bearer token to accept (env OBSERVATORY_TOKEN; default a random one, printed)',
    )
    .option('--org <id>', 'organization id the token is for (env OBSERVATORY_ORG; default "local")')
    .option('--json', 'print the address and credentials as JSON')
    .action(async (flags) => {
      // Listening for the signal before the banner is printed: a signal sent as soon as the banner is read would
      // otherwise find no handler and kill the process without a graceful close.
      const signalled = waitForSignal();
      const { serveCommand } = await commands.serve();
      const running = await serveCommand(flags, io);
      await signalled;
      await running.close();
    });

  const exporter = program
    .command('export')
    .description('Stream an export of sessions (txt, csv, xlsx) or missed questions (csv) into a file')
    // Named by its two values: commander's "missing required argument" and the usage line then list them.
    .argument('<sessions|missed-questions>', 'what to export')
    .addOption(new Option('--format <format>', 'file format').choices(['txt', 'csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'output file (default <what>.<format>)')
    .option('--agent <id>', 'agent (tenant) id; repeat for several', collect)
    .option('--deployment <id>', 'deployment id; repeat for several', collect)
    .option('--tag <tag>', 'session tag; repeat for several', collect)
    .option('--search <term>', 'search the transcripts (sessions) or the question text (missed-questions)')
    .addOption(new Option('--separator <char>', 'CSV separator (default ";")').choices([';', ',']))
    .option(
      '--bom',
      'start a CSV with a UTF-8 byte-order mark, which Excel needs for Greek or Arabic (default)',
    )
    .option('--no-bom', 'start a CSV without a byte-order mark')
    .option('--quiet', 'no progress display')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        "CSV files: a cell starting with = + - @, TAB or CR gets a leading ' so that a spreadsheet shows it as",
        'text instead of running it as a formula (OWASP "CSV Injection"); every other cell is the API\'s text as',
        'it is. A cell holding , ; TAB, a quote or a line break is quoted. The file starts with a UTF-8 byte-order',
        'mark unless --no-bom.',
        "xlsx files: every text is a text cell holding the API's text unchanged (never a formula, no ' added);",
        'times are date-time cells, durations numbers of seconds.',
      ].join('\n'),
    );
  connectionOptions(rangeOptions(exporter)).action(async (what: string, flags) => {
    const { exportCommand } = await commands.export();
    await exportCommand(what, flags, io);
  });

  const missed = program.command('missed').description('Missed questions');
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

  program
    .command('demo')
    .description(
      'Generate conversations, drive them through the nodes into a local Observatory, then report and export',
    )
    .option('--seed <n>', 'seed of the generated dataset', '42')
    .option('--sessions <n>', 'how many conversations', '2000')
    .option('--days <n>', 'spread over this many days before now', '30')
    .option('--tz <zone>', 'time zone of the report (default the system zone)')
    .option('--out <dir>', 'folder for the exports (default ./observatory-demo)')
    .option('--store <url>', 'store of the demo server (default memory://, a temporary embedded PGlite)')
    .option('--quiet', 'no progress display')
    .option('--json', 'print the summary as JSON')
    .option('--serve', "keep serving the web pages on the demo's data after the report, until Ctrl-C")
    .option('--open', 'as --serve, and open the pages in the browser')
    .action(async (flags) => {
      const { demoCommand } = await commands.demo();
      await demoCommand(flags, io);
    });

  return program;
}

/**
 * Runs the CLI and returns the process exit code: 0 on success, 1 on a failure, 2 on bad usage. Errors are one
 * line on stderr; `--verbose` adds the stack.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help / version, which exit 0).
      return error.exitCode === 0 ? 0 : 2;
    }
    const verbose = args.includes('--verbose');
    io.stderr.write(`error: ${describeError(error)}\n`);
    if (verbose && error instanceof Error) {
      for (let e: unknown = error; e instanceof Error; e = e.cause) {
        io.stderr.write(`${e === error ? '' : 'caused by: '}${e.stack ?? e.message}\n`);
      }
    }
    return error instanceof CliError ? error.exitCode : 1;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // A CliError's message is written for the user whole; its cause shows with --verbose.
  if (error instanceof CliError) return error.message;
  const cause =
    error.cause instanceof Error && !error.message.includes(error.cause.message)
      ? ` (${error.cause.message})`
      : '';
  return `${error.message}${cause}`.replace(/\s*\n\s*/g, ' ');
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
