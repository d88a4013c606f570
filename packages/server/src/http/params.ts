import {
  assertTimeZone,
  type DateRange,
  normalizePageRequest,
  ObservatoryInputError,
  WireDateTime,
} from '@observatory/core';
import { assertStorableInstant } from './input.js';

// Query-parameter readers shared by the routes: each failure names the wire parameter.

/**
 * Reads a `true`/`false` parameter; absent = `fallback`.
 *
 * @example
 * ```ts
 * readBoolean(url.searchParams, 'includeMessages', false);
 * ```
 */
export function readBoolean(params: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ObservatoryInputError(name, 'true or false', value);
}

/**
 * Reads the optional `startDate`/`endDate` pair as a half-open UTC range; one without the other is refused.
 *
 * @example
 * ```ts
 * readRange(new URLSearchParams('startDate=2026-11-01T00:00:00Z&endDate=2026-12-01T00:00:00Z'));
 * ```
 */
export function readRange(params: URLSearchParams): DateRange | undefined {
  const start = params.get('startDate');
  const end = params.get('endDate');
  if (start === null && end === null) return undefined;
  const from = readDateTime(params, 'startDate');
  const to = readDateTime(params, 'endDate');
  if (Date.parse(from) > Date.parse(to))
    throw new ObservatoryInputError('endDate', 'a date-time not before startDate', to);
  return { from, to };
}

function readDateTime(params: URLSearchParams, name: string): string {
  const value = params.get(name);
  if (value === null || !WireDateTime.safeParse(value).success || Number.isNaN(Date.parse(value))) {
    throw new ObservatoryInputError(
      name,
      'an ISO 8601 date-time with offset, e.g. 2026-11-25T00:00:00Z',
      value ?? undefined,
    );
  }
  assertStorableInstant(value, name);
  return new Date(value).toISOString();
}

/**
 * Reads agent ids from `tenantsFilter` (comma-separated or repeated) and, where given, `tenants` / `tenants[]`.
 *
 * @example
 * ```ts
 * readAgents(new URLSearchParams('tenantsFilter=a,b')); // ['a', 'b']
 * ```
 */
export function readAgents(params: URLSearchParams): string[] | undefined {
  const values = ['tenantsFilter', 'tenants', 'tenants[]']
    .flatMap((name) => params.getAll(name))
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return values.length === 0 ? undefined : [...new Set(values)];
}

/**
 * Reads `page`/`pageSize` with the platform's defaults (0 and 20).
 *
 * @example
 * ```ts
 * readPage(new URLSearchParams('page=2')); // { page: 2, pageSize: 20 }
 * ```
 */
export function readPage(params: URLSearchParams): { page: number; pageSize: number } {
  const read = (name: string) => {
    const value = params.get(name);
    if (value === null || value === '') return undefined;
    if (!/^\d{1,9}$/.test(value)) throw new ObservatoryInputError(name, 'a non-negative integer', value);
    return Number(value);
  };
  return normalizePageRequest({ page: read('page'), pageSize: read('pageSize') });
}

/**
 * Reads the CSV `separator`: `;` (the platform's default) or `,`.
 *
 * @example
 * ```ts
 * readSeparator(new URLSearchParams('separator=,')); // ','
 * ```
 */
export function readSeparator(params: URLSearchParams): ';' | ',' {
  const value = params.get('separator');
  if (value === null || value === '' || value === ';') return ';';
  if (value === ',') return ',';
  throw new ObservatoryInputError('separator', '";" or ","', value);
}

/** Whether a CSV export starts with a UTF-8 byte-order mark when the request does not say. */
const CSV_BOM_DEFAULT = true;

/**
 * Reads the CSV exports' `bom` parameter (a local-server extension): `true` (the default, so that Excel opens
 * Greek or Arabic text as UTF-8) or `false`.
 *
 * @example
 * ```ts
 * readBom(new URLSearchParams('bom=false')); // false
 * ```
 */
export function readBom(params: URLSearchParams): boolean {
  return readBoolean(params, 'bom', CSV_BOM_DEFAULT);
}

/**
 * Reads `fileType` among `allowed` (case-insensitive: the platform spells it "txt" and "CSV").
 *
 * @example
 * ```ts
 * readFileType(new URLSearchParams('fileType=CSV'), ['txt', 'csv', 'xlsx'], 'txt'); // 'csv'
 * ```
 */
export function readFileType<T extends string>(
  params: URLSearchParams,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = params.get('fileType');
  if (value === null || value === '') return fallback;
  const lower = value.toLowerCase();
  const found = allowed.find((type) => type === lower);
  if (found === undefined) throw new ObservatoryInputError('fileType', allowed.join(', '), value);
  return found;
}

/**
 * Reads an IANA `timeZone` (optional unless `required`), checked against the runtime's zone database.
 *
 * @example
 * ```ts
 * readTimeZone(new URLSearchParams('timeZone=Europe/Athens'), false); // 'Europe/Athens'
 * ```
 */
export function readTimeZone(params: URLSearchParams, required: boolean): string | undefined {
  const value = params.get('timeZone');
  if (value === null || value === '') {
    if (required) throw new ObservatoryInputError('timeZone', 'an IANA time zone such as "Europe/Athens"');
    return undefined;
  }
  assertTimeZone(value, 'timeZone');
  return value;
}
