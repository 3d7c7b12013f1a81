import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startWriterThread, statementRuns, type WriteBatch } from './writerThread';

describe('read store writer thread', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-writer-'));
    file = path.join(dir, 'read.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE cp (name TEXT PRIMARY KEY, at INTEGER NOT NULL); CREATE TABLE docs (_id TEXT PRIMARY KEY, doc TEXT NOT NULL);');
    db.prepare("INSERT INTO cp VALUES ('p', 0)").run();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const batch = (from: number, to: number, writes: WriteBatch['writes'] = []): WriteBatch => ({
    guard: { sql: 'SELECT at FROM cp WHERE name = ?', params: ['p'], expected: from },
    writes: [...writes, statementRuns('UPDATE cp SET at = ? WHERE name = ?', [[to, 'p']])],
  });
  const docs = (): unknown[] => db.prepare('SELECT _id, doc FROM docs ORDER BY _id').all();

  it('commits a batch in one transaction and refuses one whose guard moved', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    expect(await writer.commit(batch(0, 5, [statementRuns('INSERT INTO docs VALUES (?, ?)', [['a', '{}']])]))).toEqual({ ok: true });
    expect(await writer.commit(batch(0, 9, [statementRuns('INSERT INTO docs VALUES (?, ?)', [['b', '{}']])]))).toEqual({ mismatch: 5 });
    expect(docs()).toEqual([{ _id: 'a', doc: '{}' }]);
    await writer.close();
  });

  it('rolls a failing batch back whole, reports the error, and goes on serving', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    const failing = batch(0, 5, [
      statementRuns('INSERT INTO docs VALUES (?, ?)', [['a', '{}']]),
      statementRuns('INSERT INTO missing_table VALUES (?)', [['x']]),
    ]);
    await expect(writer.commit(failing)).rejects.toThrow(/missing_table/);
    expect(docs()).toEqual([]);
    expect(db.prepare("SELECT at FROM cp WHERE name = 'p'").pluck().get()).toBe(0);
    expect(await writer.commit(batch(0, 5))).toEqual({ ok: true });
    await writer.close();
  });

  it('runs a statement once per row of its flat parameters', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    const rows = [['a', '{"n":1}'], ['b', '{"n":2}'], ['c', '{"n":3}']];
    expect(await writer.commit(batch(0, 1, [statementRuns('INSERT INTO docs VALUES (?, ?)', rows)]))).toEqual({ ok: true });
    expect(docs()).toEqual(rows.map(([_id, doc]) => ({ _id, doc })));
    await writer.close();
  });

  it('finishes the commits already sent before it closes', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    const sent = Array.from({ length: 20 }, (_, i) => writer.commit(batch(i, i + 1, [statementRuns('INSERT INTO docs VALUES (?, ?)', [[`d${i}`, '{}']])])));
    await writer.close();
    expect(await Promise.all(sent)).toEqual(Array.from({ length: 20 }, () => ({ ok: true })));
    expect(docs()).toHaveLength(20);
  });
});
