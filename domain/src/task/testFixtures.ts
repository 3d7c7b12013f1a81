/** Facts and events the task specs start from. Test-only: not exported by index.ts. */
import { BUILT_IN_PROFILES } from '../profiles/builtIn';
import type { RegulationProfile } from '../profiles/profile';
import type { CommunityFacts, MemberFacts, MotionFacts, PlanFacts } from '../shared/facts';
import { event, type CommandMetadata } from '../shared/message';
import { metadata } from '../testing';
import type { TaskAssigned, TaskAssignedData } from './types';

export const CHAIR = 'teacher-chair';
export const OWNER = 'teacher-owner';
export const OTHER_MEMBER = 'teacher-other';

export const profileOf = (id: string): RegulationProfile => {
  const found = BUILT_IN_PROFILES.find((p) => p.id === id);
  if (!found) throw new Error(`no built-in profile ${id}`);
  return found;
};

const member = (memberId: string): MemberFacts => ({
  memberId,
  fullName: memberId,
  subject: 'mathematics',
  category: 'first',
  yearsInSpecialty: 5,
  headOfInstitution: false,
});

export const community = (overrides: Partial<CommunityFacts> = {}): CommunityFacts => ({
  communityId: 'community-1',
  status: 'active',
  profile: profileOf('by-school-plc'),
  schoolYear: '2025-2026',
  districtId: 'district-1',
  institutionId: 'school-1',
  chairId: CHAIR,
  secretaryId: null,
  members: [member(CHAIR), member(OWNER), member(OTHER_MEMBER)],
  ...overrides,
});

export const motion = (overrides: Partial<MotionFacts> = {}): MotionFacts => ({
  meetingId: 'meeting-1',
  motionId: 'motion-1',
  communityId: 'community-1',
  subject: { kind: 'decision' },
  text: 'Hold an open lesson on formative assessment',
  carried: true,
  heldOn: '2025-10-10',
  ...overrides,
});

export const plan = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  planId: 'plan-1',
  communityId: 'community-1',
  schoolYear: '2025-2026',
  status: 'approved',
  taskIds: ['plan-task-1', 'plan-task-2'],
  ...overrides,
});

/** Metadata of a command issued by `actorId` (a teacher) at `now`. */
export const by = (actorId: string, now = '2025-10-15T09:00:00.000Z'): CommandMetadata =>
  metadata({ actor: { id: actorId, role: 'teacher' }, now });

export const taskAssigned = (overrides: Partial<TaskAssignedData> = {}): TaskAssigned =>
  event('TaskAssigned', {
    taskId: 'task-1',
    communityId: 'community-1',
    districtId: 'district-1',
    institutionId: 'school-1',
    title: 'Prepare the open lesson',
    ownerId: OWNER,
    dueOn: '2025-11-01',
    origin: { kind: 'decision', meetingId: 'meeting-1', motionId: 'motion-1', heldOn: '2025-10-10' },
    assignedBy: CHAIR,
    rule: '000:7',
    assignedAt: '2025-10-15T09:00:00.000Z',
    ...overrides,
  });
