// Writes of 会议记录 that create documents: a meeting from its template, a 决议公告 draft, a 六方联动 task from an
// action item. Ids are made here (UI layer); the rules build the documents (shared/domain/minutes, notices, tasks);
// every write is stamped. Edits of an open
// meeting go through its MeetingSession instead (save as you type).
import {
  newMeetingFromTemplate,
  type ActionItem,
  type Meeting,
  type Resolution,
  type RosterPerson,
  type Settings,
  type VoteOutcome,
} from '../../../shared/domain/minutes';
import { addCalendarDays } from '../../../shared/domain/common/dates';
import { newNoticeDoc } from '../../../shared/domain/notices';
import { taskFromActionItem, type TaskFromActionItemError } from '../../../shared/domain/tasks';
import { ok, type Result } from '../../../shared/result';
import type { MeetingDoc, MeetingType } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { currentStamp, DEFAULT_OPERATOR_NAME } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';
import { resolutionNotice } from '../../../shared/domain/notices/generate/resolution';

type Created = Result<{ id: string }, WriteError>;

/** A new draft from the type's template (agenda, expected attendees, the vote rule copied from settings). */
export async function createMeeting(
  db: LinliDatabase,
  input: { type: MeetingType; date: string; roster: readonly RosterPerson[]; settings: Settings | undefined },
): Promise<Created> {
  const stamp = currentStamp();
  const doc: MeetingDoc = newMeetingFromTemplate(input.type, {
    id: crypto.randomUUID(),
    now: stamp.at,
    by: stamp.by,
    date: input.date,
    roster: input.roster,
    settings: input.settings,
    ids: () => crypto.randomUUID(),
  });
  // Whoever opens the record on this PC is usually the one taking the minutes.
  if (stamp.by !== DEFAULT_OPERATOR_NAME) doc.recorderName = stamp.by;
  const r = await attemptWrite(() => db.meetings.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

/** 'YYYY-MM-DD' + n days, on the calendar (no time zone involved). */
export const addDays = addCalendarDays;

/**
 * A 决议公告 draft in `notices` (the notices feature takes it over): posted from today for settings.noticeDays
 * days (default 7), today included.
 */
export async function createResolutionNotice(
  db: LinliDatabase,
  input: { meeting: Meeting; resolution: Resolution; outcome: VoteOutcome; settings: Settings; today: string },
): Promise<Created> {
  const draft = resolutionNotice({ ...input, issueDate: input.today });
  const doc = newNoticeDoc(crypto.randomUUID(), draft, { today: input.today, days: input.settings.noticeDays }, currentStamp());
  const r = await attemptWrite(() => db.notices.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

export type TaskCreateError = WriteError | TaskFromActionItemError;

/** A 六方联动 task (待分派) from an action item, linked back by its source (shared/domain/tasks, T1–T5). */
export async function createTaskFromActionItem(
  db: LinliDatabase,
  input: { meeting: Meeting; resolution: Resolution; item: ActionItem },
): Promise<Result<{ id: string }, TaskCreateError>> {
  const built = taskFromActionItem(crypto.randomUUID(), input, currentStamp());
  if (!built.ok) return built;
  const doc = built.value;
  const r = await attemptWrite(() => db.tasks.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

