/**
 * The server could not listen: another process already holds the port. `observatory serve --port 0` (or
 * `OBSERVATORY_PORT=0` for `observatory-server`) picks a free one.
 *
 * @example
 * ```ts
 * import { PortInUseError, startObservatoryServer } from '@observatory/server';
 * try {
 *   await startObservatoryServer({ port: 4319, auth: { tokens: [{ token: 't', organizationId: 'acme' }] } });
 * } catch (error) {
 *   if (error instanceof PortInUseError) console.error(`port ${error.port} is taken`);
 * }
 * ```
 */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  readonly port: number;
  readonly hostname: string;
  constructor(hostname: string, port: number, options?: { cause?: unknown }) {
    super(`Port ${port} on ${hostname} is already in use by another process`, options);
    this.port = port;
    this.hostname = hostname;
  }
}

/**
 * Another live process holds the PGlite data folder. Two processes writing one folder lose acknowledged
 * writes, so the second one refuses to open it: stop the holder, or point this one at another folder.
 *
 * @example
 * ```ts
 * import { openStore, StoreLockedError } from '@observatory/server';
 * try {
 *   await openStore('pglite://./observatory-data');
 * } catch (error) {
 *   if (error instanceof StoreLockedError) console.error(`${error.folder} is held by pid ${error.holderPid}`);
 * }
 * ```
 */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  /** The data folder, absolute. */
  readonly folder: string;
  readonly holderPid: number;
  constructor(folder: string, holderPid: number) {
    super(
      `The data folder ${folder} is in use by another process (pid ${holderPid}); stop it or choose another folder`,
    );
    this.folder = folder;
    this.holderPid = holderPid;
  }
}
