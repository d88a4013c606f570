import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** One probe file per forbidden thing, linted where core's source lives, and the rule expected to refuse it. */
const forbidden: Array<[file: string, rule: string, code: string]> = [
  [
    'node-prefix.ts',
    'noRestrictedImports',
    "import { readFile } from 'node:fs';\nexport const x = readFile;\n",
  ],
  ['bare-builtin.ts', 'noNodejsModules', "import { readFile } from 'fs';\nexport const x = readFile;\n"],
  ['exceljs.ts', 'noRestrictedImports', "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n"],
  ['workspace.ts', 'noRestrictedImports', "export { createObservatoryClient } from '@observatory/client';\n"],
  ['ky.ts', 'noRestrictedImports', "import ky from 'ky';\nexport const x = ky;\n"],
  ['process.ts', 'noRestrictedGlobals', 'export const x = process.env.TZ;\n'],
  ['timer.ts', 'noRestrictedGlobals', 'export const x = (f: () => void) => setTimeout(f, 1);\n'],
  ['fetch.ts', 'noRestrictedGlobals', "export const x = () => fetch('http://127.0.0.1/');\n"],
  ['console.ts', 'noRestrictedGlobals', "export const x = () => console.log('hi');\n"],
  ['date-now.ts', 'plugin', 'export const x = () => Date.now();\n'],
  ['new-date.ts', 'plugin', 'export const x = () => new Date();\n'],
  ['random.ts', 'plugin', 'export const x = () => Math.random();\n'],
];

/** What core may do: build a Date from an input, format in a zone, import its own dependencies. */
const allowed = [
  "import { z } from 'zod';\n",
  'export const at = (iso: string) => new Date(Date.parse(iso));\n',
  "export const f = new Intl.DateTimeFormat('en', { timeZone: 'UTC' });\n",
  'export const s = z.string();\n',
].join('');

interface Diagnostic {
  category: string;
  severity: string;
  location: { path: string };
}

let dir: string;
let diagnostics: Diagnostic[];

// The repository's own biome.json and purity plugin, copied next to probe files laid out like the repository, so
// the test proves the rules that `npm run lint` applies (and fails if one is dropped or its scope changes).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'observatory-purity-'));
  const config = JSON.parse(await readFile(join(root, 'biome.json'), 'utf8')) as Record<string, unknown>;
  delete config.$schema;
  await writeFile(join(dir, 'biome.json'), JSON.stringify(config));
  await mkdir(join(dir, 'packages/core/src/export'), { recursive: true });
  await copyFile(join(root, 'packages/core/purity.grit'), join(dir, 'packages/core/purity.grit'));
  const probes: Record<string, string> = {
    'packages/core/src/export/allowed.ts': allowed,
    // The xlsx entry may load exceljs and Node streams; tests may use Node.
    'packages/core/src/xlsx.ts':
      "import { PassThrough } from 'node:stream';\nimport ExcelJS from 'exceljs';\nexport const x = [PassThrough, ExcelJS];\n",
    'packages/core/src/export/probe.test.ts':
      "import { readFile } from 'node:fs';\nexport const x = [readFile, Date.now()];\n",
  };
  for (const [file, , code] of forbidden) probes[`packages/core/src/export/${file}`] = code;
  for (const [path, code] of Object.entries(probes)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), code);
  }
  let stdout: string;
  try {
    ({ stdout } = await run(
      join(root, 'node_modules/.bin/biome'),
      ['lint', '--reporter=json', '--max-diagnostics=none', 'packages'],
      { cwd: dir },
    ));
  } catch (error) {
    // biome exits non-zero when it finds errors, which the forbidden probes guarantee.
    stdout = (error as { stdout: string }).stdout;
  }
  diagnostics = (JSON.parse(stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errorsIn = (path: string) =>
  diagnostics
    .filter((d) => d.severity === 'error' && d.location.path.replaceAll('\\', '/') === path)
    .map((d) => d.category.replace(/^lint\/[a-z]+\//i, ''));

describe("core's purity lint rule", () => {
  it.each(forbidden)('refuses %s in core source (%s)', (file, rule) => {
    expect(errorsIn(`packages/core/src/export/${file}`)).toContain(rule);
  });

  it('accepts core code that takes its clock and zone as inputs', () => {
    expect(errorsIn('packages/core/src/export/allowed.ts')).toEqual([]);
  });

  it('lets the xlsx entry load exceljs and Node streams, and tests use Node', () => {
    expect(errorsIn('packages/core/src/xlsx.ts')).toEqual([]);
    expect(errorsIn('packages/core/src/export/probe.test.ts')).toEqual([]);
  });
});
