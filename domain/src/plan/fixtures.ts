/**
 * Test fixtures of the plan stream: community facts for each built-in profile and the
 * stream's events, so specs build their set-up from events. Not exported from index.ts.
 */
import type { CommunityFacts, MotionFacts } from '../shared/facts';
import { event, type Actor, type CommandMetadata } from '../shared/message';
import { findProfile } from '../profiles/builtIn';
import type { RegulationProfile } from '../profiles/profile';
import { metadata } from '../testing';
import type {
  DraftPlan,
  DraftPlanData,
  PlanAgreed,
  PlanApproved,
  PlanContent,
  PlanDiscussed,
  PlanDrafted,
  PlanEvent,
  PlanReturned,
  PlanRevised,
  PlanSubmitted,
} from './types';

export const PLAN_ID = 'plan-1';
export const COMMUNITY_ID = 'community-1';
export const CHAIR = 'teacher-chair';

export const profileOf = (id: 'by-school-plc' | 'ru-school-plc' | 'ru-kindergarten-plc' | 'kz-school-plc' | 'district-community'): RegulationProfile => {
  const profile = findProfile(id);
  if (profile === undefined) throw new Error(`no built-in profile ${id}`);
  return profile;
};

/** An active school community in district-1 / school-1 chaired by `teacher-chair`. */
export const community = (profile: RegulationProfile, overrides: Partial<CommunityFacts> = {}): CommunityFacts => ({
  communityId: COMMUNITY_ID,
  status: 'active',
  profile,
  schoolYear: '2025-2026',
  districtId: 'district-1',
  institutionId: profile.hostLevel === 'district' ? undefined : 'school-1',
  chairId: CHAIR,
  secretaryId: 'teacher-secretary',
  members: [],
  ...overrides,
});

/** The 003 plan: knowledge quality +6 % → 70 %, 100 % of members in Lesson Study. */
export const content: PlanContent = {
  theme: 'Raising the quality of knowledge through the professional development of teachers',
  goal: 'Improve teaching in science subjects through collaborative lesson research',
  priorities: ['new pedagogical technologies', 'continuous qualification'],
  tasks: [
    {
      taskId: 'task-1',
      title: 'Lesson Study cycle',
      activities: ['plan a research lesson', 'observe and discuss it'],
      expectedResult: 'every member takes part in a Lesson Study cycle',
      productForm: 'open lesson',
    },
    {
      taskId: 'task-2',
      title: 'Monitoring knowledge quality',
      activities: ['quarterly monitoring of results'],
      expectedResult: 'knowledge quality rises by 6 %',
      productForm: 'analytical note',
    },
  ],
  successCriteria: [
    { criterionId: 'c-1', description: '100 % of members in Lesson Study', indicator: 'members in LS', target: 100, unit: '%', taskId: 'task-1' },
    { criterionId: 'c-2', description: 'knowledge quality +6 % → 70 %', indicator: 'knowledge quality', baseline: 64, target: 70, unit: '%', taskId: 'task-2' },
  ],
};

export const at = (now: string, actor: Actor = { id: CHAIR, role: 'teacher' }, overrides: Partial<CommandMetadata> = {}): CommandMetadata =>
  metadata({ now, actor, ...overrides });

export const methodist: Actor = { id: 'methodist-1', role: 'methodist' };
export const rumcDirector: Actor = { id: 'rumc-director-1', role: 'methodCentreDirector' };
export const deputy: Actor = { id: 'deputy-1', role: 'deputyDirector' };
export const director: Actor = { id: 'director-1', role: 'director' };
/** District staff act without an institution in their tenant. */
export const districtTenant = { districtId: 'district-1' };

export const draftCommand = (
  profile: RegulationProfile,
  data: Partial<DraftPlanData> = {},
  meta: CommandMetadata = at('2025-09-02T08:00:00.000Z'),
): DraftPlan => ({
  type: 'DraftPlan',
  data: { planId: PLAN_ID, community: community(profile), schoolYear: '2025-2026', ...content, ...data },
  metadata: meta,
});

