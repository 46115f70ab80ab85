// T1–T6: a new meeting starts from its type's template: label, title, agenda, who is expected, which rule votes.
import { assertNever } from '../../result';
import { PARTIES, type MeetingDoc, type MeetingType, type PersonRole } from '../../schema';
import { AGENDA_TEMPLATES, MEETING_TYPE_LABELS, TITLE_PATTERN } from './labels';
import type { RosterPerson, Settings } from './types';
import { formatDateCn } from './summary';
import { copyRule, DEFAULT_VOTE_RULES, isRuledType } from './vote-rules';

/** Who is expected (应到): holders of a roster role, one person per 六方 party, or nobody (added by hand). */
export type AttendRule = { kind: 'role'; role: PersonRole } | { kind: 'one_per_party' } | { kind: 'none' };

export type MeetingTemplate = {
  type: MeetingType;
  label: string;
  titlePattern: string;
  agenda: readonly string[];
  attend: AttendRule;
  /** 'art278' = 民法典 art. 278 (fixed); 'configurable' = a VoteRule from settings or DEFAULT_VOTE_RULES. */
  voteRule: 'art278' | 'configurable';
  /** Attendees and votes carry floor area (业主大会). */
  recordsArea: boolean;
};

const ATTEND = {
  council: { kind: 'role', role: 'council_member' },
  owners_assembly: { kind: 'none' },
  owners_rep: { kind: 'role', role: 'owner_rep' },
  owners_committee: { kind: 'role', role: 'owners_committee_member' },
  branch_assembly: { kind: 'role', role: 'party_member' },
  branch_committee: { kind: 'role', role: 'branch_committee_member' },
  six_party: { kind: 'one_per_party' },
  other: { kind: 'none' },
} as const satisfies Record<MeetingType, AttendRule>;

/** T1 */
export function templateFor(type: MeetingType): MeetingTemplate {
  return {
    type,
    label: MEETING_TYPE_LABELS[type],
    titlePattern: TITLE_PATTERN,
    agenda: AGENDA_TEMPLATES[type],
    attend: ATTEND[type],
    voteRule: isRuledType(type) ? 'configurable' : 'art278',
    recordsArea: type === 'owners_assembly',
  };
}

/** T2: `{compound}`, `{label}`, `{date}` filled in; unknown placeholders are left as they are. */
export function fillTitle(pattern: string, values: { compound?: string; label: string; date: string }): string {
  const v: Record<string, string> = { compound: values.compound ?? '', label: values.label, date: values.date };
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => v[k] ?? m);
}

const isCurrent = (p: RosterPerson): boolean => p.kind === 'person' && p.status === 'active' && p.deactivatedAt === undefined;

/** T3: the roster people a template expects, in roster order. */
export function expectedPeople(rule: AttendRule, roster: readonly RosterPerson[]): RosterPerson[] {
  const people = roster.filter(isCurrent);
  switch (rule.kind) {
    case 'none':
      return [];
    case 'role':
      return people.filter((p) => (p.roles ?? []).includes(rule.role));
    case 'one_per_party':
      return PARTIES.flatMap((party) => people.find((p) => p.party === party) ?? []);
    default:
      return assertNever(rule);
  }
}

export type NewMeetingInput = {
  id: string;
  /** ISO timestamp of creation. */
  now: string;
  by: string;
  /** Meeting date, YYYY-MM-DD. */
  date: string;
  roster: readonly RosterPerson[];
  settings?: Settings;
  /** Fresh ids for attendees and topics. */
  ids: () => string;
};

/**
 * T4 a draft with the template's title and agenda and its expected people as members (attendance unknown).
 * T5 the vote rule is copied from settings (else the national default) so later settings changes do not alter it;
 * 业主大会 copies the compound's total area and owners, 业委会会议 the number of members.
 */
export function newMeetingFromTemplate(type: MeetingType, input: NewMeetingInput): MeetingDoc {
  const t = templateFor(type);
  const s = input.settings;
  const doc: MeetingDoc = {
    id: input.id,
    createdAt: input.now,
    updatedAt: input.now,
    createdBy: input.by,
    updatedBy: input.by,
    title: fillTitle(t.titlePattern, { compound: s?.compoundName, label: t.label, date: formatDateCn(input.date) ?? input.date }),
    type,
    status: 'draft',
    date: input.date,
    attendees: expectedPeople(t.attend, input.roster).map((p) => {
      const a: MeetingDoc['attendees'][number] = { id: input.ids(), personId: p.id, name: p.name, role: 'member', status: 'unknown', party: p.party };
      if (p.post) a.post = p.post;
      return a;
    }),
    topics: t.agenda.map((title) => ({ id: input.ids(), title, notes: '', resolutions: [] })),
  };
  if (isRuledType(type)) doc.voteRule = copyRule(s?.voteRules?.[type] ?? DEFAULT_VOTE_RULES[type]);
  if (type === 'owners_assembly') {
    if (s?.totalAreaDm2 !== undefined) doc.totalAreaDm2 = s.totalAreaDm2;
    if (s?.totalOwners !== undefined) doc.totalOwners = s.totalOwners;
  }
  if (type === 'owners_committee' && s?.ownersCommitteeSize !== undefined) doc.totalMembers = s.ownersCommitteeSize;
  return doc;
}
