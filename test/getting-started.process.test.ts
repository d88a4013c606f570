import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startObservatoryServer } from '@observatory/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useProcesses } from './support/processes.js';

// docs/getting-started.md as a reader runs it: each section with marked blocks (see the page's "Writing docs"),
// in order, in one empty folder with the packages installed, against a local server whose three variables are
// set. A section added later (another user story) is run with no change here.
const root = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(join(root, 'docs/getting-started.md'), 'utf8');

/** One marked block: a file to save, a shell block to run, or output the last run must print. */
type Step =
  | { readonly kind: 'file'; readonly name: string; readonly code: string }
  | { readonly kind: 'run'; readonly code: string }
  | { readonly kind: 'output'; readonly lines: readonly string[] };

interface Section {
  readonly heading: string;
  readonly steps: readonly Step[];
}

const MARKED_BLOCK = /^<!-- ci: (file (\S+)|run|output) -->\n```(\w+)\n([\s\S]*?)^```$/gm;

/** The page's `## ` sections that hold at least one marked block, in page order. */
function markedSections(markdown: string): Section[] {
  const parts = markdown.split(/^## /m).slice(1);
  return parts.flatMap((part) => {
    const heading = part.slice(0, part.indexOf('\n')).trim();
    const steps = [...part.matchAll(MARKED_BLOCK)].map((match): Step => {
      const [, marker = '', name = '', fence = '', code = ''] = match;
      const expectFence = (wanted: string) => {
        if (fence !== wanted)
          throw new Error(`"${heading}": a ci ${marker} marker must precede a \`\`\`${wanted} block`);
      };
      if (marker === 'run') {
        expectFence('sh');
        return { kind: 'run', code };
      }
      if (marker === 'output') {
        expectFence('text');
        return { kind: 'output', lines: code.split('\n').filter((line) => line.trim() !== '') };
      }
      expectFence('ts');
      return { kind: 'file', name, code };
    });
    return steps.length > 0 ? [{ heading, steps }] : [];
  });
}

/**
 * An output block's line as a pattern: the line as written, anywhere in what was printed, where each `…` stands
 * for text that changes from run to run (a time, a generated id) on that same line.
 */
function outputLine(line: string): RegExp {
  const parts = line.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('[^\\n]*'));
}

const sections = markedSections(page);
const processes = useProcesses();
const token = 'getting-started-token';
let server: RunningServer;
let folder: string;
let env: Record<string, string | undefined>;

/** The packages the reader installs run from their build (dist/), as installed packages do: it must be current. */
function staleBuilds(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.(test|test-d|test-helper|fixture)\.ts$/.test(entry.name) ? [] : [path];
    });
  return ['core', 'client', 'server', 'nodes', 'cli'].flatMap((name) => {
    const dir = join(root, 'packages', name);
    const built = statSync(join(dir, 'dist/index.js')).mtimeMs;
    return walk(join(dir, 'src')).filter((file) => statSync(file).mtimeMs > built);
  });
}

beforeAll(async () => {
  expect(staleBuilds(), 'changed since the last build: run `npm run build` (npm install runs it)').toEqual(
    [],
  );
  server = await startObservatoryServer({
    storeUrl: 'memory://',
    port: 0,
    hostname: '127.0.0.1',
    auth: { tokens: [{ token, organizationId: 'local' }] },
  });
  // What "1. Install" leaves: an ES-module project with the packages (here this repository's) installed.
  folder = processes.tempDir('observatory-getting-started-');
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'my-observatory', private: true, type: 'module' }),
  );
  symlinkSync(resolve(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  env = {
    ...Object.fromEntries(
      Object.keys(process.env)
        .filter((name) => /^(OBSERVATORY_|npm_)/.test(name))
        .map((name) => [name, undefined]),
    ),
    // What "2. Start a local Observatory" has the reader export.
    OBSERVATORY_URL: server.url,
    OBSERVATORY_TOKEN: token,
    OBSERVATORY_ORG: 'local',
  };
});
afterAll(async () => {
  await server?.close();
});

describe('docs/getting-started.md, run as written', () => {
  it('has the marked sections CI runs', () => {
    expect(sections.map((section) => section.heading)).toEqual(
      expect.arrayContaining([
        '3. A runtime with the nodes',
        "4. An integrator's filtered CSV and xlsx",
        '5. Investigating the top missed question',
      ]),
    );
  });

  for (const section of sections) {
    it(section.heading, async () => {
      let printed: string | undefined;
      for (const step of section.steps) {
        if (step.kind === 'file') {
          writeFileSync(join(folder, step.name), step.code);
        } else if (step.kind === 'run') {
          const shell = processes.start('bash', ['-euo', 'pipefail', '-c', step.code], { cwd: folder, env });
          const exit = await shell.exited();
          printed = shell.stdout();
          expect(exit, `${step.code}\nprinted:\n${printed}\n${shell.stderr()}`).toEqual({
            code: 0,
            signal: null,
          });
        } else {
          expect(printed, 'an output block follows a run block').toBeDefined();
          for (const line of step.lines) expect(printed).toMatch(outputLine(line));
        }
      }
    });
  }
});
