import { Agent, request } from 'node:http';
import { expect, it } from 'vitest';
import { useServers } from './spawn-server.js';

// A server that answers before it has read a request's whole body (413 over the limit, 401 or 403 from the token
// check, 503 from a full queue) cannot keep that connection: the rest of the body is still on the way. Unless
// the answer says `Connection: close`, a keep-alive client puts the connection back in its pool and sends its
// next request (often a read) on a socket the server then cuts: ECONNRESET.

const TOKEN = 'keep-alive-token';
const servers = useServers();
const list = '/organizations/local/chat-sessions';

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly reused: boolean;
}

/** One request through `agent`: its status, `Connection` header and whether it went on a reused socket. */
function send(
  agent: Agent,
  url: string,
  options: { method?: string; token?: string; body?: string } = {},
): Promise<Answer | { error: string; reused: boolean }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent,
        headers: {
          authorization: `Bearer ${options.token ?? TOKEN}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            reused: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, reused: req.reusedSocket }),
    );
    req.end(options.body);
  });
}

it('a body answered before it was read whole closes its connection, so the next request on a keep-alive client is not reset', async () => {
  const server = await servers.start({ store: 'memory://', token: TOKEN });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const tooLarge = JSON.stringify({
    id: 'big',
    tenantId: 'bot',
    subscriberHandle: 'h',
    summary: 'x'.repeat(3_000_000),
  });
  const large = JSON.stringify({
    id: 'large',
    tenantId: 'bot',
    subscriberHandle: 'h',
    summary: 'x'.repeat(900_000),
  });
  const steps: Array<[string, Awaited<ReturnType<typeof send>>]> = [];
  try {
    for (const [what, options] of [
      ['a body over the limit', { method: 'POST', body: tooLarge }],
      ['a large body without a valid token', { method: 'POST', token: 'not-a-token', body: large }],
      ['a body over the limit again', { method: 'POST', body: tooLarge }],
    ] as const) {
      steps.push([what, await send(agent, `${server.url}${list}`, options)]);
      steps.push([`the read after ${what}`, await send(agent, `${server.url}${list}`)]);
    }
    // A request read whole keeps its connection: the next one goes on the same socket.
    steps.push(['a read again', await send(agent, `${server.url}${list}`)]);
  } finally {
    agent.destroy();
  }
  const resets = steps.filter(([, answer]) => 'error' in answer).length;
  console.log(
    `reliability: keep-alive: ${steps.length} requests tried on one kept-alive connection pool, 3 answered before ` +
      `their body was read, ${resets} reset`,
  );
  const summary = steps.map(([what, answer]) => [
    what,
    'error' in answer ? `reset (${answer.error})` : answer.status,
  ]);
  expect(summary).toEqual([
    ['a body over the limit', 413],
    ['the read after a body over the limit', 200],
    ['a large body without a valid token', 401],
    ['the read after a large body without a valid token', 200],
    ['a body over the limit again', 413],
    ['the read after a body over the limit again', 200],
    ['a read again', 200],
  ]);
  // An answer given before the body was read whole says the connection ends with it; the others keep it.
  expect(
    steps.map(([what, answer]) => [what, 'connection' in answer ? answer.connection : undefined]),
  ).toEqual(steps.map(([what], index) => [what, index % 2 === 0 && index < 6 ? 'close' : 'keep-alive']));
  expect(steps.at(-1)?.[1].reused).toBe(true);
});
