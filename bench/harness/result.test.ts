import { describe, expect, it } from 'vitest';
import { notMeasured, toResult } from './result.js';

describe('toResult', () => {
  it('computes ours / baseline and checks a ratio target', () => {
    const row = toResult(
      { name: 'x', unit: 'ops/s', value: 4, baseline: 10, target: { op: '>=', limit: 0.5 } },
      'full',
    );
    expect(row.ratio).toBeCloseTo(0.4);
    expect(row.pass).toBe(false);
    expect(row.target).toBe('>= 0.5');
  });

  it('checks an absolute target against the value even when a baseline is shown', () => {
    const row = toResult(
      {
        name: 'rss',
        unit: 'MB',
        value: 240,
        baseline: 400,
        target: { op: '<=', limit: 250 },
        targetOn: 'value',
      },
      'full',
    );
    expect(row.ratio).toBeCloseTo(0.6);
    expect(row.pass).toBe(true);
  });

  it('has no verdict without a target', () => {
    expect(toResult({ name: 'info', unit: 'ms', value: 1, baseline: 2 }, 'full').pass).toBeNull();
  });

  it('reports a figure that was not measured with its reason and no number', () => {
    const row = notMeasured('csv', 'rows/s', { op: '>=', limit: 0.8 }, 'quick (1/10)', 'not implemented yet');
    expect(row).toMatchObject({ value: null, baseline: null, ratio: null, pass: null, target: '>= 0.8' });
    expect(row.note).toBe('not measured: not implemented yet');
  });
});
