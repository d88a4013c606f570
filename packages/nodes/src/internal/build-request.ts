import { UnsafeTemplateValueError } from '../errors/errors.js';
import type { HttpRequestNodeConfig, JsonValue } from '../http/http-request-node.js';
import type { OnMissingVariable } from '../template/render-template.js';
import { renderTemplate } from '../template/render-template.js';
import { renderJsonTemplate } from './json-template.js';
import { parseTemplate } from './template-parts.js';

/** A request ready for fetch, plus what the step log needs. */
export interface BuiltRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  /** The body as it should be logged (parsed JSON when JSON), before redaction. */
  readonly loggedBody: unknown;
}

/**
 * Renders a request config against variables, each part escaped for where it lands: URL values
 * percent-encoded (and checked not to move the path), query values added as parameters, header values refused
 * if they hold line breaks, JSON bodies JSON-escaped.
 */
export function buildRequest(
  config: HttpRequestNodeConfig,
  scope: Record<string, unknown>,
  onMissing: OnMissingVariable,
): BuiltRequest {
  const method = (config.method ?? 'GET').toUpperCase();
  const url = renderUrl(config.url, scope, onMissing);
  for (const [name, template] of Object.entries(config.query ?? {})) {
    url.searchParams.append(name, renderTemplate(template, scope, { onMissing }));
  }
  const headers = new Headers();
  for (const [name, template] of Object.entries(config.headers ?? {})) {
    const value = renderTemplate(template, scope, { onMissing });
    if (/[\r\n\0]/.test(value)) {
      throw new UnsafeTemplateValueError(`headers.${name}`, 'a header value without CR, LF or NUL');
    }
    headers.set(name, value);
  }
  if (config.body === undefined) return { url, method, headers, body: undefined, loggedBody: undefined };
  const bodyType = config.bodyType ?? 'json';
  if (bodyType === 'text') {
    if (typeof config.body !== 'string')
      throw new UnsafeTemplateValueError('body', 'a string for bodyType "text"');
    setDefault(headers, 'content-type', 'text/plain;charset=utf-8');
    const body = renderTemplate(config.body, scope, { onMissing });
    return { url, method, headers, body, loggedBody: body };
  }
  if (bodyType === 'form') {
    if (typeof config.body !== 'object' || config.body === null || Array.isArray(config.body)) {
      throw new UnsafeTemplateValueError('body', 'an object of field templates for bodyType "form"');
    }
    const form = new URLSearchParams();
    for (const [name, template] of Object.entries(config.body)) {
      form.append(name, renderTemplate(String(template ?? ''), scope, { onMissing }));
    }
    setDefault(headers, 'content-type', 'application/x-www-form-urlencoded;charset=utf-8');
    return { url, method, headers, body: form.toString(), loggedBody: Object.fromEntries(form) };
  }
  setDefault(headers, 'content-type', 'application/json');
  const json =
    typeof config.body === 'string'
      ? renderJsonTemplate(config.body, scope, onMissing, 'body')
      : JSON.stringify(renderJsonLeaves(config.body, scope, onMissing));
  return { url, method, headers, body: json, loggedBody: JSON.parse(json) };
}

function renderUrl(template: string, scope: Record<string, unknown>, onMissing: OnMissingVariable): URL {
  const rendered = renderTemplate(template, scope, { onMissing, escape: encodeUrlValue });
  // The same template with a harmless stand-in for every value gives the structure the author wrote.
  const expected = parseUrl(
    parseTemplate(template)
      .map((part) => (part.kind === 'text' ? part.text : 'x'))
      .join(''),
  );
  const url = parseUrl(rendered);
  if (!url || !expected || !/^https?:$/.test(url.protocol)) {
    throw new UnsafeTemplateValueError(
      'url',
      'an absolute http(s) URL (a whole URL cannot come from a variable)',
    );
  }
  // Values are percent-encoded, so they cannot add '/', '?', '#', '@' or ':'. A value of '.' or '..' could still
  // remove a path segment once the URL is normalised; comparing segment counts catches that.
  if (url.protocol !== expected.protocol || segments(url) !== segments(expected)) {
    throw new UnsafeTemplateValueError('url', 'variable values that do not change the URL path');
  }
  return url;
}

function encodeUrlValue(value: string): string {
  // URL parsers resolve '.' and '..' segments (even percent-encoded), so such a value would move the path.
  if (value === '.' || value === '..') {
    throw new UnsafeTemplateValueError('url', 'variable values other than "." or ".." in a URL');
  }
  return encodeURIComponent(value);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function segments(url: URL): number {
  return url.pathname.split('/').length;
}

function renderJsonLeaves(
  value: JsonValue,
  scope: Record<string, unknown>,
  onMissing: OnMissingVariable,
): JsonValue {
  if (typeof value === 'string') return renderTemplate(value, scope, { onMissing });
  if (Array.isArray(value)) return value.map((item) => renderJsonLeaves(item, scope, onMissing));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = renderJsonLeaves(item, scope, onMissing);
    return out;
  }
  return value;
}

function setDefault(headers: Headers, name: string, value: string): void {
  if (!headers.has(name)) headers.set(name, value);
}
