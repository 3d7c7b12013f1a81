/**
 * Plausible texts for the generated log: subjects, themes, agendas, plans and products
 * drawn from the regulations' own examples (003 plan, 002:6.1 products), so dashboards
 * and screenshots built on generated data read like a real district.
 */
import { PRODUCT_KINDS, type AgendaItem, type MemberFacts, type PlanContent, type ProductKind, type SuccessCriterion } from '@collegium/domain';
import type { Random } from './random';

export const SCHOOL_SUBJECTS = [
  'mathematics',
  'physics',
  'chemistry',
  'biology',
  'russian language',
  'literature',
  'history',
  'geography',
  'english',
  'informatics',
  'primary school',
  'physical education',
] as const;

export const PRESCHOOL_SUBJECTS = ['preschool education', 'speech therapy', 'music education', 'physical development'] as const;

export const DIRECTIONS = [
  'Lesson Study',
  'formative assessment',
  'functional literacy',
  'inclusive education',
  'project-based learning',
  'digital tools in the classroom',
  'mentoring of young teachers',
  'critical thinking',
] as const;

const FIRST_NAMES = ['Anna', 'Olga', 'Irina', 'Elena', 'Marina', 'Svetlana', 'Aigerim', 'Dana', 'Sergei', 'Pavel', 'Nurlan', 'Tatiana', 'Natalia', 'Yulia', 'Andrei', 'Maria'];
const LAST_NAMES = ['Ivanova', 'Petrova', 'Smirnova', 'Kuznetsova', 'Abenova', 'Orlova', 'Sokolova', 'Volkova', 'Zhukova', 'Lebedeva', 'Morozov', 'Novikov', 'Kasymov', 'Belova', 'Karpova', 'Tarasova'];

export const fullName = (rng: Random): string => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;

const AGENDA_TOPICS = [
  'Results of the diagnostic tests',
  'Planning an open lesson cycle',
  'Lesson Study: observing the research lesson',
  'Formative assessment techniques',
  'Mentoring of young teachers',
  'Preparing pupils for olympiads',
  'Analysis of the quarter results',
  'Exchange of experience: master class',
  'Control of the execution of earlier decisions',
  'Functional literacy tasks',
];

const DECISIONS = [
  'Hold a cycle of open lessons before the end of the quarter',
  'Prepare methodical recommendations on formative assessment',
  'Run a master class for the teachers of the school',
  'Introduce reading-literacy tasks into every lesson',
  'Organise mutual lesson visits in pairs',
  'Publish the results on the school website',
  'Prepare a joint presentation for the district seminar',
  'Run a diagnostic test and analyse the results',
];

const THEMES = [
  'Improving the quality of education through Lesson Study',
  'Formative assessment as a way to raise learning motivation',
  'Developing functional literacy of pupils',
  'Inclusive practices in everyday lessons',
  'Project-based learning across subjects',
  'Digital tools for individual learning paths',
];

const PRODUCT_TITLES: Readonly<Record<ProductKind, string>> = {
  methodicalRecommendations: 'Methodical recommendations',
  presentation: 'Presentation',
  masterClass: 'Master class',
  openLesson: 'Open lesson',
  publication: 'Article',
  lessonStudy: 'Lesson Study cycle',
  mentoringPlan: 'Mentoring plan',
  other: 'Collection of materials',
};

export const decisionText = (rng: Random): string => rng.pick(DECISIONS);
export const agendaTopic = (rng: Random): string => rng.pick(AGENDA_TOPICS);
export const theme = (rng: Random): string => rng.pick(THEMES);

export const agendaItems = (rng: Random, meetingId: string, members: readonly MemberFacts[]): AgendaItem[] =>
  rng.sample(AGENDA_TOPICS, rng.int(2, 3)).map((topic, i) => ({
    itemId: `${meetingId}-item-${i + 1}`,
    topic,
    actions: ['Report', 'Discussion'],
    responsibleMemberIds: rng.sample(members, rng.int(1, 2)).map((m) => m.memberId),
    expectedEvidence: ['Minutes', 'Materials on the shared drive'],
  }));

/** The kinds most often produced; `other` stays rare so diversity is measurable. */
export const productKind = (rng: Random): ProductKind => (rng.chance(0.05) ? 'other' : rng.pick(PRODUCT_KINDS.filter((k) => k !== 'other')));

export const productTitle = (kind: ProductKind, topic: string): string => `${PRODUCT_TITLES[kind]}: ${topic}`;

const criteria = (rng: Random, planId: string, taskIds: readonly string[]): SuccessCriterion[] => {
  const all: SuccessCriterion[] = [
    { criterionId: `${planId}-criterion-1`, description: 'Knowledge quality rises', indicator: 'knowledge quality', baseline: rng.int(55, 66), target: rng.int(67, 75), unit: '%' },
    { criterionId: `${planId}-criterion-2`, description: 'Members take part in Lesson Study', indicator: 'members in Lesson Study', target: 100, unit: '%', taskId: taskIds[0] },
    { criterionId: `${planId}-criterion-3`, description: 'Open lessons are held', indicator: 'open lessons', baseline: 0, target: rng.int(3, 8), unit: 'lessons', taskId: taskIds[1] },
  ];
  return all.slice(0, rng.int(2, 3));
};

/** A plan in the shape of the 003 plan: 2–4 tasks, 2–3 measurable success criteria. */
export const planContent = (rng: Random, planId: string, revision = 0): PlanContent => {
  const tasks = rng.sample(DECISIONS, rng.int(2, 4)).map((title, i) => ({
    taskId: `${planId}-task-${i + 1}`,
    title,
    activities: ['Seminar', 'Mutual lesson visits'],
    expectedResult: 'Teachers apply the technique in their lessons',
    productForm: PRODUCT_TITLES[rng.pick(PRODUCT_KINDS)],
  }));
  const chosenTheme = theme(rng);
  return {
    theme: chosenTheme,
    goal: revision === 0 ? `To master: ${chosenTheme.toLowerCase()}` : `To master (revised after review): ${chosenTheme.toLowerCase()}`,
    priorities: ['Quality of teaching', 'Professional growth of the members'],
    tasks,
    successCriteria: criteria(
      rng,
      planId,
      tasks.map((t) => t.taskId),
    ),
  };
};
