// Test data for the notice generators' tests: the minutes' recorded meetings (shared/domain/minutes/recorded-meetings.ts),
// a meeting still being planned, and a notice as the store holds it.
import type { MeetingDoc } from '../../../schema';
import { councilMeeting } from '../../minutes/recorded-meetings';

export { assemblyMeeting, councilMeeting, settingsFixture } from '../../minutes/recorded-meetings';

const T0 = '2026-11-25T08:00:00.000Z';
const base = { createdAt: T0, updatedAt: T0, createdBy: '王晓梅', updatedBy: '王晓梅' };

/** A meeting still being planned: no attendance, no decisions yet. */
export const plannedMeeting = (over: Partial<MeetingDoc> = {}): MeetingDoc => {
  const m = councilMeeting();
  return {
    ...m,
    status: 'draft',
    date: '2026-12-05',
    attendees: m.attendees.map((a) => ({ ...a, status: 'unknown' as const })),
    topics: m.topics.map((t) => ({ ...t, notes: '', resolutions: [] })),
    finalisedAt: undefined,
    finalisedBy: undefined,
    ...over,
  };
};

/** Adds what the store adds (id, stamp, 公示期) and checks the notice against the schema. */
export function asStored<T extends object>(content: T, id = 'n1'): T & { id: string; createdAt: string; updatedAt: string; createdBy: string; updatedBy: string; postFrom: string; postUntil: string } {
  return { ...content, id, ...base, postFrom: '2026-12-01', postUntil: '2026-12-07' };
}
