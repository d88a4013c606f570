import { expect, it } from 'vitest';
import * as cli from './index.js';

it('exports exactly the programmatic surface of the CLI', () => {
  expect(Object.keys(cli).sort()).toEqual(
    ['CliError', 'DEFAULT_URL', 'createProgram', 'demoCommand', 'generateConversations', 'runCli'].sort(),
  );
});
