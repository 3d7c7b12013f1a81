import type { RegulationProfile } from './profile';

/**
 * The five kinds of community of DOMAIN.md, as default profiles. Where a regulation is
 * silent the platform's default is named in a comment, so an auditor can tell a rule from
 * a default.
 */
const schoolPlcBelarus: RegulationProfile = {
  id: 'by-school-plc',
  version: 1,
  title: 'School PLC (Belarus)',
  seed: '000',
  hostLevel: 'institution',
  orders: { issuerRoles: ['departmentHead'], rule: '000:6' },
  membership: { minMembers: 1, singleSubject: false, enrolment: 'byOrder', rule: '000:6' },
  chairEligibility: { anyOf: [] },
  secretary: { electedByMembers: true, term: 'schoolYear', rule: '000:6' },
  cadence: { kind: 'minimum', per: 'quarter', meetings: 1, rule: '000:8' },
  voting: { tieBreak: 'chairDecides', rule: '000:8' },
  planApproval: {
    chain: [
      { kind: 'discuss', rule: '000:7' },
      { kind: 'agree', roles: ['methodist'], rule: '000:7' },
      { kind: 'approve', roles: ['methodCentreDirector'], rule: '000:7' },
    ],
    deadline: null,
    drafter: 'chair',
    rule: '000:7',
  },
  reporting: {
    reporters: ['secretary'],
    kinds: ['annual'],
    due: null,
    requiresNextYearPlan: false,
    acceptorRoles: ['methodCentreDirector', 'methodist'],
    rule: '000:7',
  },
  minutes: { signedBy: 'chair', rule: '000:9' },
};

const schoolPlcRussia: RegulationProfile = {
  id: 'ru-school-plc',
  version: 1,
  title: 'School PLC (Russia)',
  seed: '001',
  hostLevel: 'institution',
  orders: { issuerRoles: ['director'], rule: '001:2.1' },
  membership: { minMembers: 1, singleSubject: false, enrolment: 'byOrder', rule: '001:app1.1' },
  chairEligibility: { anyOf: [] },
  secretary: null,
  cadence: { kind: 'minimum', per: 'week', meetings: 1, rule: '001:3.1' },
  // Default: the regulation names no tie-break, so a tie is not carried.
  voting: { tieBreak: 'notCarried', rule: '000:8' },
  planApproval: {
    // The plan is kept with the director's order (001:2.1); the deputy director supervises (001:2.5).
    chain: [{ kind: 'approve', roles: ['director', 'deputyDirector'], rule: '001:2.5' }],
    deadline: null,
    drafter: 'chair',
    rule: '001:2.1',
  },
  reporting: {
    reporters: ['chair'],
    kinds: ['final', 'annual'],
    due: null,
    requiresNextYearPlan: false,
    acceptorRoles: ['director', 'deputyDirector'],
    rule: '001:2.5',
  },
  minutes: { signedBy: 'chair', rule: '000:9' },
};

const kindergartenPlc: RegulationProfile = {
  id: 'ru-kindergarten-plc',
  version: 1,
  title: 'Kindergarten PLC (Russia)',
  seed: '002',
  hostLevel: 'institution',
  orders: { issuerRoles: ['kindergartenHead'], rule: '002:4.5' },
  membership: { minMembers: 1, singleSubject: false, enrolment: 'voluntary', rule: '002:1.5' },
  chairEligibility: { anyOf: [] },
  secretary: null,
  cadence: { kind: 'asNeeded', rule: '002:4.6' },
  voting: { tieBreak: 'notCarried', rule: '000:8' },
  planApproval: {
    chain: [{ kind: 'approve', roles: ['kindergartenHead'], rule: '002:4.5' }],
    deadline: null,
    drafter: 'chair',
    rule: '002:4.5',
  },
  reporting: {
    reporters: ['chair'],
    kinds: ['final', 'annual'],
    due: null,
    requiresNextYearPlan: false,
    acceptorRoles: ['kindergartenHead'],
    rule: '002:6.1',
  },
  minutes: { signedBy: 'chair', rule: '000:9' },
};

const microgroupKazakhstan: RegulationProfile = {
  id: 'kz-school-plc',
  version: 1,
  title: 'School PLC / creative microgroup (Kazakhstan)',
  seed: '003',
  hostLevel: 'institution',
  orders: { issuerRoles: ['director'], rule: '003:1.5' },
  membership: { minMembers: 3, singleSubject: true, enrolment: 'byOrder', rule: '003:1.2' },
  // 003:3.1 asks for "the most experienced teachers": the platform reads it as first category or above.
  chairEligibility: {
    anyOf: [{ kind: 'qualification', minCategory: 'first', minYearsInSpecialty: 0 }],
    rule: '003:3.1',
  },
  secretary: null,
  cadence: { kind: 'minimum', per: 'quarter', meetings: 1, rule: '003:3.3' },
  voting: { tieBreak: 'chairDecides', rule: '000:8' },
  planApproval: {
    chain: [
      { kind: 'discuss', rule: '003:3.2' },
      { kind: 'agree', roles: ['deputyDirector'], rule: '003:3.2' },
      { kind: 'approve', roles: ['director'], rule: '003:3.2' },
    ],
    deadline: null,
    drafter: 'chair',
    rule: '003:3.2',
  },
  reporting: {
    reporters: ['chair'],
    kinds: ['annual', 'creative', 'analytical'],
    due: null,
    requiresNextYearPlan: false,
    acceptorRoles: ['deputyDirector', 'director'],
    rule: '003:3.6',
  },
  minutes: { signedBy: 'chair', rule: '003:3.4' },
};

const districtCommunity: RegulationProfile = {
  id: 'district-community',
  version: 1,
  title: 'District community of heads and teachers',
  seed: '004',
  hostLevel: 'district',
  orders: { issuerRoles: ['departmentHead'], rule: '004:1.4' },
  membership: { minMembers: 1, singleSubject: false, enrolment: 'byOrder', rule: '004:1.4' },
  chairEligibility: {
    anyOf: [
      { kind: 'headOfInstitution' },
      { kind: 'qualification', minCategory: 'first', minYearsInSpecialty: 3 },
    ],
    rule: '004:4.2',
  },
  secretary: null,
  cadence: { kind: 'minimum', per: 'halfYear', meetings: 1, perSchoolYear: 2, rule: '004:4.5' },
  voting: { tieBreak: 'chairDecides', rule: '000:8' },
  planApproval: {
    chain: [{ kind: 'approve', roles: ['methodCentreDirector', 'methodist'], rule: '004:4.7' }],
    deadline: { month: 9, day: 15, yearOffset: 0, rule: '004:4.7' },
    drafter: 'chair',
    rule: '004:4.7',
  },
  reporting: {
    reporters: ['chair'],
    kinds: ['analytical'],
    due: { month: 9, day: 1, yearOffset: 1, rule: '004:4.8' },
    requiresNextYearPlan: true,
    acceptorRoles: ['methodCentreDirector', 'methodist'],
    rule: '004:4.8',
  },
  minutes: { signedBy: 'chair', rule: '004:4.6' },
};

export const BUILT_IN_PROFILES: readonly RegulationProfile[] = [
  schoolPlcBelarus,
  schoolPlcRussia,
  kindergartenPlc,
  microgroupKazakhstan,
  districtCommunity,
];

export const findProfile = (id: string): RegulationProfile | undefined => BUILT_IN_PROFILES.find((p) => p.id === id);
