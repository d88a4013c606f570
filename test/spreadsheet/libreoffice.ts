// Drives LibreOffice headless for the spreadsheet suite: finds `soffice`, converts files with LibreOffice's own
// filters in one process per call (a fresh user profile each run), and reads its CSV output back with the
// quoting kept, since "quote all text cells" is how the output tells a text cell from a number or a date.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** `soffice` on the PATH, or undefined. */
export function findSoffice(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

/**
 * LibreOffice's CSV export: `,` separator, `"` delimiter, UTF-8 (76), from line 1, no column formats, language 0,
 * quote all text cells (token 7); cell contents are saved as shown (token 9's default). See LibreOffice Help,
 * "CSV Filter Options" (text/shared/guide/csv_params).
 */
export const CSV_OUT = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true';

/**
 * LibreOffice's CSV import splitting at each of `separators`, every one of `columns` columns read as Text
 * (format 2), as a careful user sets it in the import dialog: the values then arrive exactly as written.
 */
export function csvTextImport(separators: string, columns: number): string {
  const codes = [...separators].map((separator) => separator.charCodeAt(0)).join('/');
  const formats = Array.from({ length: columns }, (_, i) => `${i + 1}/2`).join('/');
  return `Text - txt - csv (StarCalc):${codes},34,76,1,${formats},0,false,false`;
}

/**
 * LibreOffice's CSV import as a double-click opens a file: columns "Standard" (numbers and dates detected),
 * formulas evaluated (token 13).
 */
export function csvDefaultImport(separator: ';' | ','): string {
  return `Text - txt - csv (StarCalc):${separator.charCodeAt(0)},34,76,1,,0,false,true,,,,,true`;
}

/**
 * Converts `files` in one soffice run into `outDir`, waiting as long as a busy machine needs (`deadlineMs`).
 * soffice runs in a process group of its own, killed whole on the deadline.
 */
export async function convert(options: {
  readonly soffice: string;
  readonly profileDir: string;
  readonly files: readonly string[];
  readonly to: string;
  readonly outDir: string;
  readonly inFilter?: string | undefined;
  readonly deadlineMs: number;
}): Promise<void> {
  const args = [
    `-env:UserInstallation=file://${join(options.profileDir)}`,
    '--headless',
    '--norestore',
    '--nolockcheck',
    ...(options.inFilter ? [`--infilter=${options.inFilter}`] : []),
    '--convert-to',
    options.to,
    '--outdir',
    options.outDir,
    ...options.files,
  ];
  const child = spawn(options.soffice, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
      timer = setTimeout(
        () => reject(new Error(`soffice did not finish within ${options.deadlineMs} ms:\n${output}`)),
        options.deadlineMs,
      );
    });
    if (code !== 0) throw new Error(`soffice exited with ${code}:\n${output}`);
  } finally {
    clearTimeout(timer);
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

/** One cell of LibreOffice's CSV output: its text, and whether LibreOffice quoted it (a text cell). */
export interface OutputCell {
  readonly value: string;
  readonly quoted: boolean;
}

/** Reads LibreOffice's CSV output (`,`, `"`, LF line ends, line breaks only inside quotes) keeping the quoting. */
export function readOutputCsv(text: string): OutputCell[][] {
  const rows: OutputCell[][] = [];
  let row: OutputCell[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) throw new Error('unterminated quoted cell in LibreOffice output');
        value += text.slice(i, close);
        if (text[close + 1] === '"') {
          value += '"';
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
    } else {
      let end = i;
      while (end < n && text[end] !== ',' && text[end] !== '\n' && text[end] !== '\r') end++;
      value = text.slice(i, end);
      i = end;
    }
    row.push({ value, quoted });
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n' || i >= n) {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}
