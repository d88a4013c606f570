import { redactUrl } from '@observatory/server';

/**
 * What the demo ran on, for the text it ends with.
 *
 * @example
 * ```ts
 * const run: DemoRun = { storeUrl: 'memory://', organizationId: 'demo', timeZone: 'Europe/Athens', topQuestionId: 'q1' };
 * ```
 */
export interface DemoRun {
  readonly storeUrl: string;
  readonly organizationId: string;
  readonly timeZone: string;
  /** The report's top missed question, for the `missed show` line. */
  readonly topQuestionId: string | undefined;
  /** With `--serve`/`--open`: the server that stays up until Ctrl-C, and its token. */
  readonly serving?: { readonly url: string; readonly token: string } | undefined;
}

// `npx observatory`: a bare `observatory` is on no PATH in a clone of the repository; npx finds the command there
// and after a local install alike.
const CLI = 'npx observatory';

/**
 * How to browse what the demo made, as the demo's last lines say it. While it serves (`--serve`): where the data is
 * served, and the CLI commands with the three `export OBSERVATORY_*` lines that point them at it. Without serving:
 * the commands to serve its store, or, for the memory store (gone with the demo), how to run it again so that it
 * is kept.
 *
 * @example
 * ```ts
 * log(demoClosingText({ storeUrl: 'memory://', organizationId: 'demo', timeZone: 'UTC', topQuestionId: undefined }));
 * // The demo kept its data in memory, gone now that it has ended. To browse it, run it again with --serve …
 * ```
 */
export function demoClosingText(run: DemoRun): string {
  const { storeUrl, organizationId, timeZone, topQuestionId, serving } = run;
  const range = `--preset last30Days --tz ${timeZone}`;
  const list = [`  ${CLI} sessions list ${range}`, `  ${CLI} missed list ${range}`];
  const show = topQuestionId === undefined ? [] : [`  ${CLI} missed show ${topQuestionId} ${range}`];
  const inMemory = storeUrl.startsWith('memory:');
  if (serving !== undefined) {
    return [
      `The demo's data is served at ${serving.url} until you press Ctrl-C${inMemory ? ' (it is kept in memory only: --store pglite://DIR keeps it)' : ''}.`,
      'Browse it in the web pages (the link below), or with the CLI from another terminal:',
      `  export OBSERVATORY_URL=${serving.url}`,
      `  export OBSERVATORY_ORG=${organizationId}`,
      `  export OBSERVATORY_TOKEN=${serving.token}`,
      ...list,
      ...show,
    ].join('\n');
  }
  if (inMemory) {
    const folder = 'pglite://./observatory-demo/store';
    return [
      'The demo kept its data in memory, gone now that it has ended. To browse it, run it again with --serve (the',
      'web pages and the CLI work on its data until Ctrl-C), or keep the data in a folder and serve that:',
      `  ${CLI} demo --store ${folder}`,
      `  ${CLI} serve --store ${folder} --org ${organizationId}`,
      'then, from another terminal where the three export OBSERVATORY_* lines serve prints were run:',
      ...list,
      `  ${CLI} missed show <id> ${range}`,
      "where <id> is one of the ids missed list prints: every run makes new ids, so this run's are of no use there.",
    ].join('\n');
  }
  return [
    "Browse it: serve the demo's store,",
    `  ${CLI} serve --store ${redactUrl(storeUrl)} --org ${organizationId}`,
    'then, from another terminal where the three export OBSERVATORY_* lines serve prints were run:',
    ...list,
    ...show,
  ].join('\n');
}
