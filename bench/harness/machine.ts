import os from 'node:os';

/** The machine a run happened on, as printed in docs/performance.md. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly totalMemoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
}

/**
 * Describes this machine and the time of the run.
 *
 * @example
 * ```ts
 * const machine = describeMachine(new Date());
 * machine.cores; // e.g. 2
 * ```
 */
export function describeMachine(now: Date): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
  };
}
