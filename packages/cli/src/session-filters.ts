import { isObservatoryApiError } from '@observatory/client';
import type { DateRange, SessionQueryInput } from '@observatory/core';
import { type Command, Option } from 'commander';
import { CliError } from './cli-error.js';
import { explainRefusal } from './connection.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The session filters as commander reads them: `sessions list` and `export sessions` share them. */
export interface SessionFilterFlags {
  readonly agent?: string[];
  readonly deployment?: string[];
  readonly tag?: string[];
  readonly contact?: string;
  readonly search?: string;
  readonly searchMode?: string;
  readonly variable?: string;
  readonly containsFallback?: boolean;
  readonly containsFeedback?: boolean;
  readonly containsCsat?: boolean;
  readonly containsLivechat?: boolean;
  readonly sort?: string;
}

const SEARCH_MODES = ['plain', 'full-word', 'regex', 'variable'] as const;
const SORTS = ['created-desc', 'created-asc'] as const;

/**
 * Flags that filter sessions and nothing else, as the user types them: refused where they cannot apply (a
 * missed-questions export) rather than silently dropped.
 */
const SESSION_ONLY: ReadonlyArray<[keyof SessionFilterFlags, string]> = [
  ['deployment', '--deployment'],
  ['tag', '--tag'],
  ['contact', '--contact'],
  ['searchMode', '--search-mode'],
  ['variable', '--variable'],
  ['containsFallback', '--contains-fallback'],
  ['containsFeedback', '--contains-feedback'],
  ['containsCsat', '--contains-csat'],
  ['containsLivechat', '--contains-livechat'],
  ['sort', '--sort'],
];

/**
 * Adds the session list's filters to a command (the product page's filter bar): `--agent`, `--deployment`,
 * `--tag` (each repeatable), `--contact`, `--search` with `--search-mode` (and `--variable`), the quick filters
 * `--contains-fallback|feedback|csat|livechat`, and `--sort`. `--search` is added by the caller: `export` words
 * it for both of its kinds.
 *
 * @example
 * ```ts
 * sessionFilterOptions(program.command('list').option('--search <term>', 'search the transcripts'));
 * ```
 */
export function sessionFilterOptions(command: Command): Command {
  return command
    .option('--agent <id>', 'agent (tenant) id; repeat for several', collect)
    .option('--deployment <id>', 'deployment id; repeat for several', collect)
    .option('--tag <tag>', 'session tag; repeat for several (any of them)', collect)
    .option('--contact <text>', "part of the contact's id, name or email")
    .addOption(
      new Option(
        '--search-mode <mode>',
        'how --search matches: plain (part of a word, default), full-word, regex (RE2), variable (the value of --variable)',
      ).choices(SEARCH_MODES),
    )
    .option(
      '--variable <name>',
      'with --search-mode variable: the session variable whose value --search matches',
    )
    .option('--contains-fallback', 'only sessions with a fallback (unanswered) message')
    .option('--contains-feedback', 'only sessions with a feedback message')
    .option('--contains-csat', 'only sessions with a CSAT survey')
    .option('--contains-livechat', 'only sessions handed over to LiveChat')
    .addOption(new Option('--sort <order>', 'order by creation (default created-desc)').choices(SORTS));
}

/**
 * The client's session query for the filter flags and a resolved range: the one mapping from flags to a query.
 *
 * @throws CliError (exit code 2) for `--variable` without `--search-mode variable`, or the reverse, and for a
 *   `--search-mode` without `--search`.
 * @example
 * ```ts
 * sessionQueryFromFlags({ agent: ['faq-bot'], containsLivechat: true, sort: 'created-asc' }, range);
 * // { range, agents: ['faq-bot'], containsLiveChat: true, sort: { by: 'createdAt', order: 'asc' } }
 * ```
 */
