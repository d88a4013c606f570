import { TemplateVariableMissingError } from '../errors/errors.js';
import type { OnMissingVariable, TemplateVariables } from '../template/render-template.js';

/** A template split into literal text and `{{path}}` placeholders (with their offsets in the source). */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'variable'; readonly path: string; readonly start: number; readonly end: number };

// A name, then `.name`, `.0` or `[0]` segments. Anything else between braces is not a placeholder.
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$-]*(?:\.[\w$-]+|\[\d+\])*)\s*\}\}/g;

/** Splits a template into text and placeholders. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'variable', path: match[1] ?? '', start, end: start + match[0].length });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Whether a template contains at least one placeholder. */
export function hasPlaceholders(text: string): boolean {
  return parseTemplate(text).some((part) => part.kind === 'variable');
}

/** Splits `contact.name`, `items[0].id` into segments. */
export function pathSegments(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((segment) => segment !== '');
}

/**
 * Reads a dotted path, own properties only: prototype members (`constructor`, `__proto__`, `toString`) are never
 * reachable from a template.
 */
export function lookupVariable(
  variables: TemplateVariables,
  path: string,
): { present: true; value: unknown } | { present: false } {
  const [head, ...rest] = pathSegments(path);
  if (head === undefined) return { present: false };
  let value: unknown;
  if (typeof variables === 'function') value = variables(head);
  else if (Object.hasOwn(variables, head)) value = variables[head];
  else return { present: false };
  for (const segment of rest) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment))
      return { present: false };
    value = (value as Record<string, unknown>)[segment];
  }
  return value === undefined ? { present: false } : { present: true, value };
}

/** Renders parsed parts, handing each found variable's text to `place` (which may escape it by context). */
export function renderParts(
  parts: readonly TemplatePart[],
  variables: TemplateVariables,
  onMissing: OnMissingVariable,
  place: (value: string, raw: unknown, part: TemplatePart & { kind: 'variable' }) => string,
): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const found = lookupVariable(variables, part.path);
    if (!found.present) {
      if (onMissing === 'error') throw new TemplateVariableMissingError(part.path);
      out += place('', undefined, part);
      continue;
    }
    out += place(valueToText(found.value), found.value, part);
  }
  return out;
}

/** How a variable's value reads as text. */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return JSON.stringify(value) ?? '';
}
