import { DAY_MS } from './civil.js';
import { MAX_ZONE_OFFSET_MS, zoneOffset } from './zone-offset.js';

// Offsets are sampled this far apart around a local midnight (3 samples), and each change between two samples is
// located by bisection. The database's transitions of one zone lie days apart (the closest two, Freetown's of
// 1939, 95 hours), so a change and its reversal never hide between two samples.
const SAMPLE_STEP_MS = MAX_ZONE_OFFSET_MS;

/** The local day number (0 is 1970-01-01) of the wall clock of `epochMs` in `timeZone`. */
export function wallDay(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + zoneOffset(epochMs, timeZone)) / DAY_MS);
}

/**
 * The first instant (epoch ms) of local day `day` (0 is 1970-01-01) in `timeZone`: the instant from which the
 * wall clock never again reads an earlier day. That is local midnight; where midnight falls in a gap, the end of
 * the gap; where a clock change repeats midnight, its first reading; and where a zone turned its clock back across
 * midnight (Alaska in 1867 went back a whole day), the last time the wall clock reached this day. A day a zone
 * skipped whole (Samoa's 2011-12-30) starts where the next day starts: it has no instant.
 *
 * Non-decreasing in `day`, to the second, for every offset: local mean times keep their seconds.
 *
 * @example
 * ```ts
 * new Date(localDayStart(-19724, 'Europe/Athens')).toISOString(); // '1915-12-31T22:25:08.000Z' (1916-01-01)
 * ```
 */
export function localDayStart(day: number, timeZone: string): number {
  const midnight = day * DAY_MS; // the wall-clock reading sought, as if it were UTC
  // Every instant whose wall clock reads midnight lies within the widest offset of it.
  const first = midnight - MAX_ZONE_OFFSET_MS;
  const last = midnight + MAX_ZONE_OFFSET_MS;
  // The offsets over [first, last], as runs: each starts at an instant (a transition) and holds a constant offset.
  const runs: Array<{ from: number; offset: number }> = [
    { from: first, offset: zoneOffset(first, timeZone) },
  ];
  for (let sample = first + SAMPLE_STEP_MS; sample <= last; sample += SAMPLE_STEP_MS) {
    const offset = zoneOffset(sample, timeZone);
    // Each pass finds one transition after the last run's start, so several between two samples are all found.
    for (let run = runs[runs.length - 1]; run && run.offset !== offset; run = runs[runs.length - 1]) {
      const from = firstChange(run.from, run.offset, sample, timeZone);
      runs.push({ from, offset: zoneOffset(from, timeZone) });
    }
  }
  // The last run whose wall clock starts before midnight holds the last crossing into the day: either it reaches
  // midnight itself, or the transition after it jumps past midnight.
  for (let index = runs.length - 1; index >= 0; index--) {
    const run = runs[index] as { from: number; offset: number };
    if (run.from + run.offset >= midnight) continue;
    const next = runs[index + 1];
    return next === undefined ? midnight - run.offset : Math.min(midnight - run.offset, next.from);
  }
  // The first run starts a full widest offset before midnight, so its wall clock reads the day before.
  throw new RangeError(`The offset of ${timeZone} exceeds ±${MAX_ZONE_OFFSET_MS / 3_600_000} hours`);
}

/**
 * The local day an instant belongs to as a bucket, with that day's first instant: the latest day whose
 * {@link localDayStart} is not after `epochMs`. That is the wall-clock date, except in the stretch a clock
 * later turned back over (then the day before).
 *
 * @example
 * ```ts
 * localDayOf(Date.parse('1916-01-01T22:25:10Z'), 'Europe/Athens'); // { day: -19723, start: -1704072892000 }
 * ```
 */
export function localDayOf(epochMs: number, timeZone: string): { day: number; start: number } {
  let day = wallDay(epochMs, timeZone);
  let start = localDayStart(day, timeZone);
  // The wall clock reads at most the widest offset ahead of UTC and a day starts at most that far after its
  // midnight, so two steps back reach a day that has started.
  for (let step = 0; step < 2 && start > epochMs; step++) {
    day--;
    start = localDayStart(day, timeZone);
  }
  return { day, start };
}

/** The first instant (epoch ms) in (`from`, `to`] whose offset differs from `offset`, the offset at `from`. */
function firstChange(from: number, offset: number, to: number, timeZone: string): number {
  // Offsets change on whole seconds: bisect seconds.
  let low = Math.floor(from / 1000);
  let high = Math.floor(to / 1000);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zoneOffset(middle * 1000, timeZone) === offset) low = middle;
    else high = middle;
  }
  return high * 1000;
}
