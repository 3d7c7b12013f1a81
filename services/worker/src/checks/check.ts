/**
 * The scheduled deadline and cadence check: judges every community against its profile as
 * of today and records each breach whose due date has passed as an event of the
 * community's compliance stream. The stream records a breach key once, so the check may
 * run every few minutes, on several workers at once, or again after a crash.
 */
import { randomUUID } from 'node:crypto';
import { complianceDecider, streamName, type CommandMetadata, type Tenant } from '@collegium/domain';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobContext } from '@collegium/queue';
import { COMPLIANCE, dueBreaches, evaluateCompliance, type ComplianceDoc } from '@collegium/projections';
import { execute, findCommunities, loadCalendars, type CommunityDoc } from '@collegium/gateway';

export interface CheckDeps {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly now: () => Date;
  readonly conflictRetries: number;
}

export interface CheckResult {
  readonly communities: number;
  readonly recorded: number;
}

const SYSTEM = { id: 'compliance-checks', role: 'system' } as const;

const metadataFor = (tenant: Tenant, now: string, jobId: string): CommandMetadata => ({ actor: SYSTEM, tenant, now, correlationId: jobId, causationId: jobId });

const tenantOf = (c: CommunityDoc): Tenant => ({ districtId: c.districtId, institutionId: c.institutionId ?? undefined });

/** Records the due breaches of one community; returns how many were new. */
const checkCommunity = async (deps: CheckDeps, community: CommunityDoc, doc: ComplianceDoc | null, terms: Parameters<typeof evaluateCompliance>[3], now: string, jobId: string): Promise<number> => {
  const report = evaluateCompliance(doc, community.state.profile, community.schoolYear, terms);
  const recorded = new Set((doc?.breaches ?? []).map((b) => b.key));
  let added = 0;
  for (const breach of dueBreaches(report, community.state.profile, now.slice(0, 10))) {
    // The read model may lag; the stream itself refuses a key twice, so this only saves work.
    if (recorded.has(breach.key)) continue;
    const outcome = await execute({ store: deps.store, newId: randomUUID, conflictRetries: deps.conflictRetries }, metadataFor(tenantOf(community), now, jobId), {
      stream: streamName('compliance', community._id),
      decider: complianceDecider,
      command: () => ({ type: 'RecordComplianceBreach' as const, metadata: metadataFor(tenantOf(community), now, jobId), data: { communityId: community._id, breach } }),
    });
    added += outcome.events.length;
  }
  return added;
};

const byDistrict = (communities: readonly CommunityDoc[]): Map<string, CommunityDoc[]> => {
  const groups = new Map<string, CommunityDoc[]>();
  for (const c of communities) groups.set(c.districtId, [...(groups.get(c.districtId) ?? []), c]);
  return groups;
};

export const checkCompliance =
  (deps: CheckDeps) =>
  async (job: JobContext): Promise<CheckResult> => {
    const now = deps.now().toISOString();
    const communities = (await findCommunities(deps.readStore, { status: 'active' })).filter((c) => c.state?.profile);
    let recorded = 0;
    let done = 0;
    // One read of calendars and compliance documents per district, not per community.
    for (const [districtId, group] of byDistrict(communities)) {
      const calendars = await loadCalendars(deps.readStore, districtId, group.map((c) => c.institutionId), [...new Set(group.map((c) => c.schoolYear))]);
      const docs = new Map(((await deps.readStore.getMany('compliance', COMPLIANCE, group.map((c) => c._id))) as ComplianceDoc[]).map((d) => [d._id, d]));
      for (const community of group) {
        const terms = calendars.termsFor(community.institutionId, community.schoolYear).terms;
        recorded += await checkCommunity(deps, community, docs.get(community._id) ?? null, terms, now, job.id);
        if (++done % 50 === 0) await job.reportProgress(Math.floor((done / communities.length) * 100));
      }
    }
    return { communities: communities.length, recorded };
  };
