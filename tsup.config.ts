import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

interface PackageSpec {
  name: string;
  entry: Record<string, string>;
  /** Extra options, e.g. a shebang banner for the CLI's bin. */
  options?: Partial<Options>;
}

// One build definition for every package: ESM + CJS + .d.ts, dependencies left external.
const packages: PackageSpec[] = [
  { name: 'core', entry: { index: 'src/index.ts', xlsx: 'src/xlsx.ts' } },
  { name: 'client', entry: { index: 'src/index.ts' } },
  { name: 'server', entry: { index: 'src/index.ts', bin: 'src/bin.ts' } },
  { name: 'nodes', entry: { index: 'src/index.ts' } },
  { name: 'cli', entry: { index: 'src/index.ts', bin: 'src/bin.ts' } },
];

function externals(name: string): RegExp[] {
  const manifest = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8')) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  // Subpath imports (`hono/http-exception`, `@observatory/core/xlsx`) are external too.
  return deps.map((dep) => new RegExp(`^${dep.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));
}

export default defineConfig(
  packages.map(({ name, entry, options }) => ({
    name,
    entry: Object.fromEntries(Object.entries(entry).map(([key, file]) => [key, `packages/${name}/${file}`])),
    outDir: `packages/${name}/dist`,
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { composite: false } },
    tsconfig: 'tsconfig.build.json',
    target: 'node20',
    platform: name === 'core' ? 'neutral' : 'node',
    sourcemap: true,
    clean: true,
    treeshake: true,
    external: externals(name),
    ...options,
  })),
);
