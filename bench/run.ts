// `npm run bench [-- --quick] [-- --only <id>]`: measures every hot path against its baseline, prints the table,
// writes bench/results.json and regenerates docs/performance.md. `-- --render` measures nothing and regenerates
// docs/performance.md from bench/results.json and bench/findings.md. See bench/README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { figures } from './figures/index.js';
import type { FigureContext } from './harness/figure.js';
import { textTable } from './harness/format.js';
import { describeMachine } from './harness/machine.js';
import { mergeResults, readResults, renderPerformanceDoc, writeResults } from './harness/report.js';
import { type BenchResult, notMeasured } from './harness/result.js';
import { scopeRunTempFiles } from './harness/run-temp.js';

const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));
const findingsPath = fileURLToPath(new URL('./findings.md', import.meta.url));
const docPath = fileURLToPath(new URL('../docs/performance.md', import.meta.url));

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    render: { type: 'boolean', default: false },
  },
});
const quick = values.quick === true;
const only = values.only ?? [];
const unknown = only.filter((id) => !figures.some((figure) => figure.id === id));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown --only ${unknown.join(', ')}; figures: ${figures.map((f) => f.id).join(', ')}\n`,
  );
  process.exit(2);
}

const context: FigureContext = {
  quick,
  scale: quick ? 0.1 : 1,
  scaleLabel: quick ? 'quick (1/10)' : 'full',
  plan: quick ? { warmup: 1, runs: 5 } : { warmup: 2, runs: 7 },
  log: (message) => process.stderr.write(`  ${message}\n`),
};

const selected = values.render
  ? []
  : only.length === 0
    ? figures
    : figures.filter((figure) => only.includes(figure.id));
const runTemp = scopeRunTempFiles('observatory-bench-');
const started = performance.now();
const current: BenchResult[] = [];
for (const figure of selected) {
  process.stderr.write(`${figure.title}\n`);
  const figureStart = performance.now();
  try {
    current.push(...(await figure.run(context)));
  } catch (error) {
    // A figure whose code has not landed or fails is reported as not measured, with the reason: never a number.
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`  not measured: ${reason}\n`);
    for (const row of figure.rows)
      current.push(notMeasured(row.name, row.unit, row.target, context.scaleLabel, reason));
  }
  process.stderr.write(`  (${((performance.now() - figureStart) / 1000).toFixed(1)} s)\n`);
}
runTemp.remove();

const order = figures.flatMap((figure) => figure.rows.map((row) => row.name));
const kept = values.render || only.length > 0;
const results = kept ? mergeResults(readResults(resultsPath), current, order) : current;
process.stdout.write(`\n${textTable(results)}`);
writeResults(resultsPath, results);
writeFileSync(
  docPath,
  renderPerformanceDoc({
    machine: describeMachine(new Date()),
    command: values.render ? 'npm run bench -- --render' : `npm run bench${quick ? ' -- --quick' : ''}`,
    results,
    findings: existsSync(findingsPath) ? readFileSync(findingsPath, 'utf8') : '',
  }),
);
process.stderr.write(
  `\nwrote ${resultsPath} and ${docPath} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
