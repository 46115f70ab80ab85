// Writes of 会议记录 that create documents: a meeting from its template, a 决议公告 draft, a 六方联动 task from an
// action item. Ids are made here (UI layer); the rules build the documents; every write is stamped. Edits of an open
// meeting go through its MeetingSession instead (save as you type).
import {
  newMeetingFromTemplate,
  type NoticeDraftValues,
  type ActionItem,
  type Meeting,
  type Resolution,
  type RosterPerson,
  type Settings,
  type VoteOutcome,
} from '../../../shared/domain/minutes';
import { err, ok, type Result } from '../../../shared/result';
import type { MeetingDoc, MeetingType, NoticeDoc, TaskDoc } from '../../../shared/schema';
import type { LinliDatabase } from '../../db/database';
import { currentStamp, DEFAULT_OPERATOR_NAME } from '../../db/operator';
import { attemptWrite, type WriteError } from '../../db/write-error';
import { resolutionNoticeDraft } from './print';

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
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + n * 86_400_000);
  return t.toISOString().slice(0, 10);
}

export const DEFAULT_NOTICE_DAYS = 7;

/**
 * A 决议公告 draft in `notices` (the notices feature takes it over): posted from today for settings.noticeDays
 * days (default 7), today included.
 */
export async function createResolutionNotice(
  db: LinliDatabase,
  input: { meeting: Meeting; resolution: Resolution; outcome: VoteOutcome; settings: Settings; today: string },
): Promise<Created> {
  const stamp = currentStamp();
  const draft = resolutionNoticeDraft({ ...input, issueDate: input.today });
  const days = input.settings.noticeDays ?? DEFAULT_NOTICE_DAYS;
  const doc: NoticeDoc = {
    ...draft,
    id: crypto.randomUUID(),
    createdAt: stamp.at,
    updatedAt: stamp.at,
    createdBy: stamp.by,
    updatedBy: stamp.by,
    postFrom: input.today,
    postUntil: addDays(input.today, days - 1),
  };
  const r = await attemptWrite(() => db.notices.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

export type TaskCreateError = WriteError | { code: 'LEAD_PARTY_REQUIRED' | 'ACTION_TITLE_MISSING' };

const TASK_TITLE_MAX = 200;
const DESCRIPTION_MAX = 20_000;

/** A 六方联动 task (已派发) from an action item, linked back by its source. */
export async function createTaskFromActionItem(
  db: LinliDatabase,
  input: { meeting: Meeting; resolution: Resolution; item: ActionItem },
): Promise<Result<{ id: string }, TaskCreateError>> {
  const { meeting, resolution, item } = input;
  const title = Array.from(item.title.trim()).slice(0, TASK_TITLE_MAX).join('');
  if (title === '') return err({ code: 'ACTION_TITLE_MISSING' });
  if (!item.leadParty) return err({ code: 'LEAD_PARTY_REQUIRED' });
  const stamp = currentStamp();
  const doc: TaskDoc = {
    id: crypto.randomUUID(),
    createdAt: stamp.at,
    updatedAt: stamp.at,
    createdBy: stamp.by,
    updatedBy: stamp.by,
    title,
    leadParty: item.leadParty,
    status: 'assigned',
    priority: 'normal',
    source: { kind: 'meeting', meetingId: meeting.id, resolutionId: resolution.id, actionItemId: item.id },
  };
  const description = resolution.text.trim();
  if (description !== '') doc.description = Array.from(`会议决议：${description}`).slice(0, DESCRIPTION_MAX).join('');
  if (item.coParties && item.coParties.length > 0) doc.coParties = [...new Set(item.coParties)];
  if (item.ownerId) doc.ownerId = item.ownerId;
  if (item.ownerName?.trim()) doc.ownerName = item.ownerName.trim();
  if (item.dueDate) doc.dueDate = item.dueDate;
  const r = await attemptWrite(() => db.tasks.insert(doc));
  return r.ok ? ok({ id: doc.id }) : r;
}

/** The edited 决议公告 draft (checkNoticeDraft's values); empty dates are removed. Stamped. */
export async function saveNoticeDraft(db: LinliDatabase, id: string, values: NoticeDraftValues): Promise<Result<true, WriteError>> {
  const stamp = currentStamp();
  const r = await attemptWrite(async () => {
    const doc = await db.notices.findOne(id).exec();
    if (!doc) return null;
    return doc.incrementalModify((old) => {
      const next = { ...old, title: values.title, body: values.body, issuers: values.issuers, updatedAt: stamp.at, updatedBy: stamp.by };
      for (const k of ['issueDate', 'postFrom', 'postUntil'] as const) {
        const v = values[k];
        if (v === undefined) delete next[k];
        else next[k] = v;
      }
      return next;
    });
  });
  return r.ok ? ok(true) : r;
}