export function sessionQueryFromFlags(flags: SessionFilterFlags, range: DateRange): SessionQueryInput {
  return {
    range,
    ...(flags.agent?.length ? { agents: flags.agent } : {}),
    ...(flags.deployment?.length ? { deployments: flags.deployment } : {}),
    ...(flags.tag?.length ? { tags: flags.tag } : {}),
    ...(flags.contact ? { contact: flags.contact } : {}),
    ...searchOf(flags),
    ...(flags.containsFallback ? { containsFallback: true } : {}),
    ...(flags.containsFeedback ? { containsFeedback: true } : {}),
    ...(flags.containsCsat ? { containsCSATSurvey: true } : {}),
    ...(flags.containsLivechat ? { containsLiveChat: true } : {}),
    ...(flags.sort
      ? { sort: { by: 'createdAt', order: flags.sort === 'created-asc' ? 'asc' : 'desc' } }
      : {}),
  };
}

/**
 * The first session-only filter flag given, as typed (`--tag`), or undefined.
 *
 * @example
 * ```ts
 * sessionOnlyFlag({ tag: ['billing'] }); // '--tag'
 * ```
 */
export function sessionOnlyFlag(flags: SessionFilterFlags): string | undefined {
  return SESSION_ONLY.find(([key]) => given(flags[key]))?.[1];
}

/**
 * The filters in force besides range and agent, by the names the user typed them with (`tag`, `search`,
 * `contains-livechat`), for the advice of an empty list.
 *
 * @example
 * ```ts
 * activeFilterNames({ agent: ['faq-bot'], tag: ['billing'], containsLivechat: true }); // ['tag', 'contains-livechat']
 * ```
 */
export function activeFilterNames(flags: SessionFilterFlags): string[] {
  const named: ReadonlyArray<[keyof SessionFilterFlags, string]> = [
    ['deployment', 'deployment'],
    ['tag', 'tag'],
    ['contact', 'contact'],
    ['search', 'search'],
    ['containsFallback', 'contains-fallback'],
    ['containsFeedback', 'contains-feedback'],
    ['containsCsat', 'contains-csat'],
    ['containsLivechat', 'contains-livechat'],
  ];
  return named.filter(([key]) => given(flags[key])).map(([, name]) => name);
}

function given(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== false;
}

function searchOf(flags: SessionFilterFlags): Pick<SessionQueryInput, 'search'> {
  const mode = flags.searchMode;
  if (flags.variable !== undefined && mode !== 'variable') {
    throw new CliError('--variable goes with --search-mode variable (and --search, the value to find)');
  }
  if (mode === undefined && flags.search === undefined) return {};
  if (!flags.search) throw new CliError(`--search-mode ${mode}: give --search, the text to find`);
  if (mode === 'variable') {
    if (!flags.variable)
      throw new CliError('--search-mode variable: give --variable, the name of the variable');
    return { search: { term: flags.search, variable: flags.variable } };
  }
  const coreMode = mode === 'full-word' ? 'fullWord' : mode === 'regex' ? 'regex' : 'plain';
  return { search: { term: flags.search, mode: coreMode } };
}

/** The query parameters the server names in a refusal (its problem's `field`), as the flags that set them. */
const FLAG_OF_PARAMETER: Readonly<Record<string, keyof SessionFilterFlags>> = {
  searchTerm: 'search',
  contact: 'contact',
};

/**
 * A 400 the server gives a filter (an invalid regular expression in `--search`) said as that flag, what it
 * expects and the value it got, exit code 2; a refusal of the token as `explainRefusal` says it; any other error
 * as it is.
 *
 * @example
 * ```ts
 * await client.sessions.list(query).catch((error: unknown) => {
 *   throw explainRejectedFilter(error, flags);
 * });
 * // error: --search: expected a regular expression in RE2 syntax, without backreferences or lookaround (got "(")
 * ```
 */
export function explainRejectedFilter(error: unknown, flags: SessionFilterFlags): unknown {
  if (!isObservatoryApiError(error) || error.status !== 400) return explainRefusal(error);
  const { field, expected } = (
    typeof error.problem === 'object' && error.problem !== null ? error.problem : {}
  ) as {
    field?: unknown;
    expected?: unknown;
  };
  const key = typeof field === 'string' ? FLAG_OF_PARAMETER[field] : undefined;
  if (key === undefined || typeof expected !== 'string') return error;
  const flag = `--${key}`;
  return new CliError(`${flag}: expected ${expected} (got "${String(flags[key])}")`, { cause: error });
}
