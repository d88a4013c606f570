import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Suites that start real processes (servers, the CLI, examples, tsc, biome, typedoc). `npm test` runs them with the
// rest; `npm run test:unit` leaves them out for a fast inner loop.
const processSuites = [
  '**/*.process.test.ts',
  'test/examples.test.ts',
  'test/build.test.ts',
  'test/hygiene.test.ts',
  'packages/core/src/purity.test.ts',
];

const allSuites = [
  'packages/*/src/**/*.test.ts',
  'test/**/*.test.ts',
  'examples/*/**/*.test.ts',
  'bench/**/*.test.ts',
];

// Tests run on source: every `@observatory/*` import resolves to the package's `src`, no build needed.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@observatory\/core\/xlsx$/, replacement: src('core/src/xlsx.ts') },
      { find: /^@observatory\/(core|client|server|nodes|cli)$/, replacement: src('$1/src/index.ts') },
    ],
  },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    // A timeout only bounds a hang: a busy machine (or two files at a time) can take a minute over one test that
    // starts a server and writes through it, so the bound is generous.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two files at a time: most suites wait on child processes or a database, so two keep two cores busy where
    // vitest's default (cores - 1) would run one file at a time.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: allSuites, exclude: processSuites } },
      {
        extends: true,
        // A loaded machine can take a minute to start Node, tsx and PGlite: each wait inside these suites
        // is on a readiness line or a health check (test/support/processes.ts), the timeout only bounds a hang.
        test: {
          name: 'processes',
          include: processSuites,
          testTimeout: 300_000,
          hookTimeout: 300_000,
          // One folder for the run, where suites share what is costly to make once (the browser suites' demo).
          globalSetup: ['test/support/shared-folder.setup.ts'],
        },
      },
    ],
  },
});
