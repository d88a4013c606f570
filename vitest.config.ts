import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

// Tests run on source: every `@observatory/*` import resolves to the package's `src`, no build needed.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@observatory\/core\/xlsx$/, replacement: src('core/src/xlsx.ts') },
      { find: /^@observatory\/(core|client|server|nodes|cli)$/, replacement: src('$1/src/index.ts') },
    ],
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/*/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
