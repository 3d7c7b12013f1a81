/**
 * The regulation rules the platform enforces or measures, by the ids of
 * shared/DOMAIN.md (`seed file:clause`). A test checks that every id cited in
 * DOMAIN.md is listed here and named by at least one test.
 */
export const RULES = {
  '000:2': 'A community is created in an institution for a subject or a direction of work.',
  '000:4': 'The district methodological council coordinates the communities.',
  '000:6': 'The chair is appointed by order; the members elect a secretary from among themselves for one school year.',
  '000:7': 'The chair drafts the plan, has it discussed at a meeting, agreed and approved; controls the execution of decisions; the secretary keeps minutes and prepares the annual report.',
  '000:8': 'Meetings at least once a school quarter; decisions by open vote, a majority of the votes of members present; on a tie the chair decides.',
  '000:9': 'Decisions are recommendations; meetings are recorded in minutes.',
  '001:2.1': 'A community is created by the director\'s order for each school year; its head is a teacher of the group.',
  '001:2.5': 'The deputy director supervises the community.',
  '001:3.1': 'Meetings are held weekly.',
  '001:app1.1': 'The members are set by the creation order.',
  '002:1.5': 'Membership is voluntary.',
  '002:4.5': 'The head is appointed by order of the kindergarten head.',
  '002:4.6': 'Meetings are held as the tasks require.',
  '002:6.1': 'Results are evaluated by growth in active participants, task completion and the diversity and demand of products.',
  '002:6.2': 'External experts may evaluate the community\'s results and products.',
  '003:1.1': 'Communities and creative microgroups are collegial bodies of the school\'s methodological service.',
  '003:1.2': 'A creative microgroup needs at least three teachers of one subject or area.',
  '003:1.5': 'Communities are created, reorganised and dissolved by decision of the teaching staff.',
  '003:3.1': 'The head is one of the most experienced teachers.',
  '003:3.2': 'The plan is drafted by the head, considered at a meeting, agreed by the deputy director and approved by the director.',
  '003:3.3': 'Meetings at least once a school quarter.',
  '003:3.4': 'Recommendations on each question are recorded in the minutes and signed by the head.',
  '003:3.6': 'The deputy director controls the community\'s work.',
  '004:1.2': 'A district community may be hosted by the district itself.',
  '004:1.3': 'The district methodological centre organises district communities.',
  '004:1.4': 'District communities are created and dissolved by order; the head is appointed by order.',
  '004:4.2': 'The head is a head of an institution, or a teacher of the first or highest category with at least 3 years in the specialty.',
  '004:4.5': 'At least two meetings a school year, one per half-year.',
  '004:4.6': 'Meetings are recorded in minutes.',
  '004:4.7': 'The plan is accepted and approved by the district methodological centre no later than 15 September.',
  '004:4.8': 'The analytical report and the next year\'s draft plan are due by 1 September.',
} as const;

export type RuleId = keyof typeof RULES;
