/**
 * A projection whose code version changed rebuilds itself when the projector starts,
 * into a new generation that replaces the old one atomically.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { streamViews, type Projection } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import { generateLog } from '../../../projections/src/testing/generator';
import { startProjector } from './runner';
import { appendLog } from './testing/seed';

describe('projection versions', () => {
  it('rebuilds a projection whose version changed, and serves the new generation', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-versions-'));
    const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
    try {
      await appendLog(store, generateLog({ seed: 5, institutions: 1, communitiesPerInstitution: 2, districtCommunities: 1 }));
      const head = await store.headPosition();

      const v1 = await startProjector({ store, readStore, projections: [streamViews], idleMs: 10 });
      expect(await v1.waitFor(head, 10_000)).toBe(true);
      await v1.stop();
      const before = await readStore.status('streamViews');
      expect(before).toMatchObject({ version: streamViews.version, checkpoint: head });

      // Version 2 marks every document, so the test can tell the generations apart. It
      // changes `evolve`, so it must not keep version 1's run fold.
      const { evolveRun: _v1Run, ...v1Folds } = streamViews;
      const v2: Projection = { ...v1Folds, version: streamViews.version + 1, evolve: (doc, e, key) => ({ ...(streamViews.evolve(doc, e, key) ?? { _id: key.id }), v: 2 }) };
      const projector = await startProjector({ store, readStore, projections: [v2], idleMs: 10 });
      expect(await projector.waitFor(head, 10_000)).toBe(true);
      await projector.stop();
      const after = await readStore.status('streamViews');
      expect(after).toMatchObject({ version: streamViews.version + 1, checkpoint: head });
      expect(after?.activeGeneration).toBeGreaterThan(before?.activeGeneration ?? 0);
      const docs = await readStore.find('streamViews', 'communities', {});
      expect(docs.length).toBe(3);
      expect(docs.every((d) => d['v'] === 2)).toBe(true);
    } finally {
      await readStore.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
