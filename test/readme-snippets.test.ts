import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every ```ts block of README.md, packages/*/README.md and docs/*.md is type-checked as its own module, against the packages' sources
// (the root tsconfig's paths), so a renamed export or a changed signature breaks the build, not the reader.
// Convention (docs/getting-started.md, "Writing docs"): a snippet declares what it assumes with visible
// `declare const x: T;` lines; nothing is prepended. The modules live only in memory, at paths under test/ so
// that module resolution finds node_modules and the paths exactly as a file there would.

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

interface Snippet {
  readonly file: string;
  /** Line of the first code line in the Markdown file (1-based). */
  readonly line: number;
  readonly code: string;
  readonly modulePath: string;
}

function snippets(): Snippet[] {
  const files = [
    'README.md',
    ...readdirSync(join(root, 'packages'))
      .filter((name) => existsSync(join(root, 'packages', name, 'README.md')))
      .map((name) => `packages/${name}/README.md`),
    ...readdirSync(join(root, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) => {
    const markdown = readFileSync(join(root, file), 'utf8');
    return [...markdown.matchAll(/^```(?:ts|typescript)[^\S\n]*\n([\s\S]*?)^```/gm)].map((match, index) => {
      const line = markdown.slice(0, match.index).split('\n').length + 1;
      const modulePath = `${root}/test/.snippets/${file.replace(/[/.]/g, '_')}_${index}.ts`;
      return { file, line, code: match[1] ?? '', modulePath };
    });
  });
}

function typeCheck(all: readonly Snippet[]): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}/tsconfig.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('cannot read tsconfig.json');
  const byPath = new Map(all.map((snippet) => [snippet.modulePath, snippet]));
  const host = ts.createCompilerHost(config.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => byPath.has(path) || fileExists.call(host, path);
  host.readFile = (path) => byPath.get(path)?.code ?? readFile.call(host, path);
  host.getSourceFile = (path, language, ...rest) => {
    const snippet = byPath.get(path);
    return snippet
      ? ts.createSourceFile(path, snippet.code, language)
      : getSourceFile.call(host, path, language, ...rest);
  };
  const program = ts.createProgram({ rootNames: [...byPath.keys()], options: config.options, host });
  const errors = new Map<string, string[]>();
  for (const snippet of all) {
    const source = program.getSourceFile(snippet.modulePath);
    if (!source) throw new Error(`snippet ${snippet.file}:${snippet.line} was not compiled`);
    // Only the snippet's own diagnostics: the packages are checked by `npm run typecheck`.
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    errors.set(
      snippet.modulePath,
      diagnostics.map((d) => {
        const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        return `${snippet.file}:${snippet.line + at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return errors;
}

describe('TypeScript snippets in README.md, packages/*/README.md and docs/*.md', () => {
  const all = snippets();
  const errors = typeCheck(all);

  it('finds the snippets', () => {
    expect(all.some((snippet) => snippet.file === 'README.md')).toBe(true);
  });

  it.each(all.map((snippet) => [`${snippet.file}:${snippet.line}`, snippet] as const))(
    '%s type-checks',
    (_, snippet) => {
      expect(errors.get(snippet.modulePath)).toEqual([]);
    },
  );
});
