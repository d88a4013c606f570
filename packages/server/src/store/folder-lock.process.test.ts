import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { useProcesses } from '../../../../test/support/processes.js';
import { LOCK_FILE } from './folder-lock.js';

const processes = useProcesses();
const CONTENDERS = 6;

it.each([1, 2, 3, 4, 5])(
  'round %i: six processes released at once on a lock whose holder is gone; exactly one takes it over',
  async () => {
    const dir = processes.tempDir('observatory-lock-race-');
    const folder = join(dir, 'data');
    const go = join(dir, 'go');
    const gone = processes.start(process.execPath, ['-e', '']);
    await gone.exited();
    mkdirSync(folder);
    writeFileSync(join(folder, LOCK_FILE), `${gone.pid}\n`);

    const contenders = Array.from({ length: CONTENDERS }, () =>
      processes.startTsx('test/support/lock-racer.ts', [], { env: { FOLDER: folder, GO: go } }),
    );
    await Promise.all(contenders.map((contender) => contender.waitFor(/^ready$/m)));
    writeFileSync(go, '');
    const outcomes = await Promise.all(
      contenders.map(async (contender) => (await contender.waitFor(/^(won|refused by \d+)$/m))[1]),
    );
    const winners = contenders.filter((_, i) => outcomes[i] === 'won');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome !== 'won')).toEqual(
      Array.from({ length: CONTENDERS - 1 }, () => `refused by ${winners[0]?.pid}`),
    );
    await Promise.all(contenders.map((contender) => contender.kill()));
  },
);
