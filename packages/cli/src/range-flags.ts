import {
  assertTimeZone,
  DatePreset,
  type DateRange,
  ObservatoryInputError,
  resolveDateRange,
} from '@observatory/core';
import { CliError } from './cli-error.js';

/** The date flags of `export` and `missed top`. */
export interface RangeFlags {
  readonly from?: string;
  readonly to?: string;
  readonly tz?: string;
  readonly preset?: string;
}

/**
 * Resolves `--from/--to/--tz` (or `--preset`) to a UTC range in the viewer's zone; without any, the last 30 days.
 * `--from` alone runs until `now`; `--preset` beside `--from/--to` is refused.
 *
 * @example
 * ```ts
 * resolveRangeFlags({ from: '2026-11-01', to: '2026-11-30', tz: 'Europe/Athens' }, new Date());
 * ```
 */
export function resolveRangeFlags(flags: RangeFlags, now: Date): { range: DateRange; timeZone: string } {
  const timeZone = timeZoneFlag(flags.tz);
  try {
    if (flags.from !== undefined || flags.to !== undefined) {
      if (flags.preset !== undefined)
        throw new CliError('--preset and --from/--to exclude each other: give one or the other');
      if (flags.from === undefined)
        throw new CliError(
          '--to needs --from: give the start of the range too (--from alone runs until now)',
        );
      // `--from` alone: from then until now, the instant the command runs.
      const to = flags.to ?? now;
      return { range: resolveDateRange({ from: flags.from, to }, { timeZone, now }), timeZone };
    }
    const given = flags.preset ?? 'last30Days';
    const preset = DatePreset.safeParse(given);
    if (!preset.success)
      throw new CliError(`--preset: expected one of ${DatePreset.options.join(', ')} (got "${given}")`);
    return { range: resolveDateRange({ preset: preset.data }, { timeZone, now }), timeZone };
  } catch (error) {
    throw asFlagError(error);
  }
}

/**
 * `--tz`, checked: the IANA zone given, or the system zone without the flag.
 *
 * @throws CliError (exit code 2) naming `--tz` and the value it got, for a zone the runtime does not know.
 * @example
 * ```ts
 * timeZoneFlag('Europe/Athens'); // 'Europe/Athens'
 * timeZoneFlag(undefined); // the system zone, e.g. 'UTC'
 * ```
 */
export function timeZoneFlag(tz: string | undefined): string {
  const timeZone = tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    assertTimeZone(timeZone, 'timeZone');
  } catch (error) {
    throw asFlagError(error);
  }
  return timeZone;
}

/** Core's input error on a date field, said as the flag the user typed and the value it got. */
function asFlagError(error: unknown): unknown {
  if (!(error instanceof ObservatoryInputError)) return error;
  const flag =
    { timeZone: '--tz', from: '--from', to: '--to', preset: '--preset' }[error.field] ?? error.field;
  const { received } = error;
  // Shaped as a date but not one of the calendar (2026-02-30, 2026-13-01): said so, not only what a date looks like.
  const notADate = error.expected.startsWith('a date as');
  if (notADate && typeof received === 'string' && DATE_SHAPE.test(received)) {
    return new CliError(`${flag}: "${received}" is not a valid date (no such day in the calendar)`, {
      cause: error,
    });
  }
  const got = typeof received === 'string' ? ` (got "${received}")` : '';
  return new CliError(`${flag}: expected ${error.expected}${got}`, { cause: error });
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
