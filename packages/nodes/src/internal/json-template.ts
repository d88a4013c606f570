import { UnsafeTemplateValueError } from '../errors/errors.js';
import type { OnMissingVariable, TemplateVariables } from '../template/render-template.js';
import { parseTemplate, renderParts } from './template-parts.js';

/**
 * Renders a JSON text template so that no variable value can change the document's structure: a placeholder
 * inside a string literal (`"{{name}}"`) gets the value JSON-escaped as string content; a placeholder in value
 * position (`{"n": {{count}}}`) gets the value as one JSON value (`"text"`, `3`, `null`, an object). The result
 * is parsed to prove it is JSON.
 */
export function renderJsonTemplate(
  template: string,
  variables: TemplateVariables,
  onMissing: OnMissingVariable,
  field: string,
): string {
  const parts = parseTemplate(template);
  // Whether each placeholder sits inside a string literal depends only on the literal text before it.
  const inString = new Map<number, boolean>();
  let insideString = false;
  let escaped = false;
  for (const part of parts) {
    if (part.kind === 'variable') {
      inString.set(part.start, insideString);
      continue;
    }
    for (const char of part.text) {
      if (escaped) escaped = false;
      else if (insideString && char === '\\') escaped = true;
      else if (char === '"') insideString = !insideString;
    }
  }
  const rendered = renderParts(parts, variables, onMissing, (text, raw, part) =>
    inString.get(part.start) ? JSON.stringify(text).slice(1, -1) : jsonValue(raw),
  );
  try {
    JSON.parse(rendered);
  } catch (error) {
    throw new UnsafeTemplateValueError(field, 'a template that renders to valid JSON', { cause: error });
  }
  return rendered;
}

function jsonValue(raw: unknown): string {
  if (raw === undefined || raw === null) return 'null';
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : 'null';
  if (typeof raw === 'bigint') return JSON.stringify(String(raw));
  if (raw instanceof Date) return JSON.stringify(Number.isNaN(raw.getTime()) ? null : raw.toISOString());
  return JSON.stringify(raw) ?? 'null';
}
