/**
 * `@observatory/cli` — the `observatory` command: `serve`, `sessions`, `missed`, `export`, `demo`. Also usable
 * from code.
 *
 * @packageDocumentation
 */

export { CliError } from './cli-error.js';
export { type DemoFlags, type DemoSummary, demoCommand } from './commands/demo.js';
export { DEFAULT_URL } from './connection.js';
export {
  type ConversationScript,
  type DatasetOptions,
  generateConversations,
  type ScriptedTurn,
} from './demo/dataset.js';
export type { CliIo } from './io.js';
export { createProgram, runCli } from './program.js';
