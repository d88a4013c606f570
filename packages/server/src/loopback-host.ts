/**
 * Whether only this machine can reach a server listening on `host`: `localhost`, `::1` or an address of
 * 127.0.0.0/8 (also IPv4-mapped). Any other address or name (`0.0.0.0`, `::`, a LAN address) is reachable from
 * the network, where the bearer token over plain HTTP is the only protection.
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(name);
}
