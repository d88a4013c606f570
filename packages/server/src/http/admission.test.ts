import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { StoreUnavailableError } from '../errors.js';
import { admission } from './admission.js';

/** An app whose handlers wait until `open()`; `started` lists the requests at work, in order. */
function gatedApp(limits: Parameters<typeof admission>[0]) {
  const started: string[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const app = new Hono();
  app.onError((error, c) => c.text(error.message, error instanceof StoreUnavailableError ? 503 : 500));
  app.use(
    '*',
    admission(limits, (c) => c.req.method === 'POST'),
  );
  app.all('/:name', async (c) => {
    started.push(`${c.req.method} ${c.req.param('name')}`);
    await gate;
    return c.text('ok');
  });
  return { app, started, open: () => open() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('lets up to reportsPerPlace reports share a place, and keeps the other kinds to their places and queue', async () => {
  const { app, started, open } = gatedApp({
    maxInFlight: 2,
    maxQueued: 2,
    maxQueueWaitMs: 5_000,
    reportsPerPlace: 3,
  });
  const answers = [
    ...['r1', 'r2', 'r3', 'r4'].map((name) => app.request(`/${name}`, { method: 'POST' })),
    app.request('/g1'),
    app.request('/g2'),
    app.request('/g3'),
  ];
  await tick();
  // r1–r3 share the first place, r4 takes the second: the places are full, g1 and g2 wait, g3 is shed.
  expect(started).toEqual(['POST r1', 'POST r2', 'POST r3', 'POST r4']);
  expect((await answers[6])?.status).toBe(503);
  open();
  expect((await Promise.all(answers.slice(0, 6))).map((res) => res.status)).toEqual([
    200, 200, 200, 200, 200, 200,
  ]);
  expect(started.slice(4)).toEqual(['GET g1', 'GET g2']);
});

it('gives each report its own place when reportsPerPlace is absent', async () => {
  const { app, started, open } = gatedApp({ maxInFlight: 1, maxQueued: 1, maxQueueWaitMs: 5_000 });
  const answers = ['r1', 'r2', 'r3'].map((name) => app.request(`/${name}`, { method: 'POST' }));
  await tick();
  expect(started).toEqual(['POST r1']);
  expect((await answers[2])?.status).toBe(503);
  open();
  expect((await Promise.all(answers.slice(0, 2))).map((res) => res.status)).toEqual([200, 200]);
});

it('lets a waiting report join a report place with room ahead of a request waiting for a free place', async () => {
  const { app, started, open } = gatedApp({
    maxInFlight: 1,
    maxQueued: 4,
    maxQueueWaitMs: 5_000,
    reportsPerPlace: 2,
  });
  const first = app.request('/g0');
  await tick();
  const queued = [
    app.request('/g1'),
    app.request('/r1', { method: 'POST' }),
    app.request('/r2', { method: 'POST' }),
  ];
  await tick();
  expect(started).toEqual(['GET g0']);
  open();
  await Promise.all([first, ...queued]);
  // The free place goes to g1 (first in line); the reports then share a place.
  expect(started).toEqual(['GET g0', 'GET g1', 'POST r1', 'POST r2']);
});
