/**
 * Lists the exports of every package entry point that lack a TSDoc summary or an `@example` (STYLE.md rule 9),
 * and the fields of core's public models (the zod schemas in `packages/core/src/model/`, whose comments the API
 * reference shows on each field) that lack a summary. `npx tsx scripts/tsdoc-coverage.ts` prints them and exits 1
 * when any is missing, else prints the figure; `test/docs.test.ts` runs the same check.
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

/** Where core's public models are declared: each field of their schemas is documented too. */
const MODEL_DIR = '/packages/core/src/model/';
/** A zod call whose first argument lists an object's fields. */
const FIELDS_CALL = /^z\.(object|looseObject|strictObject)$|\.extend$/;

/** One export, or one field of a public model (`Session.createdAt`), whose documentation falls short. */
export interface TsdocGap {
  readonly entry: string;
  readonly name: string;
  readonly missing: readonly ('summary' | '@example')[];
}

/** What was checked, and what falls short. */
export interface TsdocCoverage {
  /** Exported names of the entry points. */
  readonly exports: number;
  /** Fields of the public models' schemas. */
  readonly fields: number;
  readonly gaps: readonly TsdocGap[];
}

/** Checks every exported name of the entry points, and every field of core's public models. */
export function tsdocCoverage(root: string): TsdocCoverage {
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
  let exports = 0;
  let fields = 0;
  for (const entry of ENTRY_POINTS) {
    const source = program.getSourceFile(`${root}/${entry}`);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read the exports of ${entry}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      exports++;
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.getDeclarations() ?? [];
      for (const field of modelFields(declarations)) {
        fields++;
        if (ts.getJSDocCommentsAndTags(field).length === 0) {
          gaps.push({ entry, name: `${exported.name}.${field.name?.getText()}`, missing: ['summary'] });
        }
      }
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
  return { exports, fields, gaps };
}

/** The fields listed in the zod object calls of a model schema's declaration (nested ones included). */
function modelFields(declarations: readonly ts.Declaration[]): ts.ObjectLiteralElementLike[] {
  const found: ts.ObjectLiteralElementLike[] = [];
  for (const declaration of declarations) {
    if (!ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) continue;
    if (!declaration.getSourceFile().fileName.includes(MODEL_DIR)) continue;
    const visit = (node: ts.Node): void => {
      const [fieldList] = ts.isCallExpression(node) ? node.arguments : [];
      if (
        ts.isCallExpression(node) &&
        FIELDS_CALL.test(node.expression.getText()) &&
        fieldList !== undefined &&
        ts.isObjectLiteralExpression(fieldList)
      ) {
        found.push(...fieldList.properties);
      }
      ts.forEachChild(node, visit);
    };
    visit(declaration.initializer);
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
  const { exports, fields, gaps } = tsdocCoverage(root);
  for (const gap of gaps) console.log(`${gap.entry}: ${gap.name} lacks ${gap.missing.join(' and ')}`);
  const exportGaps = gaps.filter((gap) => !gap.name.includes('.')).length;
  const figure = `${exports - exportGaps} of ${exports} exports have a summary and an @example; ${fields - (gaps.length - exportGaps)} of ${fields} fields of the public models have a summary`;
  console.log(
    gaps.length === 0 ? `TSDoc coverage 100%: ${figure}.` : `TSDoc coverage falls short: ${figure}.`,
  );
  process.exitCode = gaps.length > 0 ? 1 : 0;
}
