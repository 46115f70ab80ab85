import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../../schema';
import { complete, meeting, members, resolution } from './fixtures';
import type { FinaliseField } from './errors';
import { finaliseCheck, validateItemParticipation, validateMeeting, validateResolutionVote } from './validate';

const codes = (m: MeetingDoc) => validateMeeting(m).map((e) => [e.path, e.code]);

describe('validateMeeting', () => {
  it('a complete meeting has no problems', () => expect(validateMeeting(complete())).toEqual([]));

  it.each<[string, Partial<MeetingDoc>, [string, string][]]>([
    ['M1 title required', { title: '  ' }, [['title', 'TITLE_REQUIRED']]],
    ['M1 date must be a calendar date', { date: '2026-02-30' }, [['date', 'DATE_INVALID']]],
    ['M1 time must be HH:MM', { startTime: '7:30' }, [['startTime', 'TIME_INVALID']]],
    ['M2 end before start', { startTime: '21:00', endTime: '19:30' }, [['endTime', 'END_BEFORE_START']]],
    ['M2 end equal to start', { startTime: '19:30', endTime: '19:30' }, [['endTime', 'END_BEFORE_START']]],
    [
      'M4 the same roster person twice',
      { attendees: [...members(2, 2), { id: 'a9', personId: 'p1', name: '委员1', role: 'observer', status: 'present' }] },
      [['attendees.a9', 'ATTENDEE_DUPLICATE']],
    ],
    [
      'M4 the same free-text name twice',
      { attendees: [{ id: 'g1', name: '街道 干部', role: 'guest', status: 'present' }, { id: 'g2', name: ' 街道  干部 ', role: 'guest', status: 'present' }] },
      [['attendees.g2', 'ATTENDEE_DUPLICATE']],
    ],
    ['M4 attendee name required', { attendees: [{ id: 'g1', name: ' ', role: 'guest', status: 'present' }] }, [['attendees.g1.name', 'ATTENDEE_NAME_REQUIRED']]],
    ['M3 ids are unique', { attendees: [{ id: 't1', name: '甲', role: 'guest', status: 'present' }] }, [['topics.t1', 'ID_DUPLICATE']]],
    ['M5 participation exceeds total', { type: 'owners_assembly', totalOwners: 10, participatingOwners: 11 }, [['participatingOwners', 'PARTICIPATION_EXCEEDS_TOTAL']]],
    ['M5 participating area exceeds total', { type: 'owners_assembly', totalAreaDm2: 10, participatingAreaDm2: 11 }, [['participatingAreaDm2', 'PARTICIPATION_EXCEEDS_TOTAL']]],
    ['M5 more members listed than exist', { attendees: members(8, 8), totalMembers: 7 }, [['totalMembers', 'MEMBERS_EXCEED_TOTAL']]],
    ['M5 totals are non-negative integers', { totalOwners: -1 }, [['totalOwners', 'NUMBER_INVALID']]],
    ['M6 topic title required', { topics: [{ id: 't1', title: '', notes: '' }] }, [['topics.t1.title', 'TOPIC_TITLE_REQUIRED']]],
  ])('%s', (_id, over, expected) => expect(codes(complete(over))).toEqual(expected));

  it('M4 a roster person and a guest of the same name are not duplicates', () => {
    const m = complete({ attendees: [...members(1, 1), { id: 'g1', name: '委员1', role: 'guest', status: 'present' }] });
    expect(validateMeeting(m)).toEqual([]);
  });

  it('M4 no reason is required for 请假 or 缺席', () => {
    const m = complete({ attendees: members(3, 1, {}).map((a, i) => (i === 2 ? { ...a, status: 'leave' as const } : a)) });
    expect(validateMeeting(m)).toEqual([]);
  });

  it('M6 resolution, vote and action item problems carry the full path', () => {
    const r = resolution({ method: 'count', yes: 5 }, { text: '', actionItems: [{ id: 'i1', title: '', dueDate: '2026-13-01' }] });
    const m = complete({ attendees: members(5, 4) });
    m.topics = [{ id: 't1', title: '停车', notes: '', resolutions: [r] }];
    expect(codes(m)).toEqual([
      ['topics.t1.resolutions.r1.text', 'RESOLUTION_TEXT_REQUIRED'],
      ['topics.t1.resolutions.r1.vote', 'VOTE_EXCEEDS_PRESENT'],
      ['topics.t1.resolutions.r1.actionItems.i1.title', 'ACTION_ITEM_TITLE_REQUIRED'],
      ['topics.t1.resolutions.r1.actionItems.i1.dueDate', 'DUE_DATE_INVALID'],
    ]);
  });
});

