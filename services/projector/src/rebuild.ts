/**
 * Rebuilding projections from the whole log into fresh generations while the old ones keep
 * answering queries; each new generation is activated (one transaction) once it is caught up.
 *
 * A rebuild reads the log once, page by page, and folds each page into every projection it
 * rebuilds. How long it holds documents as objects decides its speed as much as anything:
 * a rebuild allocates ~7 GB for a million events, and every object still referenced when V8's
 * young generation fills up is copied, then copied again into the old generation. Keeping the
 * documents of a 5,000-event window (and a cache after it) alive until their commit made the
 * collector copy 2.9 GB and take ~20 % of the main thread, with its helper threads busy on
 * the core the writer needs. So a document is held only while pages touch it: at the end of
 * the first page that does not, it is handed to the store's open commit (serialized there and
 * then) and dropped. The commit itself still lands every `windowSize` events, with the
 * checkpoint, in one transaction (StreamedCommit).
 *
 * A document handed over may be wanted again before its commit has landed: in a district's
 * log, where communities interleave, a meeting is scheduled, held, voted on and minuted days
 * apart, and so comes back several times a window. The store could only answer after a
 * commit forced early, and those early commits were most of the writer's work on such logs.
 * So while documents keep coming back (the last window saw one), the rebuild keeps the JSON
 * it hands over until its commit has landed, and reads them back from it; a commit also
 * follows `windowBytes` of it. While none come back (the generator's log: a community's
 * events lie close together), it keeps none: kept strings outlive young collections, and
 * copying ~550 MB of them into the old generation cost ~1.5 s of CPU for nothing.
 */
import type { EventStore, ProjectedEvent } from '@collegium/eventstore';
import { evolveBatch, runsOfBatch, slot, type DocKey, type Projection, type ReadDoc, type Run } from '@collegium/projections';
import type { CommitTarget, DocumentChange, ReadStore, StreamedCommit } from '@collegium/readstore';
import { StringBloom } from './bloom';
import { specOf } from './projector';

export interface RebuildProgress {
  readonly projection: string;
  readonly checkpoint: number;
  readonly head: number;
  readonly events: number;
  readonly elapsedMs: number;
  /** Time a rebuild spent waiting for its previous commit to land (a writer thread's backlog). */
  readonly commitWaitMs?: number;
  /**
   * Commits so far: one per window (of events, or of JSON kept), and one more whenever a
   * document handed over without its JSON kept is needed again before its commit.
   */
  readonly commits?: number;
  /** Documents wanted again before their commit had landed, read back from the JSON handed over. */
  readonly handedBack?: number;
  /** Documents wanted again after their commit had landed, read back from the store (those below included). */
  readonly readBack?: number;
  /** Documents wanted again before their commit had landed, with no JSON kept: read back once it had. */
  readonly awaitedBack?: number;
}

export interface RebuildOptions {
  /** Events per commit (each commit moves the checkpoints once). */
  readonly windowSize?: number;
  /** Events per read of the log. */
  readonly pageSize?: number;
  /** A commit also follows once the JSON kept since the last one reaches this many characters. */
  readonly windowBytes?: number;
}

/** Event store page cache for a rebuild: it reads the log once, in order, so a few MB do. */
export const REBUILD_CACHE_MB = 8;

/**
 * Read store page cache for a rebuild: it reads back only documents by id, rarely from a page
 * it read lately. Measured on a district's interleaved log: 16 MB cost 15 MB more RSS than
 * 4 MB, and were no faster.
 */
export const REBUILD_READ_CACHE_MB = 4;

/**
 * Events per read: 500 is the measured best (100 and 200 were slower). A page's objects die
 * young; a document a page touches is held to the end of the next page that does not.
 */
const REBUILD_PAGE = 500;
const REBUILD_WINDOW = 5_000;
/**
 * JSON kept for documents handed over, per window. A window of the generator's log hands
 * over ~3 MB; one of a district's interleaved log up to ~18 MB. Measured over a million
 * interleaved events with the JSON always kept: 8 MB windows rebuilt in 100 s at 324 MB,
 * 4 MB in 107 s at 290 MB (157 s at 256 MB with early commits instead).
 */
const REBUILD_WINDOW_BYTES = 4_000_000;

/** A document a rebuild holds as an object while pages keep touching it. */
interface Held {
  readonly key: DocKey;
  doc: ReadDoc | null;
  /** Changed since it was last handed to the store. */
  changed: boolean;
  /** The current page loaded or changed it. */
  touched: boolean;
}

/** One projection's new generation while a rebuild fills it. */
interface Filling {
  readonly projection: Projection;
  readonly generation: number;
  readonly held: Map<string, Held>;
  /**
   * Documents handed to the open commit (the store has them only once it lands), each as the
   * JSON handed over (null: deleted), or false when that was not kept.
   */
  handed: Map<string, Handed>;
  /** Documents of the commit in flight, likewise. */
  landing: Map<string, Handed>;
  /** Every slot ever dropped: nothing else can be stored in this fresh generation (see StringBloom). */
  readonly dropped: StringBloom;
}

