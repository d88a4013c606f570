import { spawn } from 'node:child_process';

/**
 * How the demo keeps its server up for the web pages.
 *
 * @example
 * ```ts
 * const options: ServePagesOptions = { url: server.url, token, open: false, log: console.log };
 * ```
 */
export interface ServePagesOptions {
  /** The demo server's base URL. */
  readonly url: string;
  /** The demo's token: in the printed link once, which the pages exchange for a cookie and drop. */
  readonly token: string;
  /** Open the link in the system browser too. */
  readonly open: boolean;
  readonly log: (line: string) => void;
  /** Resolves when the demo should stop. @default the first SIGINT or SIGTERM */
  readonly until?: Promise<unknown>;
}

/** The command that opens a URL in the system browser on this platform. */
function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Prints the link to the web pages on the demo's data (signing in once, the token then dropped from the URL),
 * opens it when asked, and keeps serving until Ctrl-C.
 *
 * @example
 * ```ts
 * await servePages({ url: server.url, token, open: flags.open ?? false, log });
 * ```
 */
export async function servePages(options: ServePagesOptions): Promise<void> {
  const link = `${options.url}/sessions?token=${encodeURIComponent(options.token)}`;
  options.log(`\nWeb pages on the demo's data: ${link}`);
  options.log('(the link signs you in once; press Ctrl-C to stop the demo server)');
  if (options.open) {
    const [command, args] = openerFor(process.platform, link);
    const opener = spawn(command, args, { stdio: 'ignore', detached: true });
    opener.on('error', () => options.log(`Could not start ${command}: open the link above in a browser.`));
    opener.unref();
  }
  await (options.until ?? stopSignal());
}
