/**
 * The standalone projector process (main.ts) as an orchestrator sees it: configuration errors
 * name the variable and exit 1; started on the embedded stores it takes the lease, projects,
 * reports itself on /healthz, and on SIGTERM exits 0 having released the lease.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteEventStore } from '@collegium/eventstore';
import { generateLog } from '../../../../projections/src/testing/generator';
import { appendLog } from '../testing/seed';
import { createSqliteLease } from './sqlite';
import { freePort } from '@collegium/queue/src/testing/redis';

const ROOT = path.resolve(__dirname, '../../../..');
const MAIN = path.join(ROOT, 'services/projector/src/main.ts');

/** Only what the test sets: no COLLEGIUM_* or REDIS_URL of the surrounding shell leaks in. */
const startMain = (env: Record<string, string>) => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('projector main', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-projector-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the bad variable and exits 1', async () => {
    const run = startMain({ COLLEGIUM_DATA_DIR: dir, COLLEGIUM_LEASE_TTL_MS: '10' });
    expect(await run.exit).toBe(1);
    expect(run.output()).toMatch(/COLLEGIUM_LEASE_TTL_MS/);
  });

  it('projects under the lease, answers /healthz, and releases the lease on SIGTERM', async () => {
    const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    const events = await appendLog(store, generateLog({ seed: 3, institutions: 1, communitiesPerInstitution: 2, districtCommunities: 1 }));
    await store.close();
    const port = await freePort();
    const run = startMain({ COLLEGIUM_DATA_DIR: dir, COLLEGIUM_HEALTH_PORT: String(port), COLLEGIUM_LEASE_TTL_MS: '1000', COLLEGIUM_INSTANCE_ID: 'main-test' });
    try {
      let health: unknown = null;
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && run.child.exitCode === null) {
        health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json(), () => null);
        if ((health as { position?: number } | null)?.position === events) break;
        await sleep(100);
      }
      expect(health).toEqual({ status: 'ok', leaseHeld: true, position: events });
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exit).toBe(0);
    const observer = createSqliteLease({ name: 'projector', owner: 'observer', ttlMs: 1000, file: path.join(dir, 'leases.sqlite') });
    expect(await observer.holder()).toBeNull();
    await observer.close();
  }, 30_000);
});
