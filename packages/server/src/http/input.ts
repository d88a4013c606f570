import { ObservatoryInputError, WireDateTime } from '@observatory/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { OPERATIONS } from './openapi-operations.js';

// What PostgreSQL (and so every engine of the store) can hold, checked before anything reaches it: text without
// U+0000 or unpaired surrogates, keys short enough for a btree index entry, instants in four-digit years.

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STORABLE_TEXT = 'text without NUL characters or unpaired surrogates';
const unstorable = (text: string) => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

/**
 * Longest id (session, agent, message, interaction, question) and tag accepted, in characters: they are index
 * keys, and an agent id this long beside a 500-character question keeps the (organization, agent, question)
 * entry under PostgreSQL's btree limit (2704 bytes) even at four UTF-8 bytes a character.
 */
const MAX_KEY_LENGTH = 128;

/**
 * An id or tag as stored: non-empty and at most {@link MAX_KEY_LENGTH} characters.
 *
 * @example
 * ```ts
 * const Body = z.object({ sessionId: Key });
 * ```
 */
export const Key = z.string().min(1).max(MAX_KEY_LENGTH);

// PGlite reads years below 100 back wrongly and PostgreSQL refuses year 0 and five-digit years; no conversation
// predates year 1000, which makes a round floor.
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);
const STORABLE_INSTANT = 'a date-time from year 1000 to 9999 (UTC)';

/**
 * Whether an ISO date-time falls in the years the store keeps exactly (1000 to 9999, UTC).
 *
 * @example
 * ```ts
 * isStorableInstant('2026-11-25T10:00:00Z'); // true
 * isStorableInstant('0000-01-01T00:00:00Z'); // false
 * ```
 */
function isStorableInstant(value: string): boolean {
  const at = Date.parse(value);
  return at >= EARLIEST && at < LATEST;
}

/**
 * A wire date-time the store can keep: {@link isStorableInstant}.
 *
 * @example
 * ```ts
 * const Body = z.object({ occurredAt: StorableDateTime.optional() });
 * ```
 */
export const StorableDateTime = WireDateTime.refine(isStorableInstant, {
  message: `Expected ${STORABLE_INSTANT}`,
});

/**
 * Refuses an instant outside {@link isStorableInstant}, naming the wire field.
 *
 * @example
 * ```ts
 * assertStorableInstant(range.from, 'startDate');
 * ```
 */
export function assertStorableInstant(value: string, field: string): void {
  if (!isStorableInstant(value)) throw new ObservatoryInputError(field, STORABLE_INSTANT, value);
}

/**
 * Middleware answering `onTooLarge` (a 413) for a request body over `maxBytes`, before it is read. A body whose
 * length is announced is judged on its `Content-Length` alone, without touching the body, so that the Node
 * adapter reads it later straight from the socket's message (`readJson`) instead of through a web
 * `ReadableStream` (hono's `bodyLimit` asks for `request.body`, which makes the adapter build one for every
 * request). A chunked body, whose length nobody announced, goes through `bodyLimit`, which counts it as it reads.
 *
 * @example
 * ```ts
 * app.use('*', bodySizeLimit(1024 * 1024, () => problemResponse(problem(413, 'The request body is too large'))));
 * ```
 */
export function bodySizeLimit(maxBytes: number, onTooLarge: (c: Context) => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    // No body: the adapter gives GET and HEAD requests none, whatever their headers say.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    return Number.parseInt(length, 10) > maxBytes ? onTooLarge(c) : next();
  };
}

/** Deepest nesting of arrays and objects accepted in a body: deeper documents overflow recursive readers. */
const MAX_JSON_DEPTH = 100;

// JSON text is UTF-8 (RFC 8259 §8.1): a decoder that throws on a malformed sequence instead of substituting U+FFFD,
// so damaged text is refused rather than stored damaged.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the JSON body and refuses a body that is not UTF-8, any string in it (key or value) that cannot be stored
 * as text, and nesting deeper than {@link MAX_JSON_DEPTH}, naming the path (`messages.2.message`) as zod does for
 * the shape.
 *
 * @example
 * ```ts
 * const tags = TagList.parse(await readJson(c));
 * ```
 */
export async function readJson(c: Context): Promise<unknown> {
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ObservatoryInputError('body', 'JSON text in UTF-8 (the body holds invalid UTF-8)');
  }
  const body: unknown = JSON.parse(text);
  assertStorableJson(body, []);
  return body;
}

// One path for the whole walk, a key pushed on the way down and popped on the way up, joined only for an error.
function assertStorableJson(value: unknown, path: (string | number)[]): void {
  if (typeof value === 'string') {
    if (unstorable(value)) throw new ObservatoryInputError(path.join('.') || 'body', STORABLE_TEXT);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= MAX_JSON_DEPTH) {
    throw new ObservatoryInputError(
      path.join('.'),
      `at most ${MAX_JSON_DEPTH} levels of nested arrays and objects`,
    );
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      assertStorableJson(value[i], path);
      path.pop();
    }
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    path.push(key);
    if (unstorable(key)) throw new ObservatoryInputError(path.join('.'), STORABLE_TEXT);
    assertStorableJson(item, path);
    path.pop();
  }
}

/**
 * Middleware refusing a query parameter whose percent-encoding is not UTF-8 (named; it would be read with U+FFFD
 * in place of the damaged text), and a NUL character in a query parameter (named) or in a path segment (named
 * after the route parameter it fills, from the operations table): no stored text holds one, and the database
 * rejects it.
 *
 * @example
 * ```ts
 * app.use('*', storableUrl());
 * ```
 */
export function storableUrl(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    assertUtf8Query(url.search);
    for (const [name, value] of url.searchParams) {
      if (unstorable(name) || unstorable(value)) throw new ObservatoryInputError(name, STORABLE_TEXT);
    }
    const segments = url.pathname.split('/');
    const index = segments.findIndex((segment) => unstorable(decodeSegment(segment)));
    if (index >= 0) throw new ObservatoryInputError(pathParameterAt(segments, index), STORABLE_TEXT);
    await next();
  };
}

/** Refuses a `name=value` pair of the raw query string that does not decode as UTF-8, naming the parameter. */
function assertUtf8Query(search: string): void {
  for (const pair of search.slice(1).split('&')) {
    const equals = pair.indexOf('=');
    const [name, value] = equals < 0 ? [pair, ''] : [pair.slice(0, equals), pair.slice(equals + 1)];
    const decodedName = decodeStrict(name);
    if (decodedName === undefined || decodeStrict(value) === undefined) {
      throw new ObservatoryInputError(decodedName ?? 'query', 'percent-encoded UTF-8');
    }
  }
}

function decodeStrict(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The `{name}` an operation's path has at `index`, for a path with these segments; `path` when none matches. */
function pathParameterAt(segments: readonly string[], index: number): string {
  for (const { path } of OPERATIONS) {
    const template = path.split('/');
    if (template.length !== segments.length) continue;
    const fits = template.every((part, i) => part.startsWith('{') || i === index || part === segments[i]);
    const name = /^\{(\w+)\}$/.exec(template[index] ?? '')?.[1];
    if (fits && name !== undefined) return name;
  }
  return 'path';
}
