import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../schema';
import { meeting, resolution } from './fixtures';
import { filterMeetings, meetingMatches } from './search';

const m = meeting(
  {
    title: '第三次共建理事会 Parking',
    location: '党群服务站',
    hostName: '李建国',
    attendees: [{ id: 'a1', name: '赵大勇', role: 'member', status: 'present' }, { id: 'g1', name: '吴律师', role: 'guest', status: 'present' }],
  },
  [resolution({ method: 'none' }, { text: '同意试行错峰停车' })],
);
m.topics[0] = { ...m.topics[0]!, notes: '讨论了电动车 充电桩 选址', speakers: ['钱多多'] };

describe('meetingMatches', () => {
  it.each([
    ['Q1 title, case-insensitive', 'parking', true],
    ['Q1 notes', '充电桩', true],
    ['Q1 resolution text', '错峰', true],
    ['Q1 all terms must match, in any field', '理事会  充电桩\u3000错峰', true],
    ['Q1 mixed Chinese and Latin terms', 'PARKING 错峰', true],
    ['Q1 one term missing fails', '理事会 业委会', false],
    ['Q1 empty query matches', '   ', true],
    ['Q1 an attendee’s name', '赵大勇', true],
    ['Q1 a guest’s name', '吴律师', true],
    ['Q1 a 发言人', '钱多多', true],
    ['Q1 the host', '李建国 充电桩', true],
  ])('%s: %s', (_id, q, expected) => expect(meetingMatches(m, q)).toBe(expected));
});

describe('filterMeetings', () => {
  const list: MeetingDoc[] = [
    meeting({ id: 'a', type: 'council', date: '2026-01-10', status: 'final', title: '一月理事会' }),
    meeting({ id: 'b', type: 'owners_committee', date: '2026-02-10', title: '二月业委会' }),
    meeting({ id: 'c', type: 'council', date: '2026-03-10', title: '三月理事会' }),
  ];
  it.each<[string, Parameters<typeof filterMeetings>[1], string[]]>([
    ['Q2 by type', { type: 'council' }, ['a', 'c']],
    ['Q2 from/to inclusive', { from: '2026-02-10', to: '2026-03-10' }, ['b', 'c']],
    ['Q2 by status', { status: 'final' }, ['a']],
    ['Q2 with a query', { query: '理事会', to: '2026-02-28' }, ['a']],
    ['Q3 nothing set keeps all in order', {}, ['a', 'b', 'c']],
  ])('%s', (_id, f, ids) => expect(filterMeetings(list, f).map((x) => x.id)).toEqual(ids));

  it('Q3 linear on 2 000 meetings with long notes', () => {
    const notes = '讨论小区停车、绿化、电梯维修等事项。'.repeat(300); // ~5 000 characters each
    const many = Array.from({ length: 2_000 }, (_, i) =>
      meeting({ id: `m${i}`, date: '2026-01-01', title: `会议${i}` }, [resolution({ method: 'none' }, { text: i === 1_999 ? '加装电梯' : '同意' })]),
    );
    for (const x of many) x.topics[0] = { ...x.topics[0]!, notes };
    const t0 = performance.now();
    const hits = filterMeetings(many, { query: '加装电梯 停车' });
    const ms = performance.now() - t0;
    expect(hits.map((x) => x.id)).toEqual(['m1999']);
    expect(ms).toBeLessThan(1_000); // typically a few tens of ms; generous for slow CI
  });
});
