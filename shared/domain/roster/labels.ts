// Names of the six parties and the roles. They are domain vocabulary (printed on minutes and notices by every
// host), so they live with the rules; UI sentences and error messages live in src-renderer/i18n.
import { PARTIES, PERSON_ROLES, type Party, type PersonRole } from '../../schema';

export const PARTY_LABELS = {
  branch: '党支部',
  owners_committee: '业委会',
  property: '物业公司',
  social_org: '社会组织',
  co_builder: '共建单位',
  resident_group: '居民小组',
} as const satisfies Record<Party, string>;

export const ROLE_LABELS = {
  party_member: '党员',
  dual_report: '在职党员双报到',
  building_leader: '楼栋长/梯长',
  lawyer: '小区律师',
  mediator: '调解员',
  doctor: '小区医生',
  teacher: '小区教师',
  volunteer: '志愿者',
  owner_rep: '业主代表',
  council_member: '理事会成员',
  owners_committee_member: '业委会委员',
  branch_committee_member: '支委委员',
} as const satisfies Record<PersonRole, string>;

/** The parties an organisation record can be (its type). 党支部 and 业委会 are the compound's own bodies. */
export const ORGANIZATION_TYPES = ['property', 'co_builder', 'social_org', 'resident_group'] as const satisfies readonly Party[];
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const isParty = (s: string): s is Party => (PARTIES as readonly string[]).includes(s);
export const isPersonRole = (s: string): s is PersonRole => (PERSON_ROLES as readonly string[]).includes(s);
export const isOrganizationType = (s: string): s is OrganizationType =>
  (ORGANIZATION_TYPES as readonly string[]).includes(s);

export const partyLabel = (p: Party): string => PARTY_LABELS[p];
export const roleLabel = (r: PersonRole): string => ROLE_LABELS[r];
