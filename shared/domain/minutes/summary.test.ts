import { describe, expect, it } from 'vitest';
import { complete, members, resolution, T0 } from './fixtures';
import { correctedOutcomes } from './corrections';
import { chinaDateOf, formatDateCn, formatTimeRange, meetingSummary } from './summary';
import { meetingOutcomes } from './vote-outcome';

describe('formatting', () => {
  it.each([
    ['S1', '2026-11-25', '2026年11月25日'],
    ['S1 no leading zeros', '2026-03-05', '2026年3月5日'],
    ['S1 not a date', '2026/03/05', null],
  ])('%s formatDateCn(%s)', (_id, input, expected) => expect(formatDateCn(input)).toBe(expected));

  it.each<[string, string, string | undefined, string | null]>([
    ['S2', '19:30', '21:05', '19时30分至21时05分'],
    ['S2 hour without leading zero, minutes kept', '09:05', '11:00', '9时05分至11时00分'],
    ['S2 start only', '19:30', undefined, '19时30分'],
    ['S2 bad time', '19:60', '21:00', null],
  ])('%s formatTimeRange(%s, %s)', (_id, s, e, expected) => expect(formatTimeRange(s, e)).toBe(expected));
});

describe('meetingSummary', () => {
  const m = complete({
    title: '业委会第三次会议',
    type: 'owners_committee',
    hostPost: '主任',
    totalMembers: 7,
    attendees: [
      ...members(5, 5),
      { id: 'l1', name: '请假委员', role: 'member', status: 'leave', reason: '出差' },
      { id: 'l2', name: '缺席委员', role: 'member', status: 'absent' },
      { id: 'o1', name: '社区书记', role: 'observer', status: 'present' },
    ],
    topics: [
      { id: 't1', title: '停车', notes: '长篇讨论……', resolutions: [resolution({ method: 'count', yes: 4, no: 1 }, { text: '试行错峰停车' })] },
      { id: 't2', title: '通报', notes: '只是通报' },
      { id: 't3', title: '绿化', notes: '', resolutions: [resolution({ method: 'none' }, { id: 'r2', text: '由物业提出方案' })] },
    ],
  });
  const s = meetingSummary(m, meetingOutcomes(m));

  it('S3 header', () =>
    expect(s.header).toEqual({
      title: '业委会第三次会议', typeLabel: '业委会会议', date: '2026-11-25', dateCn: '2026年11月25日', time: '19时30分至21时05分',
      location: '党群服务站', hostName: '李书记', hostPost: '主任', recorderName: '王秘书', expected: 7, present: 5,
      participation: null,
    }));

  it('S4 decisions only, with votes and outcomes, in agenda order', () => {
    expect(s.decisions.map((d) => [d.topicTitle, d.text, d.tally?.yes ?? null, d.outcome, d.outcomeLabel])).toEqual([
      ['停车', '试行错峰停车', 4, 'passed', '通过'],
      ['绿化', '由物业提出方案', null, 'no_vote', '未表决'],
    ]);
    expect(JSON.stringify(s)).not.toContain('长篇讨论');
  });

  it('S4 a resolution without an outcome passed in has none', () => {
    expect(meetingSummary(m, {}).decisions[0]).toMatchObject({ outcome: null, outcomeLabel: null, tally: null });
  });

  it('S5 closing lines 出席 / 请假 / 列席', () => {
    expect(s.closing.present.map((l) => l.name)).toEqual(['委员1', '委员2', '委员3', '委员4', '委员5']);
    expect(s.closing.leave).toEqual([{ attendeeId: 'l1', name: '请假委员', reason: '出差' }]);
    expect(s.closing.observers.map((l) => l.name)).toEqual(['社区书记']);
    expect(s.closing.absent.map((l) => l.name)).toEqual(['缺席委员']);
  });
});

