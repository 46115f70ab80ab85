// Test data builders for the minutes tests (imported only by *.test.ts).
import type { MeetingDoc } from '../../schema';

export const T0 = '2026-11-25T08:30:00.000Z';

type AttendeeDoc = MeetingDoc['attendees'][number];
type ResolutionDoc = NonNullable<MeetingDoc['topics'][number]['resolutions']>[number];
export type VoteDoc = ResolutionDoc['vote'];

/** `n` members a1…an; the first `present` are present, the rest absent. */
export function members(n: number, present: number, extra: Partial<AttendeeDoc> = {}): AttendeeDoc[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `a${i + 1}`,
    personId: `p${i + 1}`,
    name: `委员${i + 1}`,
    role: 'member' as const,
    status: i < present ? ('present' as const) : ('absent' as const),
    ...extra,
  }));
}

export const resolution = (vote: VoteDoc, extra: Partial<ResolutionDoc> = {}): ResolutionDoc => ({ id: 'r1', text: '同意', vote, ...extra });

export function meeting(over: Partial<MeetingDoc> = {}, resolutions: ResolutionDoc[] = []): MeetingDoc {
  return {
    id: 'm1',
    createdAt: T0,
    updatedAt: T0,
    createdBy: '秘书',
    updatedBy: '秘书',
    title: '第三次会议',
    type: 'council',
    status: 'draft',
    date: '2026-11-25',
    attendees: [],
    topics: [{ id: 't1', title: '议题一', notes: '', resolutions }],
    ...over,
  };
}

/** A meeting ready to be finalised. */
export function complete(over: Partial<MeetingDoc> = {}): MeetingDoc {
  return meeting({
    startTime: '19:30',
    endTime: '21:05',
    location: '党群服务站',
    hostName: '李书记',
    recorderName: '王秘书',
    attendees: members(5, 4),
    voteRule: { quorum: { num: 1, den: 2, inclusive: false }, pass: { num: 1, den: 2, inclusive: false }, passBase: 'present' },
    ...over,
  });
}
