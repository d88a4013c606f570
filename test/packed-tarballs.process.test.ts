import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROCESS_DEADLINE_MS, useProcesses } from './support/processes.js';

// What a user outside the repository gets: the packages as `npm pack` makes them (what `npm publish` would
// upload), installed into an empty folder with nothing of the monorepo around, then the CLI run the way the guides
// say. Installing is offline-first: the registry is asked only for what the npm cache lacks.
const run = promisify(execFile);
const packages = ['core', 'client', 'server', 'nodes', 'cli'];
const processes = useProcesses();
const license = readFileSync('LICENSE', 'utf8');
// Nothing of the test's own environment may point the CLI back at the repository or at a server.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(OBSERVATORY_|npm_|NODE_OPTIONS$|VITEST)/.test(name)),
);

interface PackResult {
  readonly name: string;
  readonly filename: string;
  readonly files: readonly { path: string }[];
}

describe('the packages from their tarballs, in a clean folder', () => {
  it('ship the MIT LICENSE, install offline-first, and run as `npx @observatory/cli` and `npx observatory`', async () => {
    const missing = packages.filter((name) => !existsSync(`packages/${name}/dist/index.js`));
    expect(missing, 'packages without dist/: run `npm run build` first').toEqual([]);
    expect(license).toMatch(/^MIT License\n/);

    const dir = processes.tempDir('observatory-packed-');
    const packed: PackResult[] = [];
    for (const name of packages) {
      const { stdout } = await run(
        'npm',
        ['pack', `./packages/${name}`, '--pack-destination', dir, '--json'],
        {
          env,
        },
      );
      packed.push(...(JSON.parse(stdout) as PackResult[]));
    }
    for (const tarball of packed) {
      expect(
        tarball.files.map((file) => file.path),
        tarball.name,
      ).toContain('LICENSE');
    }

    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'trying-observatory', private: true }));
    await run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        ...packed.map((tarball) => `./${tarball.filename}`),
      ],
      { cwd: dir, env, timeout: PROCESS_DEADLINE_MS },
    );
    for (const name of packages) {
      expect(readFileSync(join(dir, 'node_modules/@observatory', name, 'LICENSE'), 'utf8')).toBe(license);
    }

    const { version } = JSON.parse(readFileSync('packages/cli/package.json', 'utf8')) as { version: string };
    const byPackage = await run('npx', ['--no-install', '@observatory/cli', '--version'], { cwd: dir, env });
    expect(byPackage.stdout).toBe(`${version}\n`);
    const byBin = await run('npx', ['--no-install', 'observatory', '--version'], { cwd: dir, env });
    expect(byBin.stdout).toBe(`${version}\n`);

    // A small command end to end: the installed server, nodes, client and exports, with no repository around.
    const demo = processes.start(
      'npx',
      [
        '--no-install',
        'observatory',
        'demo',
        '--sessions',
        '30',
        '--days',
        '3',
        '--out',
        'exports',
        '--json',
      ],
      { cwd: dir, env },
    );
    expect(await demo.exited()).toEqual({ code: 0, signal: null });
    const summary = JSON.parse(demo.stdout()) as { sessions?: number; exports?: unknown };
    expect(summary.sessions).toBe(30);
    for (const file of ['sessions.csv', 'sessions.xlsx', 'sessions.txt', 'missed-questions.csv']) {
      expect(existsSync(join(dir, 'exports', file)), file).toBe(true);
    }
  });
});
