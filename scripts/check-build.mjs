#!/usr/bin/env node
// Checks what ships, after `npm run build`: publint and attw on every package, each package imported as ESM and
// as CJS, and a bundle of @observatory/core's root entry that must not contain exceljs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const packages = ['core', 'client', 'server', 'nodes', 'cli'];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

for (const name of packages) {
  const dir = `packages/${name}`;
  const manifest = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  console.log(`\n# ${manifest.name}`);
  run('npx', ['publint', '--strict', dir]);
  run('npx', ['attw', '--pack', dir, '--profile', 'node16']);
  for (const subpath of Object.keys(manifest.exports).filter((key) => key !== './package.json')) {
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    run('node', [
      '--input-type=module',
      '-e',
      `const m = await import('${specifier}'); if (!Object.keys(m).length) process.exit(1);`,
    ]);
    run('node', ['-e', `const m = require('${specifier}'); if (!Object.keys(m).length) process.exit(1);`]);
    console.log(`imports as ESM and CJS: ${specifier}`);
  }
}

const bundle = await build({
  stdin: { contents: "export * from '@observatory/core';", resolveDir: process.cwd() },
  bundle: true,
  write: false,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  metafile: true,
});
const inputs = Object.keys(bundle.metafile.inputs);
const leaked = inputs.filter((path) => path.includes('exceljs'));
if (leaked.length > 0) {
  console.error(`@observatory/core root entry bundles exceljs: ${leaked.slice(0, 3).join(', ')}`);
  process.exit(1);
}
console.log(`\n@observatory/core root bundle: ${inputs.length} modules, no exceljs`);
