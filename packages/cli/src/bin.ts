#!/usr/bin/env node
import { runCli } from './program.js';

// `observatory … | head`: the reader has what it wanted and closed the pipe. Output to it ends the process quietly
// with status 0, as a Unix filter does, instead of an unhandled EPIPE and its stack. On stderr (a closed log
// pipe) the message is dropped and the command ends with its own status.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
process.stderr.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
