import { describe, expect, it } from 'vitest';
import { textTable } from './format.js';
import { mergeResults, renderPerformanceDoc } from './report.js';
import { type BenchResult, notMeasured, toResult } from './result.js';

const row = (name: string, value: number): BenchResult =>
  toResult({ name, unit: 'ops/s', value, baseline: 10, target: { op: '>=', limit: 0.5 } }, 'full');

describe('mergeResults', () => {
  it('replaces re-run rows, keeps the others, and orders them as the figures are', () => {
    const merged = mergeResults([row('a', 1), row('b', 2), row('c', 3)], [row('b', 9)], ['a', 'b', 'c']);
    expect(merged.map((r) => [r.name, r.value])).toEqual([
      ['a', 1],
      ['b', 9],
      ['c', 3],
    ]);
  });
});

describe('renderPerformanceDoc', () => {
  it('names the machine, shows every row with its verdict, and includes the findings', () => {
    const results = [
      row('fast | path', 8),
      notMeasured('cli', 'MB', { op: '<=', limit: 150 }, 'full', 'no CLI yet'),
    ];
    const doc = renderPerformanceDoc({
      machine: {
        cpu: 'Test CPU',
        cores: 2,
        totalMemoryGb: 8,
        node: 'v20.0.0',
        platform: 'Linux',
        date: '2026-11-25',
      },
      command: 'npm run bench',
      results,
      findings: '## Findings\n\nsomething measured',
    });
    expect(doc).toContain('Test CPU (2 cores)');
    expect(doc).toContain('| fast \\| path | 8 ops/s | 10 | 0.8× | >= 0.5 | pass | full |');
    expect(doc).toContain('| cli | — | — | — | <= 150 | not measured | full |');
    expect(doc).toContain('not measured: no CLI yet');
    expect(doc).toContain('something measured');
  });
});

describe('textTable', () => {
  it('marks a missed target as FAIL', () => {
    expect(textTable([row('slow', 2)])).toMatch(/slow\s+2 ops\/s\s+10\s+0\.2×\s+>= 0\.5\s+FAIL/);
  });
});
