import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

// Where a write figure's CPU goes: every process taking part (the serve process(es), the bench's own process of
// reporters or recorders, PgBouncer, PostgreSQL's postmaster and all its backends and workers) is read before and
// after the timed run, and their sum per operation says how many operations this machine's cores could do at most.

/** Clock ticks a second of `/proc/<pid>/stat`'s times (USER_HZ, 100 on every Linux architecture Node runs on). */
const TICKS_PER_SECOND = 100;

/** The fields of one `/proc/<pid>/stat` line a CPU account needs. */
export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime of the process itself, in seconds. */
  readonly ownSeconds: number;
  /** cutime + cstime: what its exited children (waited for) used, in seconds. */
  readonly reapedChildrenSeconds: number;
}

/**
 * Parses one `/proc/<pid>/stat` line (proc(5)): the command name in parentheses may hold spaces and parentheses,
 * so the fields are counted from the last `)`.
 *
 * @example
 * ```ts
 * parseProcStat('42 (node) S 1 42 42 0 -1 0 0 0 0 0 150 50 3 2 20 0 1 0 0 0 0');
 * // { pid: 42, ppid: 1, ownSeconds: 2, reapedChildrenSeconds: 0.05 }
 * ```
 */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const fields = line.slice(close + 2).split(' ');
  // fields[0] is field 3 of proc(5) (state): ppid is field 4, utime..cstime fields 14..17.
  const tick = (index: number) => {
    const value = Number(fields[index]);
    if (!Number.isFinite(value)) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
    return value;
  };
  return {
    pid: Number.parseInt(line, 10),
    ppid: tick(1),
    ownSeconds: (tick(11) + tick(12)) / TICKS_PER_SECOND,
    reapedChildrenSeconds: (tick(13) + tick(14)) / TICKS_PER_SECOND,
  };
}

/** Every process's stat line now, or those that could be read (a process may exit while the list is read). */
function allProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.push(parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // Gone meanwhile: its time is in its parent's cutime once waited for.
    }
  }
  return stats;
}

/**
 * CPU time (user + system, seconds) the process `pid` and all its descendants have used so far, those running and
 * those that exited and were waited for (each process's cutime + cstime holds them), read from `/proc`; 0 when
 * there is no such process or no `/proc`. Children are found by their parent's id: this kernel has no
 * `/proc/<pid>/task/<tid>/children`.
 *
 * @example
 * ```ts
 * const before = processTreeCpuSeconds(postmasterPid);
 * ```
 */
export function processTreeCpuSeconds(pid: number): number {
  let stats: ProcStat[];
  try {
    stats = allProcStats();
  } catch {
    return 0;
  }
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const siblings = children.get(stat.ppid);
    if (siblings === undefined) children.set(stat.ppid, [stat]);
    else siblings.push(stat);
  }
  const root = stats.find((stat) => stat.pid === pid);
  if (root === undefined) return 0;
  let seconds = 0;
  for (const queue = [root]; queue.length > 0; ) {
    const stat = queue.pop() as ProcStat;
    seconds += stat.ownSeconds + stat.reapedChildrenSeconds;
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return seconds;
}

/**
 * One process (or process tree) whose CPU a figure accounts for.
 *
 * @example
 * ```ts
 * const meter: CpuMeter = { name: 'PostgreSQL', seconds: () => processTreeCpuSeconds(pid) };
 * ```
 */
export interface CpuMeter {
  /** How the note names it, e.g. `serve process`. */
  readonly name: string;
  /** CPU seconds used so far (a running total; the budget takes differences). */
  seconds(): number;
}

/**
 * A meter of this process (`process.cpuUsage`): the bench's reporters or recorders.
 *
 * @example
 * ```ts
 * const meter = thisProcessMeter("reporters' process");
 * ```
 */
export function thisProcessMeter(name: string): CpuMeter {
  return {
    name,
    seconds: () => {
      const used = process.cpuUsage();
      return (used.user + used.system) / 1e6;
    },
  };
}

/**
 * A meter of the process `pid()` and its descendants (PostgreSQL's postmaster with its backends, PgBouncer). `pid`
 * is asked at each reading.
 *
 * @example
 * ```ts
 * const meter = processTreeMeter('PostgreSQL', () => postgres.processId());
 * ```
 */
