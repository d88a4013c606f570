// Drives a real Chromium for the browser suites (test/browser/*.process.test.ts) through playwright-core, which
// downloads no browser of its own: Debian's `chromium` (apt-get install chromium; .ci/run installs it), or the
// executable OBSERVATORY_CHROMIUM names. Without one the suites skip with a message, except under CI=true, where
// they run and fail.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Where Debian's package puts Chromium. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Screenshots of the pages the suites open (gitignored), for a person to look at and for the README. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/**
 * The Chromium executable the suites drive: `OBSERVATORY_CHROMIUM` when set (it must exist; set but empty means
 * none, to see the suite skip, or fail under CI=true, on a machine that has one), else Debian's
 * `/usr/bin/chromium` when installed, else undefined.
 *
 * @example
 * ```ts
 * const executable = findChromium(process.env); // '/usr/bin/chromium' on a Debian machine with the package
 * ```
 */
export function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env.OBSERVATORY_CHROMIUM;
  if (chosen !== undefined) return chosen === '' ? undefined : chosen;
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
}

const executable = findChromium(process.env);
const inCi = process.env.CI === 'true';

/**
 * True when the browser suites skip: no Chromium and not under CI=true (it then says so once on stderr). Under
 * CI=true they always run, and fail without a browser.
 *
 * @example
 * ```ts
 * describe.skipIf(skipBrowserSuite)('the Sessions page', () => {});
 * ```
 */
export const skipBrowserSuite = executable === undefined && !inCi;
if (skipBrowserSuite) {
  console.warn(
    'browser suite skipped: Chromium is not installed (apt-get install chromium, or set OBSERVATORY_CHROMIUM ' +
      'to a Chromium executable); under CI=true it runs and fails without it',
  );
}

/**
 * The one headless Chromium of a test file. Its properties can be read once `beforeAll` has run.
 *
 * @example
 * ```ts
 * const chrome = useBrowser();
 * it('opens', async () => {
 *   const page = await (await chrome.newContext()).newPage();
 *   await page.goto(url);
 * });
 * ```
 */
export interface BrowserScope {
  readonly browser: Browser;
  /**
   * A fresh context (own cookies, downloads accepted), closed with the browser; `timezoneId` is the zone the
   * browser reports to the page's scripts (the machine's by default).
   */
  newContext(options?: { readonly baseURL?: string; readonly timezoneId?: string }): Promise<BrowserContext>;
  /** Saves a full-page screenshot as test-output/screenshots/`name`.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * Launches one headless Chromium for the test file in `beforeAll` (with `--no-sandbox` when running as root, which
 * Chromium's sandbox refuses) and closes it, with every context and page, in `afterAll` whatever happened.
 * Call it at the top level of a test file (or of a `describe`).
 *
 * @example
 * ```ts
 * const chrome = useBrowser();
 * ```
 */
export function useBrowser(): BrowserScope {
  let browser: Browser | undefined;
  const launched = (): Browser => {
    if (browser === undefined) throw new Error('useBrowser: read in beforeAll or a test, after the launch');
    return browser;
  };
  beforeAll(async () => {
    if (executable === undefined) {
      throw new Error(
        'CI=true and no Chromium: install it (apt-get install chromium) or set OBSERVATORY_CHROMIUM to its executable',
      );
    }
    if (!existsSync(executable)) throw new Error(`OBSERVATORY_CHROMIUM: no file at ${executable}`);
    browser = await chromium.launch({
      executablePath: executable,
      headless: true,
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return launched();
    },
    newContext: (options = {}) =>
      launched().newContext({
        acceptDownloads: true,
        viewport: { width: 1280, height: 800 },
        ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
        ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
      }),
    screenshot: async (page, name) => {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
