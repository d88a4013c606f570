import { parseTemplate, renderParts } from '../internal/template-parts.js';

/**
 * Where template variables come from: a plain record (`{ contact: { name: 'Ada' } }`) or a lookup by top-level
 * name (e.g. a runtime's variable store).
 *
 * @example
 * ```ts
 * import { renderTemplate, type TemplateVariables } from '@observatory/nodes';
 * const fromRecord: TemplateVariables = { contact: { name: 'Ada' } };
 * const fromStore: TemplateVariables = (name) => ctx.variables.get(name);
 * renderTemplate('Hi {{contact.name}}', fromRecord); // 'Hi Ada'
 * ```
 */
export type TemplateVariables = Readonly<Record<string, unknown>> | ((name: string) => unknown);

/**
 * What to do with a `{{name}}` that has no value.
 *
 * @example
 * ```ts
 * import { type OnMissingVariable, renderTemplate } from '@observatory/nodes';
 * const onMissing: OnMissingVariable = 'error';
 * renderTemplate('Order {{orderId}}', {}, { onMissing }); // throws TemplateVariableMissingError
 * ```
 */
export type OnMissingVariable = 'empty' | 'error';

/**
 * Options of {@link renderTemplate}.
 *
 * @example
 * ```ts
 * import { type RenderTemplateOptions, renderTemplate } from '@observatory/nodes';
 * const options: RenderTemplateOptions = { escape: encodeURIComponent, onMissing: 'error' };
 * renderTemplate('https://shop.example.com/search?q={{query}}', { query: 'red shoes' }, options);
 * // 'https://shop.example.com/search?q=red%20shoes'
 * ```
 */
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
