import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../schema';
import { meeting, members, resolution, type VoteDoc as Vote } from './fixtures';
import type { Art278Matter, Settings, VoteRule } from './types';
import { meetingOutcomes, voteOutcome, type Outcome } from './vote-outcome';
import { DEFAULT_VOTE_RULES } from './vote-rules';

// 业主大会: 100 owners holding 10 000 dm²; by default 80 owners with 8 000 dm² take part.
function assembly(
  vote: Vote,
  matter: Art278Matter = 'general',
  over: Partial<MeetingDoc> = {},
): [MeetingDoc, ReturnType<typeof resolution>] {
  const r = resolution(vote, { matter });
  const m = meeting(
    { type: 'owners_assembly', totalAreaDm2: 10_000, totalOwners: 100, participatingAreaDm2: 8_000, participatingOwners: 80, ...over },
    [r],
  );
  return [m, r];
}
const yes = (owners: number, area: number, extra: Partial<Vote> = {}): Vote => ({ method: 'count', yes: owners, yesAreaDm2: area, ...extra });

describe('V1 业主大会 (民法典 art. 278)', () => {
  it.each<[string, Vote, Art278Matter, Partial<MeetingDoc>, Outcome]>([
    ['V1 66 of 100 owners is not quorate (198 < 200)', yes(60, 6_000), 'general', { participatingOwners: 66 }, 'not_quorate'],
    ['V15 quorum decides first: not quorate though the yes share would pass', yes(60, 6_000), 'general', { participatingOwners: 66 }, 'not_quorate'],
    ['V1 67 of 100 owners is quorate', yes(60, 6_000), 'general', { participatingOwners: 67 }, 'passed'],
    ['V1 area below 2/3 is not quorate though owners are', yes(60, 6_000), 'general', { participatingAreaDm2: 6_666 }, 'not_quorate'],
    ['V1 exactly 2/3 of the area is quorate', yes(60, 6_000), 'general', { totalAreaDm2: 9_000, participatingAreaDm2: 6_000 }, 'passed'],
    ['V1 exactly 3/4 passes a 3/4 item (art278_6)', yes(60, 6_000), 'art278_6', {}, 'passed'],
    ['V1 just under 3/4 of owners fails art278_6', yes(59, 6_000), 'art278_6', {}, 'failed'],
    ['V1 just under 3/4 of area fails art278_7', yes(60, 5_999), 'art278_7', {}, 'failed'],
    ['V1 art278_8 is a 3/4 item', yes(50, 5_000), 'art278_8', {}, 'failed'],
    ['V1 exactly 1/2 fails 过半数 (general)', yes(40, 5_000), 'general', {}, 'failed'],
    ['V1 41 of 80 passes 过半数', yes(41, 5_000), 'general', {}, 'passed'],
    ['V1 area passes but headcount fails → failed', yes(30, 7_000), 'art278_4', {}, 'failed'],
    ['V1 headcount passes but area fails → failed', yes(70, 3_000), 'art278_1', {}, 'failed'],
    ['V1 使用维修资金 (art278_5) passes on a simple majority', yes(50, 5_000), 'art278_5', {}, 'passed'],
    ['V1 the same majority fails 筹集维修资金 (art278_6)', yes(50, 5_000), 'art278_6', {}, 'failed'],
    ['V1 art278_9 is a majority item', yes(50, 5_000), 'art278_9', {}, 'passed'],
  ])('%s', (_id, vote, matter, over, expected) => {
    const [m, r] = assembly(vote, matter, over);
    expect(voteOutcome(m, r).outcome).toBe(expected);
  });

  it('V1 steps carry the numbers behind the result', () => {
    const [m, r] = assembly(yes(60, 6_000), 'art278_6', { participatingOwners: 66 });
    const o = voteOutcome(m, r);
    expect(o.quorum?.steps).toEqual([
      { kind: 'quorum_area', actual: 8_000, base: 10_000, baseOf: 'total_area', threshold: { num: 2, den: 3, inclusive: true }, met: true },
      { kind: 'quorum_owners', actual: 66, base: 100, baseOf: 'total_owners', threshold: { num: 2, den: 3, inclusive: true }, met: false },
    ]);
    expect(o.pass?.steps).toEqual([
      { kind: 'pass_area', actual: 6_000, base: 8_000, baseOf: 'participating_area', threshold: { num: 3, den: 4, inclusive: true }, met: true },
      { kind: 'pass_owners', actual: 60, base: 66, baseOf: 'participating_owners', threshold: { num: 3, den: 4, inclusive: true }, met: true },
    ]);
    expect(o.steps).toHaveLength(4);
    expect(o.rule).toMatchObject({ kind: 'art278', matter: 'art278_6', special: true });
  });

  it('V1 a missing matter is general', () => {
    const [m] = assembly(yes(41, 5_000));
    const r = resolution(yes(41, 5_000));
    expect(voteOutcome(m, r).rule).toMatchObject({ kind: 'art278', matter: 'general', special: false });
  });

  it('V1 huge areas are compared exactly (BigInt)', () => {
    const total = 100_000_000_000; // the schema's maximum area
    const over = { totalAreaDm2: total, participatingAreaDm2: 66_666_666_667, participatingOwners: 80 };
    const [m1, r1] = assembly(yes(60, 50_000_000_000), 'art278_6', over);
    expect(voteOutcome(m1, r1).quorum?.met).toBe(true); // 66 666 666 667 · 3 ≥ 2 · 10^11
    const [m2, r2] = assembly(yes(60, 50_000_000_000), 'art278_6', { ...over, participatingAreaDm2: 66_666_666_666 });
    expect(voteOutcome(m2, r2).outcome).toBe('not_quorate'); // 199 999 999 998 < 2 · 10^11
    // 3/4 of 66 666 666 668 is exactly 50 000 000 001
    const [m3, r3] = assembly(yes(60, 50_000_000_001), 'art278_6', { ...over, participatingAreaDm2: 66_666_666_668 });
    expect(voteOutcome(m3, r3).outcome).toBe('passed');
    const [m4, r4] = assembly(yes(60, 50_000_000_000), 'art278_6', { ...over, participatingAreaDm2: 66_666_666_668 });
    expect(voteOutcome(m4, r4).outcome).toBe('failed');
  });

  it('V1 roll call takes each owner’s area from the attendee', () => {
    const owners = [
      { id: 'o1', name: '甲', role: 'member' as const, status: 'present' as const, areaDm2: 9_000 },
      { id: 'o2', name: '乙', role: 'member' as const, status: 'present' as const, areaDm2: 1_000 },
      { id: 'o3', name: '丙', role: 'member' as const, status: 'present' as const, areaDm2: 1_000 },
    ];
    const vote: Vote = { method: 'roll_call', rollCall: [{ attendeeId: 'o1', choice: 'yes' }, { attendeeId: 'o2', choice: 'no' }, { attendeeId: 'o3', choice: 'no' }] };
    const [m, r] = assembly(vote, 'general', { attendees: owners, totalAreaDm2: 12_000, totalOwners: 3, participatingAreaDm2: 11_000, participatingOwners: 3 });
    const o = voteOutcome(m, r);
    expect(o.tally).toEqual({ yes: 1, no: 2, abstain: 0, area: { yes: 9_000, no: 2_000, abstain: 0 } });
    expect(o.outcome).toBe('failed'); // area passes (9 000 of 11 000) but 1 of 3 owners does not
  });

  it.each<[string, Partial<MeetingDoc>, string]>([
    ['V12 total area missing', { totalAreaDm2: undefined }, 'TOTAL_AREA_MISSING'],
    ['V12 total owners missing', { totalOwners: undefined }, 'TOTAL_OWNERS_MISSING'],
    ['V12 participating area missing', { participatingAreaDm2: undefined }, 'PARTICIPATING_AREA_MISSING'],
    ['V12 participating owners missing', { participatingOwners: undefined }, 'PARTICIPATING_OWNERS_MISSING'],
    ['V11 participation exceeds the total', { participatingOwners: 101 }, 'PARTICIPATION_EXCEEDS_TOTAL'],
  ])('%s → invalid', (_id, over, code) => {
    const [m, r] = assembly(yes(41, 5_000), 'general', over);
    const o = voteOutcome(m, r);
    expect(o.outcome).toBe('invalid');
    expect(o.problems.map((p) => p.code)).toContain(code);
  });

  it('V12 settings stand in for totals the meeting has not copied', () => {
    const [m, r] = assembly(yes(41, 5_000), 'general', { totalAreaDm2: undefined, totalOwners: undefined });
    const settings = { id: 'compound', createdAt: '', updatedAt: '', createdBy: '', updatedBy: '', totalAreaDm2: 10_000, totalOwners: 100 } as Settings;
    expect(voteOutcome(m, r, settings).outcome).toBe('passed');
  });

  it('V14 votes beyond the participating owners are invalid', () => {
    const [m, r] = assembly(yes(81, 5_000));
    expect(voteOutcome(m, r)).toMatchObject({ outcome: 'invalid', problems: [{ path: 'topics.t1.resolutions.r1.vote', code: 'VOTE_EXCEEDS_PRESENT' }] });
  });

  // 80 owners with 8 000 dm² took part in the meeting; 10 owners with 1 500 dm² left before this item.
  const ownItem = (v: Vote, own: { participatingOwners?: number; participatingAreaDm2?: number }, matter: Art278Matter = 'general') => {
    const r = resolution(v, { matter, ...own });
    const m = meeting({ type: 'owners_assembly', totalAreaDm2: 10_000, totalOwners: 100, participatingAreaDm2: 8_000, participatingOwners: 80 }, [r]);
    return voteOutcome(m, r);
  };
  it.each<[string, Vote, { participatingOwners?: number; participatingAreaDm2?: number }, Outcome]>([
    ['V16 the item’s own participation is the pass base: 36 of 70 owners is a majority', yes(36, 4_000), { participatingOwners: 70, participatingAreaDm2: 7_000 }, 'passed'],
    ['V16 …the meeting’s would not be: 36 of 80', yes(36, 4_000), {}, 'failed'],
    ['V16 …and the quorum base: 66 of 100 owners took part in this item', yes(60, 6_000), { participatingOwners: 66 }, 'not_quorate'],
    ['V16 one part recorded, the other is the meeting’s', yes(41, 3_500), { participatingAreaDm2: 6_800 }, 'passed'],
  ])('%s', (_id, v, own, expected) => expect(ownItem(v, own).outcome).toBe(expected));

  it('V16 steps name the item’s participation as base', () => {
    const o = ownItem(yes(36, 4_000), { participatingOwners: 70, participatingAreaDm2: 7_000 });
    expect(o.steps.map((s) => [s.kind, s.actual, s.base])).toEqual([
      ['quorum_area', 7_000, 10_000],
      ['quorum_owners', 70, 100],
      ['pass_area', 4_000, 7_000],
      ['pass_owners', 36, 70],
    ]);
  });

  it('V17 a roll call against a header participation that differs from the owners present is invalid, not failed', () => {
    // The case: the header says 290 dm² take part, the present owners hold 200; all vote yes on item 6.
    const owners = [
      { id: 'o1', name: '甲', role: 'member' as const, status: 'present' as const, areaDm2: 120 },
      { id: 'o2', name: '乙', role: 'member' as const, status: 'present' as const, areaDm2: 80 },
    ];
    const vote: Vote = { method: 'roll_call', rollCall: [{ attendeeId: 'o1', choice: 'yes' }, { attendeeId: 'o2', choice: 'yes' }] };
    const over = { attendees: owners, totalAreaDm2: 300, totalOwners: 3, participatingOwners: 2 };
    const [bad, r] = assembly(vote, 'art278_6', { ...over, participatingAreaDm2: 290 });
    expect(voteOutcome(bad, r)).toMatchObject({
      outcome: 'invalid',
      problems: [{ path: 'topics.t1.resolutions.r1.vote', code: 'PARTICIPATION_ROLL_CALL_MISMATCH', detail: { area: 290, presentArea: 200 } }],
    });
    const [good, r2] = assembly(vote, 'art278_6', { ...over, participatingAreaDm2: 200 });
    expect(voteOutcome(good, r2).outcome).toBe('passed');
  });
});

