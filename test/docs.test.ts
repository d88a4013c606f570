import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEFAULT_URL } from '@observatory/cli';
import { openApiDocument } from '@observatory/server';
import { describe, expect, it } from 'vitest';
import { serveCommand } from '../packages/cli/src/commands/serve.js';
import { HTTP_API_DOC_PATH, renderHttpApiDoc } from '../scripts/http-api-doc.js';
import { tsdocCoverage } from '../scripts/tsdoc-coverage.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** README.md, each package's README and every guide in docs/ (not the generated API reference). */
function markdownFiles(): string[] {
  const guides = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  const packageReadmes = readdirSync(join(root, 'packages'))
    .map((name) => join('packages', name, 'README.md'))
    .filter((path) => existsSync(join(root, path)));
  return ['README.md', ...packageReadmes, ...guides];
}

/** Link targets outside code: inline `[text](target)` and reference `[id]: target`. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? '');
  const reference = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] ?? '');
  return [...inline, ...reference];
}

describe('docs', () => {
  it('docs/http-api.md is what scripts/http-api-doc.ts renders from the server OpenAPI document', () => {
    const committed = readFileSync(join(root, HTTP_API_DOC_PATH), 'utf8');
    // On failure: run `npx tsx scripts/http-api-doc.ts` and commit the page.
    expect(committed).toBe(renderHttpApiDoc(openApiDocument()));
  });

  it('documents every operation of the OpenAPI document', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const page = renderHttpApiDoc(doc);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        expect(page).toContain(`### ${method.toUpperCase()} ${path}\n`);
      }
    }
  });

  // STYLE.md rule 9. On failure: `npx tsx scripts/tsdoc-coverage.ts` lists the exports to document.
  it('every export of every package entry point has a TSDoc summary and an @example, every model field a summary', () => {
    const coverage = tsdocCoverage(resolve(root));
    expect(coverage.gaps).toEqual([]);
    // The public models' fields are found at all (a change of how schemas are written could hide them).
    expect(coverage.fields).toBeGreaterThan(100);
  }, 60_000);

  // A reader runs `observatory serve` and copies an example's command: it must carry what serve printed.
  it('every example README points its commands at what `observatory serve` prints', async () => {
    const stdout = new PassThrough();
    const printed: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => printed.push(chunk));
    const io = { stdout, stderr: process.stderr, env: {}, cwd: root };
    const running = await serveCommand({ host: '127.0.0.1', port: '0', store: 'memory://', json: true }, io);
    await running.close();
    const { organizationId } = JSON.parse(Buffer.concat(printed).toString()) as { organizationId: string };
    const readmes = readdirSync(join(root, 'examples')).map((name) => join('examples', name, 'README.md'));
    const settings = readmes.flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/OBSERVATORY_(URL|ORG|TOKEN)=(\S+)/g)].map(
        (match) => `${file}: ${match[1]}=${match[2]}`,
      ),
    );
    expect(settings.length).toBeGreaterThan(0);
    // The token is random at each start: a README shows a placeholder, never a value serve would not accept.
    const expected = { URL: DEFAULT_URL, ORG: organizationId, TOKEN: '…' };
    const wrong = settings.filter((line) => {
      const [, name, value] = /: (URL|ORG|TOKEN)=(.*)$/.exec(line) ?? [];
      return expected[name as keyof typeof expected] !== value;
    });
    expect(wrong).toEqual([]);
  }, 60_000);

  it.each(markdownFiles())('every relative link in %s points to an existing file', (file) => {
    const targets = linkTargets(readFileSync(join(root, file), 'utf8'))
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'))
      .map((target) => decodeURIComponent(target.split('#')[0] ?? ''));
    const missing = targets.filter((target) => !existsSync(resolve(root, dirname(file), target)));
    expect(missing).toEqual([]);
  });
});
