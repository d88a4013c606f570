import { expect, it } from 'vitest';
import { type BatchOutcome, GroupCommit } from './group-commit.js';

/** A group commit doubling numbers, noting each batch; `fail` makes a batch throw, a negative item fail alone. */
function doubler(
  options: { maxBatch: number; maxInFlight: number },
  fail?: (items: readonly number[]) => boolean,
) {
  const batches: number[][] = [];
  const commits = new GroupCommit<number, number>(async (items) => {
    batches.push([...items]);
    await new Promise((resolve) => setImmediate(resolve));
    if (fail?.(items)) throw new Error('batch failed');
    return items.map(
      (n): BatchOutcome<number> =>
        n < 0 ? { ok: false, error: new Error(`bad ${n}`) } : { ok: true, value: n * 2 },
    );
  }, options);
  return { commits, batches };
}

it('runs the calls of one turn together, bounded by maxBatch, and a lone later call by itself', async () => {
  const { commits, batches } = doubler({ maxBatch: 3, maxInFlight: 1 });
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => commits.submit(n)));
  expect(results).toEqual([2, 4, 6, 8, 10, 12]);
  expect(batches).toEqual([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  expect(await commits.submit(7)).toBe(14);
  expect(batches.at(-1)).toEqual([7]);
});

it('queues the calls made while a batch runs into the next batch', async () => {
  const { commits, batches } = doubler({ maxBatch: 10, maxInFlight: 1 });
  const first = commits.submit(1);
  await new Promise((resolve) => setImmediate(resolve)); // the batch of 1 is running now
  const later = [2, 3, 4].map((n) => commits.submit(n));
  expect(await Promise.all([first, ...later])).toEqual([2, 4, 6, 8]);
  expect(batches).toEqual([[1], [2, 3, 4]]);
});

it('lets the calls of the turn a batch ends join the next batch, instead of starting it with the queue alone', async () => {
  // An embedded engine holds the thread for a whole batch: the requests that arrived meanwhile are read on the
  // turn after it ends. Here the call made by a callback already due on that turn stands for such a request.
  const batches: number[][] = [];
  let release = () => {};
  const commits = new GroupCommit<number, number>(
    async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => ({ ok: true, value: n }));
    },
    { maxBatch: 10, maxInFlight: 1 },
  );
  const first = commits.submit(1);
  await new Promise((resolve) => setImmediate(resolve)); // the batch of 1 is running now
  const queued = commits.submit(2);
  await new Promise((resolve) => setImmediate(resolve)); // 2 waits for the running batch
  let read: Promise<number> | undefined;
  setImmediate(() => {
    read = commits.submit(3);
  });
  release();
  await Promise.all([first, queued]);
  await read;
  expect(batches).toEqual([[1], [2, 3]]);
});

it('runs up to maxInFlight batches at once', async () => {
  let running = 0;
  let most = 0;
  const commits = new GroupCommit<number, number>(
    async (items) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return items.map((n) => ({ ok: true, value: n }));
    },
    { maxBatch: 2, maxInFlight: 2 },
  );
  await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => commits.submit(n)));
  expect(most).toBe(2);
});

it("answers each caller with its own item's outcome, and a failed batch's callers with its error", async () => {
  const { commits } = doubler({ maxBatch: 10, maxInFlight: 1 }, (items) => items.includes(99));
  const settled = await Promise.allSettled([1, -2, 3].map((n) => commits.submit(n)));
  expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
    2,
    'bad -2',
    6,
  ]);
  const failed = await Promise.allSettled([5, 99, 6].map((n) => commits.submit(n)));
  // One batch (one turn): its failure is every caller's, none is told it succeeded.
  expect(failed.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual([
    'batch failed',
    'batch failed',
    'batch failed',
  ]);
});
