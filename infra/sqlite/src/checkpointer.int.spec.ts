import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FALLBACK_PAGES } from './checkpointer';
import { flushCheckpoints, openSqliteFile } from './index';

const SCHEMA = 'CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)';

describe('background WAL checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const walFrames = (db: ReturnType<typeof openSqliteFile>): { log: number; checkpointed: number } =>
    (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0] as { log: number; checkpointed: number };

  it('copies a WAL back on its own thread, without the writer checkpointing', async () => {
    const file = path.join(dir, 'a.sqlite');
    const db = openSqliteFile(file, { busyTimeoutMs: 1000, cacheMb: 2, schema: SCHEMA });
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    // ~1,500 pages: under the writer's own threshold, so only the thread can have copied them.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);
    for (let i = 0; i < 1_500; i++) insert.run('x'.repeat(3_000));
    await flushCheckpoints();
    const frames = walFrames(db);
    expect(frames.checkpointed).toBe(frames.log);
    expect(statSync(file).size).toBeGreaterThan(1_500 * 4_096);
    // Once every frame is copied the next write starts the log over.
    insert.run('y');
    expect(walFrames(db).log).toBeLessThan(10);
    db.close();
  });

  it('leaves the automatic checkpoint alone when asked to', async () => {
    const db = openSqliteFile(path.join(dir, 'b.sqlite'), { busyTimeoutMs: 1000, cacheMb: 2, schema: SCHEMA, backgroundCheckpoint: false });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
  });

  it('keeps checkpointing a file while any of its connections is open', async () => {
    const file = path.join(dir, 'c.sqlite');
    const first = openSqliteFile(file, { busyTimeoutMs: 1000, cacheMb: 2, schema: SCHEMA });
    const second = openSqliteFile(file, { busyTimeoutMs: 1000, cacheMb: 2, schema: SCHEMA });
    first.close();
    const insert = second.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(3_000));
    await flushCheckpoints();
    const frames = walFrames(second);
    expect(frames.checkpointed).toBe(frames.log);
    second.close();
  });
});
