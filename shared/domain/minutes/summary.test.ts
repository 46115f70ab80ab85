import { describe, expect, it } from 'vitest';
import { complete, members, resolution } from './fixtures';
import { formatDateCn, formatTimeRange, meetingSummary } from './summary';
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