describe('validateResolutionVote', () => {
  const council = meeting({ attendees: [...members(5, 4), { id: 'o1', name: '列席人', role: 'observer', status: 'present' }] });
  const assembly = meeting({ type: 'owners_assembly', participatingOwners: 10, participatingAreaDm2: 1_000, attendees: members(3, 2, { areaDm2: 100 }) });
  it.each<[string, typeof council, Parameters<typeof resolution>[0], [string, string, Record<string, number>?][]]>([
    ['V7 no vote, nothing to check', council, { method: 'none', yes: -5 }, []],
    ['V7 yes is required for a count', council, { method: 'count', no: 1 }, [['vote.yes', 'VOTE_COUNT_MISSING']]],
    ['V7 negative count', council, { method: 'count', yes: 1, no: -1 }, [['vote.no', 'VOTE_NEGATIVE']]],
    ['V7 fractional count', council, { method: 'count', yes: 1, abstain: 0.5 }, [['vote.abstain', 'VOTE_NOT_INTEGER']]],
    ['V8 votes exceeding present members (vote exceeds attendees)', council, { method: 'count', yes: 3, no: 1, abstain: 1 }, [['vote', 'VOTE_EXCEEDS_PRESENT', { votes: 5, max: 4 }]]],
    ['V8 votes equal to present members', council, { method: 'count', yes: 3, no: 1 }, []],
    ['V9 roll call: unknown attendee', council, { method: 'roll_call', rollCall: [{ attendeeId: 'zz', choice: 'yes' }] }, [['vote.rollCall.zz', 'ROLL_CALL_UNKNOWN_ATTENDEE']]],
    ['V9 roll call: absent member', council, { method: 'roll_call', rollCall: [{ attendeeId: 'a5', choice: 'yes' }] }, [['vote.rollCall.a5', 'ROLL_CALL_NOT_PRESENT']]],
    ['V9 roll call: observers do not vote', council, { method: 'roll_call', rollCall: [{ attendeeId: 'o1', choice: 'yes' }] }, [['vote.rollCall.o1', 'ROLL_CALL_NOT_MEMBER']]],
    [
      'V9 roll call: twice',
      council,
      { method: 'roll_call', rollCall: [{ attendeeId: 'a1', choice: 'yes' }, { attendeeId: 'a1', choice: 'no' }] },
      [['vote.rollCall.a1', 'ROLL_CALL_DUPLICATE']],
    ],
    ['V10 业主大会 needs the yes area', assembly, { method: 'count', yes: 5 }, [['vote.yesAreaDm2', 'VOTE_AREA_MISSING']]],
    ['V10 业主大会 votes beyond participation', assembly, { method: 'count', yes: 11, yesAreaDm2: 500 }, [['vote', 'VOTE_EXCEEDS_PRESENT', { votes: 11, max: 10 }]]],
    ['V10 业主大会 area beyond participation', assembly, { method: 'count', yes: 5, yesAreaDm2: 900, noAreaDm2: 200, no: 2 }, [['vote', 'VOTE_AREA_EXCEEDS_PARTICIPATION', { area: 1_100, max: 1_000 }]]],
    ['V10 业主大会 voters without area', assembly, { method: 'count', yes: 5, yesAreaDm2: 0 }, [['vote.yesAreaDm2', 'VOTE_AREA_MISMATCH']]],
    [
      'V16 业主大会 votes beyond the item’s own participation',
      assembly,
      { method: 'count', yes: 7, yesAreaDm2: 500 },
      [['vote', 'VOTE_EXCEEDS_PRESENT', { votes: 7, max: 6 }]],
    ],
    [
      'V10 业主大会 roll call needs each owner’s area',
      meeting({ type: 'owners_assembly', attendees: members(2, 2) }),
      { method: 'roll_call', rollCall: [{ attendeeId: 'a1', choice: 'yes' }] },
      [['vote.rollCall.a1', 'ROLL_CALL_AREA_MISSING']],
    ],
  ])('%s', (_id, m, vote, expected) => {
    // The V16 case records its own participation (6 owners) on the item; the others take the meeting's.
    const own = _id.startsWith('V16') ? { participatingOwners: 6 } : {};
    const got = validateResolutionVote(m, resolution(vote, own)).map((e) => (e.detail ? [e.path, e.code, e.detail] : [e.path, e.code]));
    expect(got).toEqual(expected);
  });

  // A roll call at a 业主大会: two owners present holding 100 dm² each (200), a third absent.
  const rollCall = { method: 'roll_call' as const, rollCall: [{ attendeeId: 'a1', choice: 'yes' as const }, { attendeeId: 'a2', choice: 'yes' as const }] };
  it.each<[string, Partial<MeetingDoc>, object, [string, string, Record<string, number>?][]]>([
    ['V17 header participation agrees with the owners present', { participatingOwners: 2, participatingAreaDm2: 200 }, {}, []],
    [
      'V17 header area 290 dm² against owners holding 200: refused, both shown',
      { participatingOwners: 2, participatingAreaDm2: 290 },
      {},
      [['vote', 'PARTICIPATION_ROLL_CALL_MISMATCH', { owners: 2, presentOwners: 2, area: 290, presentArea: 200 }]],
    ],
    [
      'V17 header owners differ from the owners present',
      { participatingOwners: 3, participatingAreaDm2: 200 },
      {},
      [['vote', 'PARTICIPATION_ROLL_CALL_MISMATCH', { owners: 3, presentOwners: 2, area: 200, presentArea: 200 }]],
    ],
    [
      'V17 the item’s own participation is what must agree',
      { participatingOwners: 3, participatingAreaDm2: 290 },
      { participatingOwners: 2, participatingAreaDm2: 200 },
      [],
    ],
  ])('%s', (_id, over, own, expected) => {
    const m = meeting({ type: 'owners_assembly', attendees: members(3, 2, { areaDm2: 100 }), ...over });
    const got = validateResolutionVote(m, resolution(rollCall, own)).map((e) => (e.detail ? [e.path, e.code, e.detail] : [e.path, e.code]));
    expect(got).toEqual(expected);
  });
});

