import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { useProcesses } from '../../../test/support/processes.js';

// The installed command's process (bin.ts through tsx, in its own Node) with its stdout piped into a reader that
// closes early, as `observatory … | head` does in a shell: the command ends quietly with status 0.
const processes = useProcesses();
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs `observatory <args> | <reader>` in bash; stderr ends with the command's own exit status. */
function pipedInto(args: string, reader: string) {
  const script = `"$NODE" --import "$ALIAS" --import "$LOADER" packages/cli/src/bin.ts ${args} | ${reader}; echo "observatory exited \${PIPESTATUS[0]}" >&2`;
  return processes.start('bash', ['-c', script], {
    env: {
      NODE: process.execPath,
      ALIAS: join(root, 'test', 'support', 'source-alias.mjs'),
      LOADER: join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs'),
    },
  });
}

it('`observatory export sessions --help | head -n 1` prints the usage line and ends with status 0, no stack', async () => {
  const run = pipedInto('export sessions --help', 'head -n 1');
  expect(await run.exited()).toEqual({ code: 0, signal: null });
  expect(run.stdout()).toBe('Usage: observatory export [options] <sessions|missed-questions>\n');
  expect(run.stderr()).toBe('observatory exited 0\n');
});

it('ends with status 0 and nothing on stderr when the reader has closed before the first line', async () => {
  // `true` exits at once: every write of the help meets a closed pipe.
  const run = pipedInto('--help', 'true');
  expect(await run.exited()).toEqual({ code: 0, signal: null });
  expect(run.stdout()).toBe('');
  expect(run.stderr()).toBe('observatory exited 0\n');
});
