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

export const checkCompliance =
  (deps: CheckDeps) =>
  async (job: JobContext): Promise<CheckResult> => {
    const now = deps.now().toISOString();
    const communities = (await findCommunities(deps.readStore, { status: 'active' })).filter((c) => c.state?.profile);
    let recorded = 0;
    for (let i = 0; i < communities.length; i++) {
      const community = communities[i] as CommunityDoc;
      const calendars = await loadCalendars(deps.readStore, community.districtId, [community.institutionId], [community.schoolYear]);
      const doc = (await deps.readStore.get('compliance', COMPLIANCE, community._id)) as ComplianceDoc | null;
      recorded += await checkCommunity(deps, community, doc, calendars.termsFor(community.institutionId, community.schoolYear).terms, now, job.id);
      if (i % 50 === 49) await job.reportProgress(Math.floor(((i + 1) / communities.length) * 100));
    }
    return { communities: communities.length, recorded };
  };
