// Global set-up of the `processes` project: one temporary folder for the whole run, where suites share what is
// costly to make once (the browser suites' seeded demo, test/support/demo-server.ts). Removed when the run ends,
// whatever happened.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder that lives as long as the test run, shared by every suite of the `processes` project. */
    sharedFolder: string;
  }
}

/**
 * Makes the run's shared folder and provides its path as `sharedFolder`; the returned teardown removes it.
 *
 * @example
 * ```ts
 * // vitest.config.ts, in the processes project: globalSetup: ['test/support/shared-folder.setup.ts']
 * const folder = inject('sharedFolder');
 * ```
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'observatory-run-'));
  project.provide('sharedFolder', folder);
  return () => rm(folder, { recursive: true, force: true });
}
