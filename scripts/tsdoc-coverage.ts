/**
 * Lists the exports of every package entry point that lack a TSDoc summary or an `@example` (STYLE.md rule 9).
 * `npx tsx scripts/tsdoc-coverage.ts` prints them and exits 1 when any is missing; `test/docs.test.ts` runs the
 * same check.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The public entry points: what a user can import. */
export const ENTRY_POINTS = [
  'packages/core/src/index.ts',
  'packages/core/src/xlsx.ts',
  'packages/client/src/index.ts',
  'packages/server/src/index.ts',
  'packages/nodes/src/index.ts',
  'packages/cli/src/index.ts',
] as const;

/** One export whose documentation falls short. */
export interface TsdocGap {
  readonly entry: string;
  readonly name: string;
  readonly missing: readonly ('summary' | '@example')[];
}

/** Finds every exported name of the entry points without a summary or an `@example`. */
export function findTsdocGaps(root: string): TsdocGap[] {
  const files = ENTRY_POINTS.map((entry) => `${root}/${entry}`);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const gaps: TsdocGap[] = [];
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(`${root}/${entry}`);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.getDeclarations() ?? [];
      const docs = declarations.flatMap((declaration) => ts.getJSDocCommentsAndTags(declaration));
      const hasSummary = docs.some((doc) => ts.isJSDoc(doc) && ts.getTextOfJSDocComment(doc.comment)?.trim());
      const hasExample = declarations.some((declaration) =>
        ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example'),
      );
      const missing = [
        ...(hasSummary ? [] : ['summary' as const]),
        ...(hasExample ? [] : ['@example' as const]),
      ];
      if (missing.length > 0) gaps.push({ entry, name: exported.name, missing });
    }
  }
  return gaps;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
  const gaps = findTsdocGaps(root);
  for (const gap of gaps) console.log(`${gap.entry}: ${gap.name} lacks ${gap.missing.join(' and ')}`);
  process.exitCode = gaps.length > 0 ? 1 : 0;
}
