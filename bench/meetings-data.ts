// 会议记录 for the benches (bench/sync-browser.ts, bench/ledger.ts): the recorded council and assembly meetings of
// shared/domain/minutes, one every three days back from `today`, the last three still drafts.
import { assemblyMeeting, councilMeeting } from '../shared/domain/minutes/recorded-meetings';
import type { MeetingDoc } from '../shared/schema';
import { mulberry32 } from './random';

export function buildMeetings(count: number, today: string, seed = 5): MeetingDoc[] {
  const r = mulberry32(seed);
  const meetings: MeetingDoc[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - (count - i) * 3 * 86_400_000).toISOString().slice(0, 10);
    const m = i % 5 === 4 ? assemblyMeeting() : councilMeeting();
    const recent = i >= count - 3;
    const topics = m.topics.map((t) => ({ ...t, notes: Array.from({ length: 1 + Math.floor(r() * 3) }, () => t.notes).join('\n') }));
    const at = `${day}T12:00:00.000Z`;
    const { finalisedAt: _f, finalisedBy: _b, ...draft } = m;
    meetings.push({
      ...(recent ? draft : m),
      id: `meeting-${String(i).padStart(5, '0')}`,
      title: `${m.title.replace(/（.*）$/, '')}（${day}）`,
      date: day,
      createdAt: at,
      updatedAt: at,
      topics,
      status: recent ? 'draft' : 'final',
      ...(recent ? {} : { finalisedAt: at }),
    } as MeetingDoc);
  }
  return meetings;
}