/** A document handed over: its JSON (null: deleted), or false when the JSON was not kept. */
type Handed = string | null | false;

/** What one page needs from one filling before it can be folded in. */
interface PagePlan {
  readonly filling: Filling;
  readonly runs: Map<string, Run>;
  /** The documents the runs start from, by slot (null: none yet). */
  readonly working: Map<string, ReadDoc | null>;
  /** Documents to read from the store, by collection. */
  readonly toRead: Map<string, string[]>;
  /** Documents read back from the JSON handed over. */
  readonly handedBack: number;
  /** Documents to read that were handed over without their JSON, and have not landed yet. */
  readonly awaited: number;
  /** A document to read was handed to the open commit without its JSON: that commit must land first. */
  readonly needsOpenCommit: boolean;
  /** A document to read is in the commit in flight, without its JSON. */
  readonly needsLanding: boolean;
}

const planPage = (filling: Filling, page: readonly ProjectedEvent[]): PagePlan => {
  const runs = runsOfBatch(filling.projection, page);
  const working = new Map<string, ReadDoc | null>();
  const toRead = new Map<string, string[]>();
  let handedBack = 0;
  let awaited = 0;
  let needsOpenCommit = false;
  let needsLanding = false;
  for (const [s, run] of runs) {
    const held = filling.held.get(s);
    if (held) {
      working.set(s, held.doc);
    } else if (!filling.dropped.mightContain(s)) {
      working.set(s, null);
    } else {
      const inOpen = filling.handed.has(s);
      const handed = inOpen ? filling.handed.get(s) : filling.landing.get(s);
      if (typeof handed === 'string' || handed === null) {
        working.set(s, handed === null ? null : (JSON.parse(handed) as ReadDoc));
        handedBack += 1;
        continue;
      }
      if (handed === false) {
        awaited += 1;
        needsOpenCommit ||= inOpen;
        needsLanding ||= !inOpen;
      }
      const ids = toRead.get(run.key.collection);
      if (ids) ids.push(run.key.id);
      else toRead.set(run.key.collection, [run.key.id]);
    }
  }
  return { filling, runs, working, toRead, handedBack, awaited, needsOpenCommit, needsLanding };
};

const loadMissing = async (readStore: ReadStore, plan: PagePlan): Promise<void> => {
  const { projection, generation } = plan.filling;
  for (const [collection, ids] of plan.toRead) {
    const loaded = await readStore.getManyIn(projection.name, generation, collection, ids);
    const byId = new Map(loaded.map((doc) => [doc._id, doc as ReadDoc]));
    for (const id of ids) plan.working.set(slot({ collection, id }), byId.get(id) ?? null);
  }
};

/** Folds the page's runs and holds every document they touched. */
const foldPage = (plan: PagePlan): void => {
  const { held } = plan.filling;
  for (const [s, run] of plan.runs) {
    const entry = held.get(s);
    if (entry) entry.touched = true;
    else held.set(s, { key: run.key, doc: plan.working.get(s) ?? null, changed: false, touched: true });
  }
  for (const change of evolveBatch(plan.filling.projection, plan.runs, plan.working)) {
    const entry = held.get(change.slot) as Held;
    entry.doc = change.doc;
    entry.changed = true;
  }
};

/** The changes to hand to the store, and the characters of JSON kept for them. */
interface HandOver {
  readonly changes: DocumentChange[];
  readonly bytes: number;
}

/**
 * The changes to hand to the store: every changed document (`all`, when a commit follows), or
 * only those the last page did not touch, each serialized once, here, and its JSON kept until
 * the commit lands if `keepJson`. Documents the last page did not touch are dropped; the
 * others are held for the next page.
 */
const handOver = (filling: Filling, all: boolean, keepJson: boolean): HandOver => {
  const changes: DocumentChange[] = [];
  let bytes = 0;
  for (const [s, held] of filling.held) {
    if (held.changed && (all || !held.touched)) {
      const { collection, id } = held.key;
      if (held.doc === null) {
        changes.push({ collection, id, doc: null });
        filling.handed.set(s, null);
      } else {
        const json = JSON.stringify(held.doc);
        changes.push({ collection, id, doc: held.doc, json });
        filling.handed.set(s, keepJson && json);
        if (keepJson) bytes += json.length;
      }
      held.changed = false;
    }
    if (held.touched) {
      held.touched = false;
      continue;
    }
    // Cut the link too: a Map's replaced hash tables keep pointing at their old entries
    // until a full collection, and would keep the document alive through them.
    held.doc = null;
    filling.held.delete(s);
    filling.dropped.add(s);
  }
  return { changes, bytes };
};

/**
 * Rebuilds several projections in one pass over the log: each page is read and decoded
 * once and folded into every projection's new generation; every `windowSize` events the
 * changes and the checkpoints are committed. All new generations are then activated.
 */