describe('validateItemParticipation', () => {
  const m = meeting({ type: 'owners_assembly', totalOwners: 100, totalAreaDm2: 10_000, participatingOwners: 80, participatingAreaDm2: 8_000 });
  it.each<[string, object, [string, string][]]>([
    ['V16 none recorded: the meeting’s stands', {}, []],
    ['V16 fewer owners for one item', { participatingOwners: 75, participatingAreaDm2: 7_500 }, []],
    ['V16 not an integer', { participatingOwners: 7.5 }, [['participatingOwners', 'NUMBER_INVALID']]],
    ['V16 beyond the compound’s total', { participatingOwners: 101 }, [['participatingOwners', 'PARTICIPATION_EXCEEDS_TOTAL']]],
    ['V16 beyond the meeting’s participation', { participatingAreaDm2: 8_001 }, [['participatingAreaDm2', 'PARTICIPATION_EXCEEDS_MEETING']]],
  ])('%s', (_id, own, expected) =>
    expect(validateItemParticipation(m, resolution({ method: 'none' }, own)).map((e) => [e.path, e.code])).toEqual(expected));

  it('V16 other meeting types ignore it', () =>
    expect(validateItemParticipation(meeting(), resolution({ method: 'none' }, { participatingOwners: -1 }))).toEqual([]));

  it('M6 validateMeeting reports it at the resolution’s path', () => {
    const withItem = { ...m, topics: [{ id: 't1', title: '议题一', notes: '', resolutions: [resolution({ method: 'none' }, { participatingOwners: 101 })] }] };
    expect(codes(withItem)).toEqual([['topics.t1.resolutions.r1.participatingOwners', 'PARTICIPATION_EXCEEDS_TOTAL']]);
  });
});

describe('finaliseCheck', () => {
  it('M7 a complete meeting misses nothing', () => expect(finaliseCheck(complete())).toEqual([]));

  it('M7 an empty draft names every missing header field', () => {
    const m = meeting({ title: '', topics: [] });
    expect(finaliseCheck(m)).toEqual<FinaliseField[]>([
      'title',
      'startTime',
      'endTime',
      'location',
      'hostName',
      'recorderName',
      'attendees',
      'topics',
    ]);
  });

  it.each<[string, MeetingDoc, FinaliseField[]]>([
    ['M7 attendance must be recorded for everyone', complete({ attendees: members(2, 1, { status: 'unknown' }) }), ['attendance']],
    ['M7 without a vote no rule is needed', complete({ voteRule: undefined }), []],
    [
      'M7 a vote needs the copied rule',
      { ...complete({ voteRule: undefined }), topics: [{ id: 't1', title: 'x', notes: '', resolutions: [{ id: 'r1', text: 'x', vote: { method: 'count', yes: 3 } }] }] },
      ['voteRule'],
    ],
    [
      'M7 a 业主大会 vote needs totals and participation',
      {
        ...complete({ type: 'owners_assembly', voteRule: undefined, totalAreaDm2: 1 }),
        topics: [{ id: 't1', title: 'x', notes: '', resolutions: [{ id: 'r1', text: 'x', vote: { method: 'count', yes: 3 } }] }],
      },
      ['totalOwners', 'participatingAreaDm2', 'participatingOwners'],
    ],
    [
      'M7 a 业主大会 is counted by participation, not a list: no attendees needed, totals and participation are',
      complete({ type: 'owners_assembly', voteRule: undefined, attendees: [] }),
      ['totalAreaDm2', 'totalOwners', 'participatingAreaDm2', 'participatingOwners'],
    ],
    [
      'M7 a complete 业主大会 without a list of attendees',
      complete({ type: 'owners_assembly', voteRule: undefined, attendees: [], totalAreaDm2: 10, totalOwners: 10, participatingAreaDm2: 8, participatingOwners: 8 }),
      [],
    ],
    [
      'M7 a 业主大会 that lists owners (roll call) needs their attendance',
      complete({ type: 'owners_assembly', voteRule: undefined, attendees: members(2, 1, { status: 'unknown' }), totalAreaDm2: 10, totalOwners: 10, participatingAreaDm2: 8, participatingOwners: 8 }),
      ['attendance'],
    ],
    ['M7 other meetings still need attendees', complete({ attendees: [] }), ['attendees']],
  ])('%s', (_id, m, expected) => expect(finaliseCheck(m)).toEqual(expected));
});
