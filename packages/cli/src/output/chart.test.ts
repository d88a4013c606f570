import { expect, it } from 'vitest';
import { trendChart } from './chart.js';

it('draws one bar per day, missed (█) and answered (░) to the scale of the busiest day', () => {
  const lines = trendChart(
    [
      { label: '2026-11-23', questions: 100, missed: 25 },
      { label: '2026-11-24', questions: 50, missed: 50 },
      { label: '2026-11-25', questions: 0, missed: 0 },
    ],
    { width: 20 },
  ).split('\n');
  expect(lines).toHaveLength(3);
  const bar = (line: string) => line.slice('2026-11-23 '.length, '2026-11-23 '.length + 20);
  expect(bar(lines[0] ?? '')).toBe(`${'█'.repeat(5)}${'░'.repeat(15)}`);
  expect(bar(lines[1] ?? '')).toBe(`${'█'.repeat(10)}${' '.repeat(10)}`);
  expect(bar(lines[2] ?? '')).toBe(' '.repeat(20));
  expect(lines[0]).toMatch(/ 25 missed \/ 100 questions \(25\.0%\)$/);
  expect(lines[1]).toMatch(/ 50 missed \/ {2}50 questions \(100\.0%\)$/);
  expect(lines[2]).toMatch(/ {2}0 missed \/ {3}0 questions \(0\.0%\)$/);
});
