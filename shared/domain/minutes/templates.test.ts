import { describe, expect, it } from 'vitest';
import { MEETING_TYPES, type MeetingType } from '../../schema';
import { T0 } from './fixtures';
import { expectedPeople, fillTitle, newMeetingFromTemplate, templateFor } from './templates';
import type { RosterPerson, Settings } from './types';
import { DEFAULT_VOTE_RULES } from './vote-rules';

const person = (id: string, over: Partial<RosterPerson>): RosterPerson => ({
  id, createdAt: T0, updatedAt: T0, createdBy: 'x', updatedBy: 'x', kind: 'person', name: id, party: 'branch', status: 'active', ...over,
});
const roster: RosterPerson[] = [
  person('张书记', { roles: ['party_member', 'branch_committee_member'], post: '支部书记' }),
  person('党员甲', { roles: ['party_member'] }),
  person('离开的党员', { roles: ['party_member'], status: 'left' }),
  person('周主任', { party: 'owners_committee', roles: ['owners_committee_member', 'owner_rep'], post: '业委会主任' }),
  person('吴委员', { party: 'owners_committee', roles: ['owners_committee_member'] }),
  person('物业经理', { party: 'property', roles: ['council_member'] }),
  person('物业公司', { kind: 'organization', party: 'property' }),
  person('社工', { party: 'social_org' }),
];
const settings = {
  compoundName: '金山花园',
  totalAreaDm2: 1_234_567,
  totalOwners: 812,
  ownersCommitteeSize: 7,
  voteRules: { council: { quorum: { num: 2, den: 3, inclusive: true }, pass: { num: 1, den: 2, inclusive: false }, passBase: 'present' } },
} as Settings;
let n = 0;
const input = { id: 'm1', now: T0, by: '王秘书', date: '2026-11-25', roster, settings, ids: () => `x${++n}` };

describe('templates', () => {
  it.each(MEETING_TYPES.map((t) => [t]))('T1 %s has a label and a vote rule kind', (type) => {
    const t = templateFor(type);
    expect(t.label).not.toBe('');
    expect(t.voteRule).toBe(type === 'owners_assembly' ? 'art278' : 'configurable');
  });

  it('T2 fills the title pattern', () => {
    expect(fillTitle('{compound}{label}（{date}）', { compound: '金山花园', label: '业委会会议', date: '2026年11月25日' })).toBe('金山花园业委会会议（2026年11月25日）');
    expect(fillTitle('{compound}{label}{unknown}', { label: '支委会', date: '' })).toBe('支委会{unknown}');
  });

  it.each<[string, MeetingType, string[]]>([
    ['T3 业委会会议 expects 业委会委员', 'owners_committee', ['周主任', '吴委员']],
    ['T3 支委会 expects 支委委员', 'branch_committee', ['张书记']],
    ['T3 支部党员大会 expects current party members', 'branch_assembly', ['张书记', '党员甲']],
    ['T3 共建理事会 expects council members', 'council', ['物业经理']],
    ['T3 业主代表会议 expects owner reps', 'owners_rep', ['周主任']],
    ['T3 六方联动 expects one person per party that has one', 'six_party', ['张书记', '周主任', '物业经理', '社工']],
    ['T3 业主大会 expects nobody by name', 'owners_assembly', []],
  ])('%s', (_id, type, names) => expect(expectedPeople(templateFor(type).attend, roster).map((p) => p.name)).toEqual(names));

  it('T4 a draft with title, agenda and members whose attendance is unknown', () => {
    n = 0;
    const m = newMeetingFromTemplate('owners_committee', input);
    expect(m).toMatchObject({ id: 'm1', type: 'owners_committee', status: 'draft', date: '2026-11-25', title: '金山花园业委会会议（2026年11月25日）', createdAt: T0, createdBy: '王秘书', totalMembers: 7 });
    expect(m.attendees).toEqual([
      { id: 'x1', personId: '周主任', name: '周主任', post: '业委会主任', party: 'owners_committee', role: 'member', status: 'unknown' },
      { id: 'x2', personId: '吴委员', name: '吴委员', party: 'owners_committee', role: 'member', status: 'unknown' },
    ]);
    expect(m.topics.map((t) => t.title)).toEqual(templateFor('owners_committee').agenda);
    expect(m.topics[0]).toEqual({ id: 'x3', title: m.topics[0]?.title, notes: '', resolutions: [] });
  });

  it('T5 the vote rule is copied: from settings, else the national default; 业主大会 copies totals', () => {
    expect(newMeetingFromTemplate('council', input).voteRule).toEqual(settings.voteRules?.council);
    expect(newMeetingFromTemplate('owners_committee', input).voteRule).toEqual(DEFAULT_VOTE_RULES.owners_committee);
    const a = newMeetingFromTemplate('owners_assembly', input);
    expect(a).toMatchObject({ totalAreaDm2: 1_234_567, totalOwners: 812 });
    expect('voteRule' in a).toBe(false);
  });

  it('T6 the same input gives the same draft (pure)', () => {
    n = 0;
    const a = newMeetingFromTemplate('six_party', input);
    n = 0;
    expect(newMeetingFromTemplate('six_party', input)).toEqual(a);
  });
});
