/**
 * Exactly once under crashes: a projector process is SIGKILLed at random moments several
 * times and restarted; in the end every read model equals a clean rebuild. The commit of
 * documents and checkpoint in one transaction is what makes this hold.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import { generateLog } from '../../../projections/src/testing/generator';
import { rebuild } from './rebuild';
import { appendLog } from './testing/seed';
import { dumpReadModels } from './testing/dump';

const CHILD = path.join(__dirname, 'testing/projectorChild.ts');

/** Runs the child; kills it once it has announced `killAfterBatches` commits, unless it finishes first. Resolves whether it finished. */
const runChild = (eventsFile: string, readFile: string, killAfterBatches: number | null): Promise<boolean> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD, eventsFile, readFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const commits = out.split('committed ').length - 1;
      if (killAfterBatches !== null && commits >= killAfterBatches) child.kill('SIGKILL');
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve(false);
      if (code === 0 && out.includes('caught up')) return resolve(true);
      reject(new Error(`projector child exited with ${code}: ${out}`));
    });
  });

describe('projector crash safety', () => {
  it('equals a clean rebuild after being SIGKILLed at random points', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-crash-'));
    const eventsFile = path.join(dir, 'events.sqlite');
    const readFile = path.join(dir, 'read.sqlite');
    try {
      const store = createSqliteEventStore({ file: eventsFile });
      await appendLog(store, generateLog({ seed: 11, institutions: 4, communitiesPerInstitution: 3, districtCommunities: 2, schoolYears: ['2025-2026', '2026-2027'] }));

      // A seeded sequence of kill delays, so a failure can be replayed.
      let seed = 42;
      const nextKill = (): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return 5 + (seed % 60);
      };
      let kills = 0;
      for (let attempt = 0; attempt < 6; attempt++) {
        const finished = await runChild(eventsFile, readFile, nextKill());
        if (finished) break;
        kills++;
      }
      expect(await runChild(eventsFile, readFile, null)).toBe(true);

      const crashed = createSqliteReadStore({ file: readFile });
      const clean = createSqliteReadStore({ file: path.join(dir, 'clean.sqlite') });
      for (const projection of PROJECTIONS) await rebuild(store, clean, projection);
      const a = await dumpReadModels(crashed, PROJECTIONS);
      const b = await dumpReadModels(clean, PROJECTIONS);
      for (const key of Object.keys(b)) expect({ key, docs: a[key] }).toEqual({ key, docs: b[key] });
      for (const projection of PROJECTIONS) expect((await crashed.status(projection.name))?.checkpoint).toBe(await store.headPosition());
      // The test is only meaningful when the projector really died mid-way.
      expect(kills).toBeGreaterThanOrEqual(3);
      await Promise.all([crashed.close(), clean.close(), store.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
