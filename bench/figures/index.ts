import type { Figure } from '../harness/figure.js';
import { cliExportFigure } from './cli-export.js';
import { clientIterateFigure } from './client-iterate.js';
import { groupMissedFigure } from './group-missed.js';
import { missedReadsFigure } from './missed-reads.js';
import { missedReportFigure } from './missed-report.js';
import { multiProcessFigure } from './multi-process.js';
import { pagesListFigure } from './pages-list.js';
import { reduceCountersFigure } from './reduce-counters.js';
import { serverIngestFigure } from './server-ingest.js';
import { serverReadsFigure } from './server-reads.js';
import { sessionListScaleFigure } from './session-list-scale.js';
import { sessionListsFigure } from './session-lists.js';
import { sessionRecordFigure } from './session-record.js';
import { sessionsCsvFigure } from './sessions-csv.js';
import { sessionsXlsxFigure } from './sessions-xlsx.js';

/** Every figure of the benchmark, in the order. */
export const figures: readonly Figure[] = [
  groupMissedFigure,
  reduceCountersFigure,
  sessionsCsvFigure,
  sessionsXlsxFigure,
  clientIterateFigure,
  serverIngestFigure,
  serverReadsFigure,
  cliExportFigure,
  multiProcessFigure,
  pagesListFigure,
  missedReportFigure,
  missedReadsFigure,
  sessionListsFigure,
  sessionRecordFigure,
  sessionListScaleFigure,
];