export const rebuildAll = async (
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  onProgress?: (progress: RebuildProgress) => void,
  options: RebuildOptions = {},
): Promise<number> => {
  const windowSize = options.windowSize ?? REBUILD_WINDOW;
  const pageSize = options.pageSize ?? REBUILD_PAGE;
  const windowBytes = options.windowBytes ?? REBUILD_WINDOW_BYTES;
  const fillings: Filling[] = [];
  for (const projection of projections) {
    await readStore.register(specOf(projection));
    const generation = await readStore.createGeneration(specOf(projection));
    fillings.push({ projection, generation, held: new Map(), handed: new Map(), landing: new Map(), dropped: new StringBloom() });
  }
  const targets: CommitTarget[] = fillings.map((f) => ({ projection: f.projection.name, generation: f.generation }));
  const started = Date.now();
  let committed = 0;
  let checkpoint = 0;
  let events = 0;
  let commits = 0;
  let handedBack = 0;
  let readBack = 0;
  let awaitedBack = 0;
  // JSON kept in the current window (none while keepJson is false; both change only at a commit).
  let windowJson = 0;
  // Whether documents came back in the current window, and so whether to keep their JSON.
  let cameBack = false;
  let keepJson = false;
  let open: StreamedCommit | null = null;
  // One commit may be in flight while the next window is folded: a read store with a writer
  // thread runs it on the other core (other stores have finished when commit returns).
  let inflight: Promise<Error | null> = Promise.resolve(null);
  let commitWaitMs = 0;
  const names = projections.map((p) => p.name).join('+');
  const report = (head: number): void =>
    onProgress?.({ projection: names, checkpoint, head, events, elapsedMs: Date.now() - started, commitWaitMs, commits, handedBack, readBack, awaitedBack });

  const landed = async (): Promise<void> => {
    const waitStarted = performance.now();
    const failed = await inflight;
    commitWaitMs += performance.now() - waitStarted;
    if (failed) throw failed;
  };
  const handAll = (all: boolean): void => {
    for (const filling of fillings) {
      const { changes, bytes } = handOver(filling, all, keepJson);
      windowJson += bytes;
      if (changes.length === 0) continue;
      open ??= readStore.openCommit(targets, committed);
      open.write(filling.projection.name, changes);
    }
  };
  const abandon = (): void => {
    open?.abort();
    open = null;
  };
  const commit = async (): Promise<void> => {
    handAll(true);
    const closing = open ?? readStore.openCommit(targets, committed);
    open = null;
    await landed();
    inflight = closing.commit(checkpoint).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    for (const filling of fillings) {
      filling.landing = filling.handed;
      filling.handed = new Map();
    }
    committed = checkpoint;
    commits += 1;
    windowJson = 0;
    keepJson = cameBack;
    cameBack = false;
  };
  const foldIn = async (page: readonly ProjectedEvent[]): Promise<void> => {
    const plans = fillings.map((filling) => planPage(filling, page));
    const needsOpenCommit = plans.some((plan) => plan.needsOpenCommit);
    const needsLanding = plans.some((plan) => plan.needsLanding);
    cameBack ||= plans.some((plan) => plan.handedBack + plan.awaited > 0);
    if (needsOpenCommit) await commit();
    if (needsOpenCommit || needsLanding) await landed();
    for (const plan of plans) {
      handedBack += plan.handedBack;
      awaitedBack += plan.awaited;
      for (const ids of plan.toRead.values()) readBack += ids.length;
      await loadMissing(readStore, plan);
      foldPage(plan);
    }
  };

  try {
    // Catch up to the head, then twice more for what arrived meanwhile, so the swap lags little.
    for (let pass = 0; pass < 3; pass++) {
      const head = await store.headPosition();
      if (checkpoint >= head && pass > 0) break;
      while (checkpoint < head) {
        const page = (await store.readAllForProjection(checkpoint, Math.min(pageSize, head - checkpoint))).filter((e) => e.position <= head);
        const last = page[page.length - 1];
        if (!last) break;
        await foldIn(page);
        checkpoint = last.position;
        events += page.length;
        if (events % windowSize < page.length || checkpoint >= head || windowJson >= windowBytes) {
          await commit();
          report(head);
        } else handAll(false);
      }
    }
    if (open || committed < checkpoint) await commit();
    await landed();
  } catch (error) {
    abandon();
    await inflight;
    throw error;
  }
  // Once more when the last commit has landed, so the waits reported include its own.
  report(checkpoint);
  for (const filling of fillings) await readStore.activate(filling.projection.name, filling.generation, filling.projection.version);
  return checkpoint;
};

/**
 * Rebuilds `projection` into a new generation up to the log's head, then activates it:
 * queries read the old generation until the swap, and the swap is one transaction.
 */
export const rebuild = (
  store: EventStore,
  readStore: ReadStore,
  projection: Projection,
  onProgress?: (progress: RebuildProgress) => void,
  options?: RebuildOptions,
): Promise<number> => rebuildAll(store, readStore, [projection], onProgress, options);