const committee = (n: number, present: number, vote: Vote, over: Partial<MeetingDoc> = {}): MeetingDoc =>
  meeting({ type: 'owners_committee', attendees: members(n, present), totalMembers: n, ...over }, [resolution(vote)]);
const count = (y: number, no = 0, abstain = 0): Vote => ({ method: 'count', yes: y, no, abstain });
const rule = (quorum: [number, number, boolean], pass: [number, number, boolean], passBase: 'all' | 'present'): VoteRule => ({
  quorum: { num: quorum[0], den: quorum[1], inclusive: quorum[2] },
  pass: { num: pass[0], den: pass[1], inclusive: pass[2] },
  passBase,
});
const first = (m: MeetingDoc) => {
  const r = m.topics[0]?.resolutions?.[0];
  if (!r) throw new Error('fixture without resolution');
  return r;
};

describe('V2/V3 member meetings', () => {
  it.each<[string, MeetingDoc, Outcome]>([
    ['V2 业委会 7 members, 4 present is quorate', committee(7, 4, count(4)), 'passed'],
    ['V2 业委会 7 members, 3 present is not quorate', committee(7, 3, count(3)), 'not_quorate'],
    ['V2 业委会 7 members, 4 yes passes (≥ 3.5 of all)', committee(7, 5, count(4, 1)), 'passed'],
    ['V2 业委会 7 members, 3 yes fails though a majority of those present', committee(7, 5, count(3, 0, 2)), 'failed'],
    ['V2 业委会 exactly half of all passes 半数以上 (3 of 6)', committee(6, 4, count(3, 1)), 'passed'],
    ['V2 业委会 all members come from totalMembers, not the list', committee(5, 4, count(4), { totalMembers: 9 }), 'not_quorate'],
    [
      'V4 a local rule (≥ 2/3 present) makes 4 of 7 not quorate',
      committee(7, 4, count(4), { voteRule: rule([2, 3, true], [1, 2, false], 'all') }),
      'not_quorate',
    ],
    ['V4 under the local rule 5 of 7 present is quorate', committee(7, 5, count(4), { voteRule: rule([2, 3, true], [1, 2, false], 'all') }), 'passed'],
    ['V3 理事会 exactly 1/2 of present fails 过半数', meeting({ attendees: members(4, 4) }, [resolution(count(2, 2))]), 'failed'],
    ['V3 理事会 3 of 4 present passes', meeting({ attendees: members(4, 4) }, [resolution(count(3, 1))]), 'passed'],
    ['V3 理事会 abstentions count against (2 yes, 1 no, 1 abstain)', meeting({ attendees: members(4, 4) }, [resolution(count(2, 1, 1))]), 'failed'],
    ['V3 理事会 2 of 4 expected present is not quorate', meeting({ attendees: members(4, 2) }, [resolution(count(2))]), 'not_quorate'],
    ['V3 六方 same simple majority', meeting({ type: 'six_party', attendees: members(6, 4) }, [resolution(count(3, 1))]), 'passed'],
    ['V13 no vote taken', meeting({ attendees: members(4, 4) }, [resolution({ method: 'none' })]), 'no_vote'],
    ['V3 nobody expected is not quorate', meeting({ attendees: [] }, [resolution(count(0))]), 'not_quorate'],
  ])('%s', (_id, m, expected) => expect(voteOutcome(m, first(m)).outcome).toBe(expected));

  it('V2 steps show 4/7 present > 1/2 and 4/7 yes ≥ 1/2 of all', () => {
    const m = committee(7, 4, count(4));
    expect(voteOutcome(m, first(m)).steps).toEqual([
      { kind: 'quorum_members', actual: 4, base: 7, baseOf: 'all_members', threshold: { num: 1, den: 2, inclusive: false }, met: true },
      { kind: 'pass_members', actual: 4, base: 7, baseOf: 'all_members', threshold: { num: 1, den: 2, inclusive: true }, met: true },
    ]);
  });

  it('V4 rule source: meeting, then settings, then the national default', () => {
    const local = rule([2, 3, true], [1, 2, false], 'all');
    const settings = { voteRules: { owners_committee: local } } as Settings;
    const copied = committee(7, 4, count(4), { voteRule: DEFAULT_VOTE_RULES.owners_committee });
    expect(voteOutcome(copied, first(copied), settings)).toMatchObject({ outcome: 'passed', rule: { source: 'meeting' } });
    const bare = committee(7, 4, count(4));
    expect(voteOutcome(bare, first(bare), settings)).toMatchObject({ outcome: 'not_quorate', rule: { source: 'settings', rule: local } });
    expect(voteOutcome(bare, first(bare))).toMatchObject({ outcome: 'passed', rule: { source: 'default' } });
  });

  it('V5 业委会 size from settings when the meeting has none', () => {
    const m = committee(5, 4, count(4), { totalMembers: undefined });
    expect(voteOutcome(m, first(m)).outcome).toBe('passed');
    expect(voteOutcome(m, first(m), { ownersCommitteeSize: 9 } as Settings).outcome).toBe('not_quorate');
  });

  it('V6 roll call counts each present member’s choice; tallies are ignored', () => {
    const vote: Vote = {
      method: 'roll_call',
      yes: 0,
      rollCall: [{ attendeeId: 'a1', choice: 'yes' }, { attendeeId: 'a2', choice: 'yes' }, { attendeeId: 'a3', choice: 'yes' }, { attendeeId: 'a4', choice: 'no' }],
    };
    const m = meeting({ attendees: members(5, 4) }, [resolution(vote)]);
    const o = voteOutcome(m, first(m));
    expect(o.tally).toEqual({ yes: 3, no: 1, abstain: 0, area: null });
    expect(o.outcome).toBe('passed');
  });

  it.each<[string, Vote, string]>([
    ['V14 roll call by an absent member', { method: 'roll_call', rollCall: [{ attendeeId: 'a5', choice: 'yes' }] }, 'ROLL_CALL_NOT_PRESENT'],
    ['V14 votes exceeding those present', count(3, 2), 'VOTE_EXCEEDS_PRESENT'],
    ['V14 fractional count', count(2.5), 'VOTE_NOT_INTEGER'],
    ['V14 negative count', count(-1), 'VOTE_NEGATIVE'],
  ])('%s → invalid, never a throw', (_id, vote, code) => {
    const m = meeting({ attendees: members(5, 4) }, [resolution(vote)]);
    const o = voteOutcome(m, first(m));
    expect(o.outcome).toBe('invalid');
    expect(o.quorum).toBeNull();
    expect(o.problems.map((p) => p.code)).toEqual([code]);
  });

  it('V11 a rule with num > den is invalid', () => {
    const m = committee(7, 4, count(4), { voteRule: rule([3, 2, true], [1, 2, true], 'all') });
    expect(voteOutcome(m, first(m)).problems).toEqual([{ path: 'voteRule.quorum', code: 'RULE_INVALID' }]);
  });

  it('V15 meetingOutcomes keys every resolution by id', () => {
    const m = meeting({ attendees: members(4, 4) }, [resolution(count(3)), resolution({ method: 'none' }, { id: 'r2' })]);
    const all = meetingOutcomes(m);
    expect(Object.keys(all)).toEqual(['r1', 'r2']);
    expect(all.r2?.outcome).toBe('no_vote');
  });
});
