import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAX_QUEUED_CHARS, startWriterThread, statementRuns, type WriteBatch } from './writerThread';

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
    expect(await writer.commit(batch(0, 9, [statementRuns('INSERT INTO docs VALUES (?, ?)', [['b', '{}']])]))).toEqual({ mismatch: 5, guard: 0 });
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

  it('makes a caller that outruns it wait, so no more than a bound is queued, and loses nothing', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    const transaction = writer.begin([batch(0, 1).guard]);
    const part = 1_000_000;
    const rows = Array.from({ length: 12 }, (_, i) => [`doc-${String(i).padStart(2, '0')}`, JSON.stringify({ text: 'x'.repeat(part) })]);
    let most = 0;
    for (const row of rows) {
      // Each write returns at once; the ones past the bound only once the thread has caught up.
      transaction.write([statementRuns('INSERT INTO docs VALUES (?, ?)', [row])]);
      most = Math.max(most, writer.queued());
    }
    const ended = await transaction.end(batch(0, 1).writes);
    await writer.close();
    expect(most).toBeGreaterThan(part);
    expect(most).toBeLessThanOrEqual(MAX_QUEUED_CHARS + part + 100);
    expect(ended).toEqual({ ok: true });
    expect(writer.queued()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM docs').pluck().get()).toBe(12);
  });

  it('finishes the commits already sent before it closes', async () => {
    const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
    const sent = Array.from({ length: 20 }, (_, i) => writer.commit(batch(i, i + 1, [statementRuns('INSERT INTO docs VALUES (?, ?)', [[`d${i}`, '{}']])])));
    await writer.close();
    expect(await Promise.all(sent)).toEqual(Array.from({ length: 20 }, () => ({ ok: true })));
    expect(docs()).toHaveLength(20);
  });

  describe('a transaction written in parts', () => {
    const guard = (expected: number) => ({ sql: 'SELECT at FROM cp WHERE name = ?', params: ['p'], expected });
    const insert = (id: string) => [statementRuns('INSERT INTO docs VALUES (?, ?)', [[id, '{}']])];
    const moveTo = (to: number) => [statementRuns('UPDATE cp SET at = ? WHERE name = ?', [[to, 'p']])];

    it('writes the parts at once, inside the transaction, and commits them at its end', async () => {
      const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
      const transaction = writer.begin([guard(0)]);
      transaction.write(insert('a'));
      transaction.write(insert('b'));
      // A connection of its own sees nothing before the end (and is not blocked: WAL).
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(docs()).toEqual([]);
      expect(await transaction.end(moveTo(3))).toEqual({ ok: true });
      expect(docs()).toEqual([{ _id: 'a', doc: '{}' }, { _id: 'b', doc: '{}' }]);
      expect(() => transaction.write(insert('c'))).toThrow(/ended/);
      await writer.close();
    });

    it('holds a transaction begun while another is open until that one ends', async () => {
      const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
      const first = writer.begin([guard(0)]);
      // Its guard expects the first one's checkpoint: it holds only if it runs after it.
      const second = writer.begin([guard(1)]);
      second.write(insert('second'));
      first.write(insert('first'));
      const secondEnded = second.end(moveTo(2));
      expect(await first.end(moveTo(1))).toEqual({ ok: true });
      expect(await secondEnded).toEqual({ ok: true });
      expect(docs()).toHaveLength(2);
      await writer.close();
    });

    it('rolls back an aborted transaction and one whose part failed, and goes on serving', async () => {
      const writer = startWriterThread(file, { busyTimeoutMs: 1000, autocheckpointPages: 1000 });
      const aborted = writer.begin([guard(0)]);
      aborted.write(insert('aborted'));
      aborted.abort();
      const failing = writer.begin([guard(0)]);
      failing.write(insert('failing'));
      failing.write([statementRuns('INSERT INTO missing_table VALUES (?)', [['x']])]);
      failing.write(insert('after'));
      await expect(failing.end(moveTo(5))).rejects.toThrow(/missing_table/);
      const refused = writer.begin([guard(0), guard(7)]);
      refused.write(insert('refused'));
      expect(await refused.end(moveTo(8))).toEqual({ mismatch: 0, guard: 1 });
      expect(docs()).toEqual([]);
      expect(await writer.commit(batch(0, 1))).toEqual({ ok: true });
      await writer.close();
    });
  });
});
