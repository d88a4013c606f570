// A process that starts PostgreSQL, a replica and PgBouncer the way tests and benchmarks do (their folders in
// its TMPDIR), says so, then ends without stopping them. `exit` calls process.exit; `throw` dies of an uncaught
// error; `interrupt` sets up as `npm run bench` does (one temporary folder for the run), also starts an
// `observatory serve` process, and waits to be interrupted (SIGINT, what Ctrl-C sends). Run by
// services-cleanup.process.test.ts, which checks that nothing is left behind.
import { scopeRunTempFiles } from '../../bench/harness/run-temp.js';
import { startServeProcess } from '../../bench/harness/serve-process.js';
import { startPgBouncer } from '../../packages/server/src/testing/pgbouncer.js';
import { startPostgres } from '../../packages/server/src/testing/postgres.js';

const how = process.argv[2];
if (how === 'interrupt') scopeRunTempFiles('observatory-bench-');
const postgres = await startPostgres();
await postgres.startReplica();
await startPgBouncer(postgres.port);
if (how === 'interrupt') await startServeProcess(postgres.url);
process.stdout.write('running\n');
if (how === 'throw') throw new Error('died with its services running');
if (how === 'exit') process.exit(3);
setInterval(() => {}, 60_000); // a benchmark at work, until interrupted
