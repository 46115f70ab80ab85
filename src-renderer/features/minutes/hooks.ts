// Live reads for 会议记录: plain JSON snapshots from RxDB.
import { useEffect, useMemo, useState } from 'react';
import { map } from 'rxjs';
import type { Meeting, Task } from '../../../shared/domain/minutes';
import type { RosterRecord } from '../../../shared/domain/roster';
import type { NoticeDoc } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useObservable, useRosterDocs, type Loadable } from '../../db/hooks';

/** Newest first: by date, then start time, then when the record was made. */
export function compareNewestFirst(a: Meeting, b: Meeting): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  const sa = a.startTime ?? '';
  const sb = b.startTime ?? '';
  if (sa !== sb) return sa < sb ? 1 : -1;
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;
}

/** Every meeting, newest first; live. */
export function useMeetingList(): Loadable<readonly Meeting[]> {
  const db = useDatabase();
  const source = useMemo(
    () =>
      db.meetings.find().$.pipe(map((docs): readonly Meeting[] => docs.map((d) => d.toJSON() as Meeting).sort(compareNewestFirst))),
    [db],
  );
  return useObservable(source);
}

/** Tasks linked to the meeting: by id (meeting.taskIds, action items) or by their source; live. */
export function useLinkedTasks(meetingId: string, ids: readonly string[]): readonly Task[] {
  const db = useDatabase();
  const key = [...ids].sort().join(',');
  const source = useMemo(() => {
    const idList = key === '' ? [] : key.split(',');
    return db.tasks
      .find({ selector: { $or: [{ id: { $in: idList } }, { 'source.meetingId': meetingId }] } })
      .$.pipe(map((docs): readonly Task[] => docs.map((d) => d.toJSON() as Task)));
  }, [db, meetingId, key]);
  const tasks = useObservable(source);
  // A new link re-queries; until that answers, the previous answer stands (no flicker to "not found").
  const [last, setLast] = useState<readonly Task[]>(EMPTY_TASKS);
  useEffect(() => {
    if (tasks.status === 'ready') setLast(tasks.data);
  }, [tasks]);
  return tasks.status === 'ready' ? tasks.data : last;
}
const EMPTY_TASKS: readonly Task[] = [];

export type NoticeSummary = Pick<NoticeDoc, 'id' | 'title' | 'status'> & { resolutionId?: string | undefined };

/** 决议公告 started from this meeting's decisions; live. */
export function useMeetingNotices(meetingId: string): readonly NoticeSummary[] {
  const db = useDatabase();
  const source = useMemo(
    () =>
      db.notices
        .find({ selector: { 'source.meetingId': meetingId } })
        .$.pipe(
          map((docs): readonly NoticeSummary[] =>
            docs.map((d) => ({ id: d.id, title: d.title, status: d.status, resolutionId: d.source?.resolutionId })),
          ),
        ),
    [db, meetingId],
  );
  const notices = useObservable(source);
  return notices.status === 'ready' ? notices.data : EMPTY_NOTICES;
}
const EMPTY_NOTICES: readonly NoticeSummary[] = [];

/** Current people of the roster (for attendance, host, recorder, 责任人). */
export function useCurrentPeople(): readonly RosterRecord[] {
  const all = useRosterDocs('person');
  return useMemo(
    () => (all.status === 'ready' ? all.data.filter((p) => p.status === 'active' && p.deactivatedAt === undefined) : EMPTY_PEOPLE),
    [all],
  );
}
const EMPTY_PEOPLE: readonly RosterRecord[] = [];
