import { describe, expect, it } from 'vitest';
import { cpuBudget, describeCpuBudget, parseProcStat, processTreeCpuSeconds } from './cpu-budget.js';

describe('cpuBudget', () => {
  it('gives each process its CPU per operation and share of a core, their sum and the ceiling on the cores', () => {
    // 2,000 operations in 4 s: 3 s of serve CPU is 1.5 ms an operation and 75 % of a core.
    const budget = cpuBudget(
      [
        { name: 'serve', seconds: 3 },
        { name: 'bench', seconds: 2 },
        { name: 'engine', seconds: 1 },
      ],
      2_000,
      4_000,
      2,
    );
    expect(budget.parts).toEqual([
      { name: 'serve', msPerOperation: 1.5, coreShare: 0.75 },
      { name: 'bench', msPerOperation: 1, coreShare: 0.5 },
      { name: 'engine', msPerOperation: 0.5, coreShare: 0.25 },
    ]);
    expect(budget.msPerOperation).toBe(3);
    // 2 cores × 1,000 ms / 3 ms an operation.
    expect(budget.ceilingPerSecond).toBeCloseTo(666.67, 2);
  });

  it('says the budget beside the target', () => {
    const budget = cpuBudget(
      [
        { name: 'serve process', seconds: 1 },
        { name: 'PostgreSQL', seconds: 0.25 },
      ],
      500,
      2_000,
      2,
    );
    expect(describeCpuBudget(budget, 'session', 1_000)).toBe(
      "CPU per session while timed: serve process 2.00 ms (50 % of a core) + PostgreSQL 0.50 ms (13 % of a core) = 2.50 ms; at that cost 2 cores allow at most 800 sessions/s (the issue's target: 1,000/s)",
    );
    expect(describeCpuBudget(budget, 'session')).toMatch(/allow at most 800 sessions\/s$/);
  });
});

describe('parseProcStat', () => {
  it('counts the fields from the last parenthesis, whatever the command name holds', () => {
    // Fields 14–17 (utime, stime, cutime, cstime) are 250, 50, 7, 3 ticks of 10 ms.
    const line = '4242 (a) (b c) R 17 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 1 0 500 1000 200';
    expect(parseProcStat(line)).toEqual({ pid: 4242, ppid: 17, ownSeconds: 3, reapedChildrenSeconds: 0.1 });
  });

  it('refuses a line that is not a stat line', () => {
    expect(() => parseProcStat('not a stat line')).toThrow(/not a \/proc/);
  });
});

describe('processTreeCpuSeconds', () => {
  it('is 0 for a process that does not exist', () => {
    // Above the kernel's largest pid (2^22).
    expect(processTreeCpuSeconds(2 ** 22 + 1)).toBe(0);
  });

  it('reads this process at least as what it has measured of itself', () => {
    const own = process.cpuUsage();
    const seconds = processTreeCpuSeconds(process.pid);
    // /proc truncates to whole ticks of 10 ms; vitest's own worker threads are in the same process.
    expect(seconds).toBeGreaterThanOrEqual((own.user + own.system) / 1e6 - 0.02);
  });
});
