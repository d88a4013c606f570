import { describe, expect, it } from 'vitest';
import { median, percentile } from './stats.js';

describe('percentile', () => {
  it('interpolates between the closest ranks, whatever the input order', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4, 5], 100)).toBe(5);
    expect(percentile([0, 100], 99)).toBeCloseTo(99);
  });

  it('takes the middle value for an odd count and does not reorder the caller array', () => {
    const sample = [9, 1, 5];
    expect(median(sample)).toBe(5);
    expect(sample).toEqual([9, 1, 5]);
  });

  it('rejects an empty sample instead of returning NaN', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
