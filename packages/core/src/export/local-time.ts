const HOUR_MS = 3_600_000;
// Bounds the per-zone offset cache: one entry per UTC hour touched, so ~9k entries cover a year of sessions.
const MAX_CACHED_HOURS = 100_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. The caller has
// validated the zone, so this map holds only zones actually used.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      era: 'short',
      timeZoneName: 'shortOffset',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsOf(ms: number, timeZone: string): Record<string, string> {
  const fields: Record<string, string> = {};
  // formatToParts, not a locale's pattern string: the field order of a formatted date is locale data and may
  // change between ICU versions; the parts do not.
  for (const part of formatterFor(timeZone).formatToParts(ms)) fields[part.type] = part.value;
  return fields;
}

function exactOffset(ms: number, timeZone: string): number {
  const f = partsOf(ms, timeZone);
  const year = f.era === 'BC' ? 1 - Number(f.year) : Number(f.year);
  const wall = Date.UTC(
    year,
    Number(f.month) - 1,
    Number(f.day),
    Number(f.hour),
    Number(f.minute),
    Number(f.second),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

// Intl's formatToParts costs ~4 µs, too much for a million CSV rows. A zone's offset is constant within almost
// every UTC hour, so it is computed once per hour (checked at both ends of the hour) and the wall-clock digits
// are then plain arithmetic. Hours containing a transition are never cached and take the exact path.
function offsetAt(ms: number, timeZone: string): number {
  let cache = offsetCaches.get(timeZone);
  if (cache === undefined) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const hour = Math.floor(ms / HOUR_MS);
  const cached = cache.get(hour);
  if (cached !== undefined) return Number.isNaN(cached) ? exactOffset(ms, timeZone) : cached;
  const atStart = exactOffset(hour * HOUR_MS, timeZone);
  const stable = atStart === exactOffset(hour * HOUR_MS + HOUR_MS - 1, timeZone);
  if (cache.size >= MAX_CACHED_HOURS) cache.clear();
  cache.set(hour, stable ? atStart : Number.NaN);
  return stable ? atStart : exactOffset(ms, timeZone);
}

/**
 * The wall-clock time of an ISO instant in `timeZone` (already validated), as milliseconds since the epoch read
 * as UTC: `new Date(wallClockMs(iso, zone)).toISOString()` shows the local date and time digits.
 *
 * @example
 * ```ts
 * new Date(wallClockMs('2026-01-15T10:00:00.000Z', 'Europe/Athens')).toISOString(); // '2026-01-15T12:00:00.000Z'
 * ```
 */
export function wallClockMs(iso: string, timeZone: string): number {
  const ms = Date.parse(iso);
  return ms + offsetAt(ms, timeZone);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Formats an ISO instant as local wall-clock time `YYYY-MM-DD HH:mm:ss` in `timeZone` (already validated).
 *
 * @example
 * ```ts
 * formatLocalDateTime('2026-01-15T10:00:00.000Z', 'Europe/Athens'); // '2026-01-15 12:00:00'
 * ```
 */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const local = new Date(wallClockMs(iso, timeZone));
  const year = String(local.getUTCFullYear()).padStart(4, '0');
  return `${year}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())} ${pad2(local.getUTCHours())}:${pad2(
    local.getUTCMinutes(),
  )}:${pad2(local.getUTCSeconds())}`;
}

/**
 * The zone's offset name at an instant, e.g. `GMT+2` (`GMT` in UTC), for headers that show a local time.
 *
 * @example
 * ```ts
 * zoneOffsetName('2026-01-15T10:00:00.000Z', 'Europe/Athens'); // 'GMT+2'
 * ```
 */
export function zoneOffsetName(iso: string, timeZone: string): string {
  return partsOf(Date.parse(iso), timeZone).timeZoneName ?? '';
}

/**
 * Formats a duration in milliseconds as `1h 02m 03s` (hours omitted when zero).
 *
 * @example
 * ```ts
 * formatDuration(3_723_000); // '1h 02m 03s'
 * formatDuration(65_000); // '1m 05s'
 * ```
 */
export function formatDuration(durationMs: number): string {
  const totalSeconds = Math.round(durationMs / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = pad2(totalSeconds % 60);
  return hours > 0 ? `${hours}h ${pad2(minutes)}m ${seconds}s` : `${minutes}m ${seconds}s`;
}
