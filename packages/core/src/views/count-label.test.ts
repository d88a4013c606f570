import { describe, expect, it } from 'vitest';
import { countLabel } from './count-label.js';

describe('countLabel', () => {
  it('says one in the singular and any other count in the plural', () => {
    expect(countLabel(1, 'session')).toBe('1 session');
    expect(countLabel(0, 'session')).toBe('0 sessions');
    expect(countLabel(135, 'session')).toBe('135 sessions');
    expect(countLabel(2, 'reply', 'replies')).toBe('2 replies');
  });
});
