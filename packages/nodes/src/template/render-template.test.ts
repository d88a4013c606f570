import { describe, expect, it } from 'vitest';
import { TemplateVariableMissingError } from '../errors/errors.js';
import { renderTemplate } from './render-template.js';

describe('renderTemplate', () => {
  it('renders top-level, dotted and indexed variables', () => {
    const variables = { name: 'Ada', contact: { name: 'Grace', phones: ['+30 210'] }, count: 3, vip: true };
    expect(
      renderTemplate('{{ name }}/{{contact.name}}/{{contact.phones[0]}}/{{count}}/{{vip}}', variables),
    ).toBe('Ada/Grace/+30 210/3/true');
  });

  it('renders missing variables empty by default and throws a typed error when asked', () => {
    expect(renderTemplate('Hi {{nickname}}!', {})).toBe('Hi !');
    expect(() => renderTemplate('Hi {{contact.nickname}}!', { contact: {} }, { onMissing: 'error' })).toThrow(
      TemplateVariableMissingError,
    );
    try {
      renderTemplate('{{contact.nickname}}', {}, { onMissing: 'error' });
    } catch (error) {
      expect((error as TemplateVariableMissingError).field).toBe('contact.nickname');
    }
  });

  it('never renders a value twice: a value holding {{…}} stays literal', () => {
    expect(renderTemplate('{{a}}', { a: '{{secret}}', secret: 'leaked' })).toBe('{{secret}}');
  });

  it('reads own properties only and executes nothing', () => {
    const out = renderTemplate(
      '[{{constructor}}][{{name.constructor}}][{{__proto__}}][{{ process.exit(1) }}]',
      {
        name: 'x',
      },
    );
    expect(out).toBe('[][][][{{ process.exit(1) }}]');
  });

  it('renders objects as JSON, null as empty, dates as ISO, and escapes values only', () => {
    const at = new Date('2026-11-25T10:00:00.000Z');
    expect(renderTemplate('{{o}}|{{n}}|{{d}}', { o: { a: 1 }, n: null, d: at })).toBe(
      '{"a":1}||2026-11-25T10:00:00.000Z',
    );
    expect(renderTemplate('a b/{{v}}', { v: 'c d/e' }, { escape: encodeURIComponent })).toBe('a b/c%20d%2Fe');
  });

  it('takes a lookup function as the variable source', () => {
    expect(renderTemplate('{{user.id}}', (name) => (name === 'user' ? { id: 7 } : undefined))).toBe('7');
  });
});
