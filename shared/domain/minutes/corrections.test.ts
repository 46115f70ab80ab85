import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../schema';
import { correctionBase, correctionChanges, correctedOutcomes, correctedResolution, decisionCorrections } from './corrections';
import { complete, resolution } from './fixtures';

type Entry = NonNullable<MeetingDoc['corrections']>[number];
const entry = (id: string, over: Partial<Entry>): Entry => ({ id, kind: 'correction', at: '2026-11-27T02:00:00.000Z', by: '王秘书', reason: '笔误', text: '', ...over });

const m = (corrections: Entry[]): MeetingDoc =>
  complete({
    status: 'final',
    attendees: [...complete().attendees, { id: 'g1', name: '吴律师', role: 'guest', status: 'present' }],
    topics: [
      {
        id: 't1',
        title: '停车',
        notes: '业主反映东门道路破损严重。',
        resolutions: [resolution({ method: 'count', yes: 1, no: 3 }, { text: '试行错峰停车', actionItems: [{ id: 'i1', title: '制定方案' }] })],
      },
    ],
    corrections,
  });

describe('correctionBase (R3) and correctionChanges (R4)', () => {
  it.each<[string, Entry[], string, string | null]>([
    ['R3 a 更正 of a 议题 replaces its notes', [entry('c1', { targetId: 't1', text: 'x' })], 'c1', '业主反映东门道路破损严重。'],
    ['R3 a 更正 of a 决议 replaces its text', [entry('c1', { targetId: 'r1', text: 'x' })], 'c1', '试行错峰停车'],
    ['R3 a 落实事项', [entry('c1', { targetId: 'i1', text: 'x' })], 'c1', '制定方案'],
    ['R3 an attendee’s name', [entry('c1', { targetId: 'g1', text: 'x' })], 'c1', '吴律师'],
    ['R3 a second 更正 replaces the first', [entry('c1', { targetId: 'r1', text: '试行错时停车' }), entry('c2', { targetId: 'r1', text: 'y' })], 'c2', '试行错时停车'],
    ['R3 a 更正 of an entry replaces that entry', [entry('c1', { kind: 'supplement', text: '补记' }), entry('c2', { targetId: 'c1', text: 'y' })], 'c2', '补记'],
    ['R3 a 补充 replaces nothing', [entry('c1', { kind: 'supplement', targetId: 'r1', text: 'x' })], 'c1', null],
    ['R3 the whole record: nothing to compare with', [entry('c1', { text: 'x' })], 'c1', null],
  ])('%s', (_id, list, id, expected) => {
    const meeting = m(list);
    const c = list.find((x) => x.id === id);
    if (!c) throw new Error('fixture');
    expect(correctionBase(meeting, c)).toBe(expected);
  });

  it('R4 the change is marked, not just the new paragraph', () => {
    const c = entry('c1', { targetId: 't1', text: '业主反映东门道路和北门台阶破损严重。' });
    expect(correctionChanges(m([c]), c)).toEqual([
      { kind: 'same', text: '业主反映东门道路' },
      { kind: 'added', text: '和北门台阶' },
      { kind: 'same', text: '破损严重。' },
    ]);
    const s = entry('c2', { kind: 'supplement', targetId: 't1', text: '补记' });
    expect(correctionChanges(m([s]), s)).toBeNull();
  });
});

describe('decisions as corrected (R1, R2)', () => {
  const list = [
    entry('c1', { targetId: 't1', text: '讨论（更正）' }),
    entry('c2', { targetId: 'r1', text: '试行错时停车', vote: { method: 'count', yes: 4, no: 0 } }),
    entry('c3', { targetId: 'r1', text: '自12月1日起试行错时停车' }),
  ];
  const meeting = m(list);
  const r = meeting.topics[0]?.resolutions?.[0];
  if (!r) throw new Error('fixture');

  it('R1 only entries about decisions', () => expect(decisionCorrections(meeting).map((c) => c.id)).toEqual(['c2', 'c3']));

  it('R2 the last 更正 gives the text; the last one with a vote gives the vote', () =>
    expect(correctedResolution(meeting, r)).toMatchObject({ text: '自12月1日起试行错时停车', vote: { method: 'count', yes: 4, no: 0 } }));

  it('R2 the corrected vote decides the corrected outcome; the record keeps its own', () =>
    expect(correctedOutcomes(meeting).r1?.outcome).toBe('passed'));

  it('R2 without entries the resolution itself', () => expect(correctedResolution(m([]), r)).toBe(r));
});
