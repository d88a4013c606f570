import { fileURLToPath } from 'node:url';
import { lastJsonLine, runChild } from '../harness/child-process.js';
import { type Figure, scaled } from '../harness/figure.js';
import { toResult } from '../harness/result.js';

const child = fileURLToPath(new URL('../child/xlsx-writer.ts', import.meta.url));
const MB = 2 ** 20;
const TIME_TARGET = { op: '<=', limit: 1.2 } as const;
const RSS_TARGET = { op: '<=', limit: 250 } as const;
const GROWTH_TARGET = { op: '<', limit: 20 } as const;
const NAME_TIME = 'sessionsToXlsx time vs raw exceljs';
const NAME_RSS = 'sessionsToXlsx peak RSS';
const NAME_GROWTH = 'sessionsToXlsx peak RSS growth';

interface XlsxRun {
  readonly ms: number;
  readonly peakMb: number;
}

async function writeXlsx(impl: 'ours' | 'raw', rows: number): Promise<XlsxRun> {
  const run = await runChild(child, ['--impl', impl, '--rows', String(rows)]);
  const { ms } = lastJsonLine(run.stdout) as { ms: number };
  return { ms, peakMb: run.peakRssBytes / MB };
}

/**
 * Figure 4: sessionsToXlsx against the raw exceljs streaming writer, each in a child process of its own: time at
 * the large size (the small size under --quick, to stay within two minutes), peak RSS at the large size and its
 * growth from the small size (1/10 of it).
 */
export const sessionsXlsxFigure: Figure = {
  id: 'sessions-xlsx',
  title: '4. sessionsToXlsx',
  rows: [
    { name: NAME_TIME, unit: 'ms', target: TIME_TARGET },
    { name: NAME_RSS, unit: 'MB', target: RSS_TARGET },
    { name: NAME_GROWTH, unit: '%', target: GROWTH_TARGET },
  ],
  async run(context) {
    const large = scaled(context, 1_000_000);
    const small = Math.round(large / 10);
    const floor = await writeXlsx('ours', 1);
    context.log(`ours: ${small} and ${large} rows`);
    const oursSmall = await writeXlsx('ours', small);
    const oursLarge = await writeXlsx('ours', large);
    const rawSmall = await writeXlsx('raw', small);
    // Under --quick the raw writer's large run (the slowest of all) is left out: time is compared at the small size.
    const rawLarge = context.quick ? undefined : await writeXlsx('raw', large);
    const [timeRows, oursTime, rawTime] =
      rawLarge === undefined ? [small, oursSmall, rawSmall] : [large, oursLarge, rawLarge];
    const growth = (from: XlsxRun, to: XlsxRun) => ((to.peakMb - from.peakMb) / from.peakMb) * 100;
    const rows = (n: number) => n.toLocaleString('en-US');
    return [
      toResult(
        {
          name: NAME_TIME,
          unit: 'ms',
          value: oursTime.ms,
          baseline: rawTime.ms,
          target: TIME_TARGET,
          note: `${rows(timeRows)} rows, one child process each (a single run: one full-size run takes minutes); both sides generate and flatten the same sessions lazily`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          name: NAME_RSS,
          unit: 'MB',
          value: oursLarge.peakMb,
          baseline: rawLarge?.peakMb ?? null,
          target: RSS_TARGET,
          targetOn: 'value',
          note: `${rows(large)} rows; baseline = raw exceljs (full run only); a child writing 1 row peaks at ${floor.peakMb.toFixed(0)} MB (Node + tsx + zod + exceljs)`,
        },
        context.scaleLabel,
      ),
      toResult(
        {
          name: NAME_GROWTH,
          unit: '%',
          value: growth(oursSmall, oursLarge),
          baseline: rawLarge === undefined ? null : growth(rawSmall, rawLarge),
          target: GROWTH_TARGET,
          targetOn: 'value',
          note: `peak RSS ${rows(small)} → ${rows(large)} rows: ours ${oursSmall.peakMb.toFixed(0)} → ${oursLarge.peakMb.toFixed(0)} MB, raw exceljs ${rawSmall.peakMb.toFixed(0)} → ${rawLarge === undefined ? 'not run under --quick' : `${rawLarge.peakMb.toFixed(0)} MB`}`,
        },
        context.scaleLabel,
      ),
    ];
  },
};