describe('业主大会 in the 纪要', () => {
  // 610 owners hold 45,026.28 m²; 460 owners with 35,120.50 m² take part; item 2 only 410 owners with 31,000 m².
  const m = complete({
    type: 'owners_assembly',
    voteRule: undefined,
    attendees: [],
    totalOwners: 610,
    totalAreaDm2: 4_502_628,
    participatingOwners: 460,
    participatingAreaDm2: 3_512_050,
    topics: [
      {
        id: 't1',
        title: '表决事项',
        notes: '',
        resolutions: [
          resolution({ method: 'count', yes: 400, yesAreaDm2: 3_000_000, no: 60, noAreaDm2: 512_050 }, { matter: 'art278_4', text: '续聘物业' }),
          resolution(
            { method: 'count', yes: 350, yesAreaDm2: 2_500_000 },
            { id: 'r2', matter: 'art278_5', text: '使用维修资金', participatingOwners: 410, participatingAreaDm2: 3_100_000 },
          ),
        ],
      },
    ],
  });
  const s = meetingSummary(m, correctedOutcomes(m));

  it('S6 participation against the totals, shares in tenths of a percent', () =>
    expect(s.header.participation).toEqual({
      owners: 460, totalOwners: 610, ownersShare: 754, areaDm2: 3_512_050, totalAreaDm2: 4_502_628, areaShare: 780,
    }));

  it('S6 each decision with its counts in area and headcount; an item’s own participation stated with it', () => {
    expect(s.decisions.map((d) => [d.tally?.yes, d.tally?.area?.yes, d.outcome])).toEqual([
      [400, 3_000_000, 'passed'],
      [350, 2_500_000, 'passed'],
    ]);
    expect(s.decisions[0]?.participation).toBeNull();
    expect(s.decisions[1]?.participation).toMatchObject({ owners: 410, ownersShare: 672, areaDm2: 3_100_000, areaShare: 688 });
  });

  it('S6 settings stand in for totals the meeting has not copied', () => {
    const draft = { ...m, totalOwners: undefined, totalAreaDm2: undefined };
    const settings = { id: 'compound', createdAt: '', updatedAt: '', createdBy: '', updatedBy: '', totalOwners: 920, totalAreaDm2: 7_024_100 };
    expect(meetingSummary(draft, {}, settings).header.participation).toMatchObject({ ownersShare: 500, areaShare: 500 });
  });
});

describe('corrections in the 纪要 (R1, R2) and its 落款 date (S7)', () => {
  const base = complete({
    status: 'final',
    finalisedAt: '2026-11-25T14:00:00.000Z', // 22:00 in Beijing
    topics: [{ id: 't1', title: '停车', notes: '讨论', resolutions: [resolution({ method: 'count', yes: 1, no: 3 }, { text: '试行错峰停车' })] }],
  });
  const entry = (over: object) => ({ id: 'c1', kind: 'correction' as const, at: '2026-11-27T02:00:00.000Z', by: '王秘书', reason: '计票有误', text: '', ...over });

  it('R1 a 更正 of discussion notes is not in the 纪要', () => {
    const m = { ...base, corrections: [entry({ targetId: 't1', text: '讨论（更正）' })] };
    const s = meetingSummary(m, correctedOutcomes(m));
    expect(s.corrections).toEqual([]);
    expect(s.decisions[0]?.amendments).toEqual([]);
    expect(JSON.stringify(s)).not.toContain('讨论（更正）');
    expect(s.issueDate).toBe('2026-11-25');
  });

  it('R2 a 更正 of a decision is stated as the corrected decision, with the corrected vote and its outcome', () => {
    const m = { ...base, corrections: [entry({ targetId: 'r1', text: '试行错时停车', vote: { method: 'count', yes: 4, no: 0 } })] };
    const s = meetingSummary(m, correctedOutcomes(m));
    expect(s.decisions[0]).toMatchObject({ text: '试行错时停车', tally: { yes: 4, no: 0 }, outcome: 'passed', amendments: [{ id: 'c1' }] });
    expect(s.corrections.map((c) => c.id)).toEqual(['c1']);
    expect(s.issueDate).toBe('2026-11-27');
  });

  it('R2 a 更正 without a vote keeps the vote recorded; a 补充 does not replace the text', () => {
    const m = {
      ...base,
      corrections: [entry({ targetId: 'r1', text: '试行错时停车' }), entry({ id: 'c2', kind: 'supplement', targetId: 'r1', text: '自12月1日起' })],
    };
    const s = meetingSummary(m, correctedOutcomes(m));
    expect(s.decisions[0]).toMatchObject({ text: '试行错时停车', tally: { yes: 1, no: 3 }, outcome: 'failed' });
    expect(s.decisions[0]?.amendments.map((c) => c.kind)).toEqual(['correction', 'supplement']);
  });

  it('S7 a draft’s 落款 is dated the meeting day', () =>
    expect(meetingSummary(complete(), {}).issueDate).toBe('2026-11-25'));

  it.each([
    ['S7 Beijing date of a timestamp', '2026-11-25T16:30:00.000Z', '2026-11-26'],
    ['S7 not a timestamp', '2026-11-25', null],
    ['S7 fixture time', T0, '2026-11-25'],
  ])('%s', (_id, iso, expected) => expect(chinaDateOf(iso)).toBe(expected));
});
