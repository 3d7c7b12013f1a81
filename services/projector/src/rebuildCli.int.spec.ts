/**
 * `npm run rebuild` as a user runs it: a process of its own, with the lean loader, on a data
 * folder. It rebuilds into fresh generations, activates them, and reports its progress.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createMemoryReadStore, createSqliteReadStore } from '@collegium/readstore';
import { generateLog } from '../../../projections/src/testing/generator';
import { rebuildAll } from './rebuild';
import { appendLog } from './testing/seed';
import { dumpReadModels } from './testing/dump';

const ROOT = path.join(__dirname, '..', '..', '..');
const DISTRICT = { seed: 11, institutions: 2, communitiesPerInstitution: 2, districtCommunities: 1, schoolYears: ['2025-2026'] };

const runCli = (dataDir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } => {
  const result = spawnSync(process.execPath, ['--max-old-space-size=192', '-r', './scripts/lean-register.js', 'services/projector/src/rebuildCli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, COLLEGIUM_DATA_DIR: dataDir, COLLEGIUM_EVENT_STORE: 'sqlite', COLLEGIUM_READ_STORE: 'sqlite' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('npm run rebuild', () => {
  let dir: string;
  let head: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-rebuild-cli-'));
    const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    head = await appendLog(store, generateLog(DISTRICT));
    await store.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every projection into new generations, activates them, and ends with what a rebuild in memory gives', async () => {
    const run = runCli(dir, 'all');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`rebuilt to position ${head}`);

    const expected = createMemoryReadStore();
    const events = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    try {
      await rebuildAll(events, expected, PROJECTIONS);
      for (const projection of PROJECTIONS) {
        // Registered as generation 1, rebuilt into 2, which is now the active one.
        expect(await readStore.status(projection.name)).toMatchObject({ activeGeneration: 2, checkpoint: head, version: projection.version });
      }
      expect(await dumpReadModels(readStore, PROJECTIONS)).toEqual(await dumpReadModels(expected, PROJECTIONS));
    } finally {
      await Promise.all([events.close(), readStore.close(), expected.close()]);
    }
  });

  it('rebuilds one projection alone, and refuses an unknown one with the known names', async () => {
    const [first, second] = PROJECTIONS;
    const run = runCli(dir, first?.name as string);
    expect(run.status).toBe(0);
    const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    try {
      expect(await readStore.status(first?.name as string)).toMatchObject({ activeGeneration: 3, checkpoint: head });
      expect(await readStore.status(second?.name as string)).toMatchObject({ activeGeneration: 2 });
    } finally {
      await readStore.close();
    }

    const unknown = runCli(dir, 'no-such-projection');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`Unknown projection "no-such-projection". Known: all, ${PROJECTIONS.map((p) => p.name).join(', ')}`);
  });
});
