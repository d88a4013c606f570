import { parseTemplate, renderParts } from '../internal/template-parts.js';

/**
 * Where template variables come from: a plain record (`{ contact: { name: 'Ada' } }`) or a lookup by top-level
 * name (e.g. a runtime's variable store).
 */
export type TemplateVariables = Readonly<Record<string, unknown>> | ((name: string) => unknown);

/** What to do with a `{{name}}` that has no value. */
export type OnMissingVariable = 'empty' | 'error';

/** Options of {@link renderTemplate}. */
export interface RenderTemplateOptions {
  /**
   * `'empty'` renders a missing variable as an empty string; `'error'` throws a
   * {@link TemplateVariableMissingError} naming it.
   * @default 'empty'
   */
  readonly onMissing?: OnMissingVariable;
  /**
   * Escapes each substituted value for the context it lands in (e.g. `encodeURIComponent` in a URL). Literal
   * template text is never escaped.
   * @default no escaping
   */
  readonly escape?: (value: string) => string;
}

/**
 * Renders `{{name}}` and `{{contact.name}}` / `{{items[0]}}` placeholders from variables, in one pass: a value
 * that itself contains `{{…}}` is inserted as text, never rendered again, and nothing in a template is ever
 * executed. Only own properties are read, so `{{constructor}}` or `{{__proto__}}` are simply missing. Strings are
 * inserted as-is, numbers and booleans as text, dates as ISO 8601, objects as JSON, `null` as empty.
 * Text between braces that is not a variable name is left as written.
 *
 * @example
 * ```ts
 * import { renderTemplate } from '@observatory/nodes';
 * renderTemplate('Hello {{contact.name}}, you have {{count}} tickets', { contact: { name: 'Ada' }, count: 2 });
 * // 'Hello Ada, you have 2 tickets'
 * renderTemplate('Hello {{nickname}}', {}, { onMissing: 'error' }); // throws TemplateVariableMissingError
 * ```
 */
export function renderTemplate(
  text: string,
  variables: TemplateVariables,
  options: RenderTemplateOptions = {},
): string {
  const escapeValue = options.escape ?? identity;
  return renderParts(parseTemplate(text), variables, options.onMissing ?? 'empty', (value) =>
    escapeValue(value),
  );
}

function identity(value: string): string {
  return value;
}