export function processTreeMeter(name: string, pid: () => number | undefined): CpuMeter {
  return {
    name,
    seconds: () => {
      const id = pid();
      return id === undefined ? 0 : processTreeCpuSeconds(id);
    },
  };
}

/** One process's part of a {@link CpuBudget}. */
export interface CpuPart {
  readonly name: string;
  readonly msPerOperation: number;
  /** Of one core, while timed (0.5: half a core). */
  readonly coreShare: number;
}

/**
 * The CPU a timed run cost per operation in each process, their sum, and the throughput that sum allows at most
 * on `cores` cores (every core busy with nothing else).
 *
 * @example
 * ```ts
 * const budget = cpuBudget([{ name: 'serve', seconds: 2 }, { name: 'engine', seconds: 2 }], 1_000, 4_000, 2);
 * budget.msPerOperation; // 4
 * budget.ceilingPerSecond; // 500
 * ```
 */
export interface CpuBudget {
  readonly parts: readonly CpuPart[];
  readonly msPerOperation: number;
  readonly cores: number;
  /** `cores * 1000 / msPerOperation`: operations a second the machine's cores could do at this cost. */
  readonly ceilingPerSecond: number;
}

/**
 * The budget of a run of `operations` in `elapsedMs`, given each process's CPU seconds used while timed.
 *
 * @example
 * ```ts
 * cpuBudget([{ name: 'serve', seconds: 1.5 }], 1_000, 3_000, 2).parts[0]; // { name: 'serve', msPerOperation: 1.5, coreShare: 0.5 }
 * ```
 */
export function cpuBudget(
  used: readonly { readonly name: string; readonly seconds: number }[],
  operations: number,
  elapsedMs: number,
  cores: number,
): CpuBudget {
  const parts = used.map(({ name, seconds }) => ({
    name,
    msPerOperation: (seconds * 1000) / operations,
    coreShare: (seconds * 1000) / elapsedMs,
  }));
  const msPerOperation = parts.reduce((sum, part) => sum + part.msPerOperation, 0);
  return { parts, msPerOperation, cores, ceilingPerSecond: (cores * 1000) / msPerOperation };
}

/**
 * Reads every meter now; `stop` reads them again and gives the {@link CpuBudget} of what ran in between, on this
 * machine's cores (`os.availableParallelism()`).
 *
 * @example
 * ```ts
 * const cpu = startCpuBudget([serveMeter, thisProcessMeter('recorders'), postgresMeter]);
 * const start = performance.now();
 * await run();
 * const budget = cpu.stop(count, performance.now() - start);
 * ```
 */
export function startCpuBudget(meters: readonly CpuMeter[]): {
  stop(operations: number, elapsedMs: number): CpuBudget;
} {
  const before = meters.map((meter) => meter.seconds());
  return {
    stop: (operations, elapsedMs) =>
      cpuBudget(
        meters.map((meter, i) => ({ name: meter.name, seconds: meter.seconds() - (before[i] ?? 0) })),
        operations,
        elapsedMs,
        os.availableParallelism(),
      ),
  };
}

const ms = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(2));

/**
 * The budget as a figure's note says it: each process's CPU per operation and share of a core, the sum, and the
 * ceiling it implies, beside the target when it sets one.
 *
 * @example
 * ```ts
 * describeCpuBudget(budget, 'report', 3_000);
 * // 'CPU per report while timed: serve process 1.02 ms (34 % of a core) + … = 3.10 ms; at that cost 2 cores allow at most 645 reports/s (the target: 3,000/s)'
 * ```
 */
export function describeCpuBudget(budget: CpuBudget, operation: string, target?: number): string {
  const parts = budget.parts
    .map(
      (part) =>
        `${part.name} ${ms(part.msPerOperation)} ms (${Math.round(part.coreShare * 100)} % of a core)`,
    )
    .join(' + ');
  const ceiling = Math.round(budget.ceilingPerSecond).toLocaleString('en-US');
  const beside = target === undefined ? '' : ` (the issue's target: ${target.toLocaleString('en-US')}/s)`;
  return `CPU per ${operation} while timed: ${parts} = ${ms(budget.msPerOperation)} ms; at that cost ${budget.cores} cores allow at most ${ceiling} ${operation}s/s${beside}`;
}
