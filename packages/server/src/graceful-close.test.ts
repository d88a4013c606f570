import { Agent, createServer, get, type IncomingMessage, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulCloser } from './graceful-close.js';

let server: Server | undefined;
let agent: Agent | undefined;
afterEach(() => {
  agent?.destroy();
  server?.closeAllConnections();
  server?.close();
});

/** A server whose handler answers when the test says so. */
async function start(): Promise<{ url: string; answer: () => void; arrived: Promise<void> }> {
  let answer: () => void = () => undefined;
  let arrivedNow: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    arrivedNow = resolve;
  });
  server = createServer((request, response) => {
    if (request.url === '/slow') {
      answer = () => response.end('slow done');
      arrivedNow();
    } else response.end('ok');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, answer: () => answer(), arrived };
}

function fetchOn(url: string): Promise<IncomingMessage & { body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve(Object.assign(response, { body })));
    }).once('error', reject);
  });
}

describe('gracefulCloser', () => {
  it('lets a request in flight finish, answers it with Connection: close, then closes', async () => {
    const { url, answer, arrived } = await start();
    const close = gracefulCloser(server as Server);
    agent = new Agent({ keepAlive: true, maxSockets: 2 });
    // One idle keep-alive connection, one busy with a request in flight.
    expect((await fetchOn(`${url}/`)).headers.connection).toBe('keep-alive');
    const slow = fetchOn(`${url}/slow`);
    await arrived;
    let closed = false;
    const closing = close(10_000).then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false); // the busy connection is still open
    answer();
    const response = await slow;
    expect(response.body).toBe('slow done');
    expect(response.headers.connection).toBe('close');
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts a connection still busy after the grace period', async () => {
    const { url, arrived } = await start();
    const close = gracefulCloser(server as Server);
    agent = new Agent({ keepAlive: true });
    const never = fetchOn(`${url}/slow`).catch((error: unknown) => error);
    await arrived;
    const started = Date.now();
    await close(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(await never).toBeInstanceOf(Error); // socket hang up: never acknowledged
  });
});
