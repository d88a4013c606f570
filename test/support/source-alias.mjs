// Loaded with `node --import` before tsx in processes the tests start (test/support/processes.ts): resolves
// every `@observatory/*` import to the package's TypeScript source, as vitest.config.ts does for the tests
// themselves, so a process runs the code under test and not a possibly stale dist/.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    const root = ${JSON.stringify(new URL('../../packages/', import.meta.url).href)};
    export async function resolve(specifier, context, next) {
      if (specifier === '@observatory/core/xlsx') return next(root + 'core/src/xlsx.ts', context);
      const match = /^@observatory\\/(core|client|server|nodes|cli)$/.exec(specifier);
      return next(match ? root + match[1] + '/src/index.ts' : specifier, context);
    }
  `)}`,
);
