import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { processTreeMeter, startCpuBudget } from './cpu-budget.js';

// A process that, told `burn` on stdin, runs a child that burns 200 ms of CPU and exits (waited for: its time
// moves to the parent's cutime), then a child that burns 150 ms and stays, then burns 250 ms itself, and prints
// what each measured of itself (process.cpuUsage): the CPU the tree used, to within a few ticks.
const burn = `const burn = (ms) => { const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if (u.user + u.system >= ms * 1000) return; } };`;
const cpu = `const cpu = (u = process.cpuUsage()) => (u.user + u.system) / 1e6;`;
const grandchild = (ms: number, stay: boolean) =>
  `${burn} ${cpu} burn(${ms}); process.stdout.write(String(cpu()) + '\\n'); ${stay ? 'setInterval(() => {}, 1000);' : ''}`;
const parent = `
const { spawn } = require('node:child_process');
${burn} ${cpu}
const run = (code) => new Promise((resolve) => {
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk) => { out += chunk; if (out.includes('\\n')) resolve({ child, seconds: Number(out) }); });
});
process.stdin.once('data', async () => {
  const exited = await run(${JSON.stringify(grandchild(200, false))});
  await new Promise((resolve) => exited.child.once('exit', resolve));
  const staying = await run(${JSON.stringify(grandchild(150, true))});
  const start = process.cpuUsage();
  burn(250);
  process.stdout.write(JSON.stringify({ own: cpu(process.cpuUsage(start)), exited: exited.seconds, staying: staying.seconds }) + '\\n');
});
process.stdout.write('ready\\n');
`;

let started: ChildProcess | undefined;
afterEach(() => {
  if (started?.pid !== undefined) {
    try {
      process.kill(-started.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  started = undefined;
});

describe('processTreeMeter', () => {
  it("counts a process tree's CPU: the root, a running child and one that exited", async () => {
    const child = spawn(process.execPath, ['-e', parent], {
      detached: true,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    started = child;
    const lines: string[] = [];
    let buffer = '';
    const nextLine = () =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const line = lines.shift();
          if (line !== undefined) resolve(line);
          else setTimeout(check, 20);
        };
        child.once('exit', (code) => reject(new Error(`the burning process exited with ${code}`)));
        check();
      });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
    });
    expect(await nextLine()).toBe('ready');
    const pid = child.pid as number;
    const cpu = startCpuBudget([processTreeMeter('tree', () => pid)]);
    child.stdin?.write('burn\n');
    const measured = JSON.parse(await nextLine()) as { own: number; exited: number; staying: number };
    const budget = cpu.stop(1, 1_000);
    // The grandchildren did not exist before: all their time (Node's start-up too) is new.
    const expected = measured.own + measured.exited + measured.staying;
    expect(expected).toBeGreaterThan(0.6);
    // Each reading truncates each process's times to ticks of 10 ms; the processes do a little after measuring.
    expect(budget.parts[0]?.msPerOperation).toBeGreaterThan((expected - 0.04) * 1000);
    expect(budget.parts[0]?.msPerOperation).toBeLessThan((expected + 0.06) * 1000);
  });
});
