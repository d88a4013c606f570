import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { OutboxCorruptError } from '../errors/errors.js';
import type { DeadLetter, OutboxEntry, OutboxStorage } from './outbox-storage.js';

/**
 * Options of {@link createFileOutbox}.
 *
 * @example
 * ```ts
 * import { createFileOutbox, type FileOutboxOptions } from '@observatory/nodes';
 * const options: FileOutboxOptions = { path: './data/missed-questions.outbox.jsonl' };
 * const outbox = createFileOutbox(options);
 * ```
 */
export interface FileOutboxOptions {
  /** The journal file (created with its folder if missing), e.g. `./data/missed-questions.outbox.jsonl`. */
  readonly path: string;
}

type JournalRecord =
  | { readonly op: 'add'; readonly entry: OutboxEntry }
  | { readonly op: 'remove'; readonly key: string }
  | { readonly op: 'dead'; readonly letter: DeadLetter };

/**
 * A durable outbox: an append-only JSON-lines journal, `fsync`ed before each `add`/`remove`/`deadLetter`
 * resolves, so a report acknowledged to the caller survives a crash or restart. Opening replays the journal
 * (dropping a torn last line a crash may leave) and rewrites it compacted; `compact()` (the reporter calls it
 * on flush) rewrites it atomically (temp file, fsync, rename). One process owns a journal at a time.
 *
 * @example
 * ```ts
 * import { createFileOutbox, createMissedQuestionReporter } from '@observatory/nodes';
 * const outbox = createFileOutbox({ path: './data/missed-questions.outbox.jsonl' });
 * const reporter = createMissedQuestionReporter({ client, outbox });
 * // After a restart, a new outbox on the same path still holds every report not yet delivered.
 * ```
 */
export function createFileOutbox(options: FileOutboxOptions): OutboxStorage {
  return new FileOutbox(options.path);
}

class FileOutbox implements OutboxStorage {
  readonly #path: string;
  readonly #pending = new Map<string, OutboxEntry>();
  readonly #dead: DeadLetter[] = [];
  #handle: FileHandle | undefined;
  #opened: Promise<void> | undefined;
  // Every file operation runs after the previous one, so journal lines never interleave.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
  }

  add(entry: OutboxEntry): Promise<boolean> {
    return this.#serial(async () => {
      if (this.#pending.has(entry.key)) return false;
      await this.#append({ op: 'add', entry });
      this.#pending.set(entry.key, entry);
      return true;
    });
  }

  pending(): Promise<readonly OutboxEntry[]> {
    return this.#serial(async () => [...this.#pending.values()]);
  }

  size(): Promise<number> {
    return this.#serial(async () => this.#pending.size);
  }

  remove(key: string): Promise<void> {
    return this.#serial(async () => {
      if (!this.#pending.has(key)) return;
      await this.#append({ op: 'remove', key });
      this.#pending.delete(key);
    });
  }

  deadLetter(letter: DeadLetter): Promise<void> {
    return this.#serial(async () => {
      await this.#append({ op: 'dead', letter });
      this.#pending.delete(letter.key);
      this.#dead.push(letter);
    });
  }

  deadLetters(): Promise<readonly DeadLetter[]> {
    return this.#serial(async () => [...this.#dead]);
  }

  compact(): Promise<void> {
    return this.#serial(() => this.#rewrite());
  }

  close(): Promise<void> {
    return this.#serial(async () => {
      await this.#handle?.close();
      this.#handle = undefined;
      this.#opened = undefined;
    });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(async () => {
      this.#opened ??= this.#load();
      await this.#opened;
      return work();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #load(): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.#pending.clear();
    this.#dead.length = 0;
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      let record: JournalRecord;
      try {
        record = JSON.parse(line) as JournalRecord;
      } catch (error) {
        // Only the last line can be torn by a crash mid-append; it was never acknowledged to a caller.
        if (index === lines.length - 1) return;
        throw new OutboxCorruptError(this.#path, index + 1, { cause: error });
      }
      this.#apply(record);
    });
    await this.#rewrite();
  }

  #apply(record: JournalRecord): void {
    if (record.op === 'add') this.#pending.set(record.entry.key, record.entry);
    else if (record.op === 'remove') this.#pending.delete(record.key);
    else {
      this.#pending.delete(record.letter.key);
      this.#dead.push(record.letter);
    }
  }

  async #append(record: JournalRecord): Promise<void> {
    if (!this.#handle) this.#handle = await open(this.#path, 'a');
    try {
      await this.#handle.appendFile(`${JSON.stringify(record)}\n`, 'utf8');
      await this.#handle.sync();
    } catch (error) {
      // A failed append (disk full, I/O error) may leave part of a line, and later appends would put it in the
      // middle of the journal, where a load refuses it as corrupt. The journal is rewritten from memory, which
      // the failed record never reached: the caller gets the error, and the file matches what was acknowledged.
      // Should the rewrite fail too, the torn line stays last and the next load drops it.
      await this.#rewrite().catch(() => undefined);
      throw error;
    }
  }

  async #rewrite(): Promise<void> {
    const records: JournalRecord[] = [
      ...this.#dead.map((letter) => ({ op: 'dead' as const, letter })),
      ...[...this.#pending.values()].map((entry) => ({ op: 'add' as const, entry })),
    ];
    const temp = `${this.#path}.${process.pid}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writeFile(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await this.#handle?.close();
    this.#handle = undefined;
    await rename(temp, this.#path);
    await syncDirectory(dirname(this.#path));
  }
}

async function syncDirectory(path: string): Promise<void> {
  // Makes the rename itself durable; not every platform lets a directory be opened, which is fine to skip.
  try {
    const dir = await open(path, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Windows cannot fsync a directory.
  }
}