export const planDrafted = (profile: RegulationProfile, overrides: Partial<PlanDrafted['data']> = {}): PlanDrafted =>
  event('PlanDrafted', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    districtId: 'district-1',
    institutionId: profile.hostLevel === 'district' ? undefined : 'school-1',
    schoolYear: '2025-2026',
    profile: { id: profile.id, version: profile.version },
    ...content,
    chain: profile.planApproval.chain,
    rule: profile.planApproval.rule,
    deadline: profile.planApproval.deadline === null ? null : { on: '2025-09-15', rule: profile.planApproval.deadline.rule },
    draftedBy: CHAIR,
    draftedAt: '2025-09-02T08:00:00.000Z',
    ...overrides,
  });

export const planRevised = (revision: number, overrides: Partial<PlanRevised['data']> = {}): PlanRevised =>
  event('PlanRevised', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    revision,
    ...content,
    revisedBy: CHAIR,
    revisedAt: '2025-09-20T08:00:00.000Z',
    ...overrides,
  });

export const planSubmitted = (submission = 1, overrides: Partial<PlanSubmitted['data']> = {}): PlanSubmitted =>
  event('PlanSubmitted', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    submission,
    discussion: null,
    submittedBy: CHAIR,
    submittedAt: '2025-09-05T08:00:00.000Z',
    ...overrides,
  });

export const planDiscussed = (rule: PlanDiscussed['data']['rule']): PlanDiscussed =>
  event('PlanDiscussed', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    step: 0,
    meetingId: 'meeting-1',
    motionId: 'motion-1',
    heldOn: '2025-09-04',
    rule,
    discussedAt: '2025-09-05T08:00:00.000Z',
  });

export const planAgreed = (by: Actor, step: number, rule: PlanAgreed['data']['rule']): PlanAgreed =>
  event('PlanAgreed', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    step,
    agreedBy: by.id,
    agreedByRole: by.role,
    rule,
    agreedAt: '2025-09-08T08:00:00.000Z',
  });

export const planApproved = (by: Actor, step: number, rule: PlanApproved['data']['rule']): PlanApproved =>
  event('PlanApproved', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    schoolYear: '2025-2026',
    step,
    approvedBy: by.id,
    approvedByRole: by.role,
    rule,
    approvedAt: '2025-09-09T08:00:00.000Z',
    deadline: null,
    onTime: true,
  });

export const planReturned = (by: Actor, step: number, rule: PlanReturned['data']['rule']): PlanReturned =>
  event('PlanReturned', {
    planId: PLAN_ID,
    communityId: COMMUNITY_ID,
    step,
    reasons: ['the success criteria need baselines'],
    returnedBy: by.id,
    returnedByRole: by.role,
    rule,
    returnedAt: '2025-09-10T08:00:00.000Z',
  });

/** A carried motion of meeting-1 (4 September) discussing plan-1. */
export const discussion = (overrides: Partial<MotionFacts> = {}): MotionFacts => ({
  meetingId: 'meeting-1',
  motionId: 'motion-1',
  communityId: COMMUNITY_ID,
  subject: { kind: 'discussPlan', planId: PLAN_ID },
  text: 'Recommend the draft plan for agreement',
  carried: true,
  heldOn: '2025-09-04',
  ...overrides,
});

/** Belarus (000:7): drafted, discussed and submitted — awaiting the RUMC methodist. */
export const belarusAwaitingAgreement = (): readonly PlanEvent[] => [
  planDrafted(profileOf('by-school-plc')),
  planSubmitted(1, { discussion: { meetingId: 'meeting-1', motionId: 'motion-1', heldOn: '2025-09-04' } }),
  planDiscussed('000:7'),
];

/** Belarus (000:7): the whole chain walked — approved by the RUMC director. */
export const belarusApproved = (): readonly PlanEvent[] => [
  ...belarusAwaitingAgreement(),
  planAgreed(methodist, 1, '000:7'),
  planApproved(rumcDirector, 2, '000:7'),
];

/** Kazakhstan (003:3.2): drafted, considered at a meeting and submitted — awaiting the deputy director. */
export const kazakhstanAwaitingAgreement = (): readonly PlanEvent[] => [
  planDrafted(profileOf('kz-school-plc')),
  planSubmitted(1, { discussion: { meetingId: 'meeting-1', motionId: 'motion-1', heldOn: '2025-09-04' } }),
  planDiscussed('003:3.2'),
];

/** District community (004:4.7): drafted and submitted — awaiting RIMK approval. */
export const districtAwaitingApproval = (): readonly PlanEvent[] => [planDrafted(profileOf('district-community')), planSubmitted(1)];
