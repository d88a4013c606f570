import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { seedSessions, settleAfterSeeding } from '../data/seed.js';
import { generateSessions } from '../data/sessions.js';
import { runChild } from '../harness/child-process.js';
import { type Figure, scaled } from '../harness/figure.js';
import { BENCH_ORG, BENCH_TOKEN, openEmbeddedEngine, serveStore } from '../harness/local-server.js';
import { toResult } from '../harness/result.js';

// What users run: the built CLI (`npm install` builds it); from source under tsx only when there is no build.
const builtCli = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const sourceCli = fileURLToPath(new URL('../../packages/cli/src/bin.ts', import.meta.url));
const cli = existsSync(builtCli) ? builtCli : sourceCli;
const MB = 2 ** 20;
const TARGET = { op: '<=', limit: 150 } as const;
const NAME = 'observatory export sessions --format csv peak RSS';

async function countRecords(file: string, separator: string): Promise<number> {
  let records = 0;
  for await (const _record of createReadStream(file).pipe(parse({ delimiter: separator, bom: true })))
    records++;
  return records;
}

/** Figure 8: peak RSS of the CLI exporting every session as CSV from a loopback server. */
export const cliExportFigure: Figure = {
  id: 'cli-export',
  title: '8. observatory export sessions --format csv',
  rows: [{ name: NAME, unit: 'MB', target: TARGET }],
  async run(context) {
    const count = scaled(context, 100_000);
    const engine = await openEmbeddedEngine();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'observatory-bench-cli-'));
    try {
      await seedSessions(engine.driver, BENCH_ORG, generateSessions({ seed: 9, count }));
      await settleAfterSeeding(engine.driver);
      const server = await serveStore(engine.store);
      try {
        const out = path.join(dir, 'sessions.csv');
        const run = await runChild(cli, [
          'export',
          'sessions',
          '--format',
          'csv',
          '--separator',
          ';',
          '--from',
          '2026-09-01T00:00:00.000Z',
          '--to',
          '2026-12-31T00:00:00.000Z',
          '--url',
          server.url,
          '--token',
          BENCH_TOKEN,
          '--org',
          BENCH_ORG,
          '--out',
          out,
          // No --quiet: what a user runs, with the progress display counting rows (stderr is not a terminal here).
        ]);
        const records = await countRecords(out, ';');
        // One header row plus one row per session: a figure on a partial export would mean nothing.
        if (records !== count + 1)
          throw new Error(`the export has ${records} records, expected ${count + 1}`);
        return [
          toResult(
            {
              name: NAME,
              unit: 'MB',
              value: run.peakRssBytes / MB,
              target: TARGET,
              note: `${count.toLocaleString('en-US')} sessions from the embedded store over loopback, ${cli === builtCli ? 'built CLI' : 'CLI run from source under tsx (no build found)'}; ${(run.wallMs / 1000).toFixed(1)} s`,
            },
            context.scaleLabel,
          ),
        ];
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await engine.close();
    }
  },
};
