// What every part of the open meeting's editor needs: the session (to edit), the record as shown, settings, people,
// and the record's problems by path. The editor provides it; parts read it with useEditor().
import { createContext, useContext } from 'react';
import type { ActionContext, Meeting, MeetingFieldError, Settings, Task } from '../../../shared/domain/minutes';
import type { RosterRecord } from '../../../shared/domain/roster';
import { SETTINGS_ID, type SettingsDoc } from '../../../shared/schema';
import { getOperatorName } from '../../db/operator';
import { minutesErrorText } from '../../i18n/minutes-errors';
import type { NoticeSummary } from './hooks';
import type { Mutation } from './meeting-edits';
import { isBlocking, type HeldField, type MeetingSession } from './meeting-session';

export type Editor = {
  session: MeetingSession;
  meeting: Meeting;
  settings: Settings;
  people: readonly RosterRecord[];
  /** Problems of the record as shown, by path. */
  problems: ReadonlyMap<string, readonly MeetingFieldError[]>;
  /** Fields showing a value that is not stored, by their key (the session's). */
  held: ReadonlyMap<string, HeldField>;
  /** Also show what a draft may lack for now (required fields), after 定稿 was refused. */
  showSoft: boolean;
  setShowSoft: (on: boolean) => void;
  /** Queues an edit (saved within a moment); the Chinese message when it is refused. */
  edit: (key: string, mutate: Mutation, check?: readonly string[]) => string | null;
  /** An edit written at once; the Chinese message when it is refused. */
  change: (mutate: Mutation, check?: readonly string[]) => string | null;
  /** The message for a problem of the record at this path, if any. */
  problemAt: (path: string) => string | undefined;
  /** Tasks and 决议公告 linked to this meeting (live). */
  tasks: readonly Task[];
  notices: readonly NoticeSummary[];
};

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const e = useContext(EditorContext);
  if (!e) throw new Error('useEditor outside the meeting editor');
  return e;
}

/** A problem in Chinese; a duplicate attendee is named. */
export function problemText(e: MeetingFieldError, m: Meeting): string {
  if (e.code === 'ATTENDEE_DUPLICATE') {
    // `of` is the first listing of the same person (the new one may not be on the record yet).
    const id = e.detail?.of ?? e.path.split('.')[1];
    const name = m.attendees.find((a) => a.id === id)?.name ?? '';
    return minutesErrorText(e.code, { ...e.detail, name });
  }
  return minutesErrorText(e.code, e.detail);
}

/** Why a field holds a value that is not stored, in Chinese. */
export const heldText = (h: HeldField, m: Meeting): string => (h.problem ? problemText(h.problem, m) : (h.message ?? ''));

export function groupProblems(list: readonly MeetingFieldError[]): Map<string, MeetingFieldError[]> {
  const out = new Map<string, MeetingFieldError[]>();
  for (const e of list) {
    const at = out.get(e.path);
    if (at) at.push(e);
    else out.set(e.path, [e]);
  }
  return out;
}

export const shownProblem = (list: readonly MeetingFieldError[] | undefined, showSoft: boolean): MeetingFieldError | undefined =>
  list?.find((e) => showSoft || isBlocking(e));

/** The settings document, or an empty profile before the first save (print headings are then left blank). */
export const settingsOrEmpty = (doc: SettingsDoc | undefined): Settings =>
  doc ?? { id: SETTINGS_ID, createdAt: '', updatedAt: '', createdBy: '', updatedBy: '' };

/** Who acts now, for actions that record it (签到 time, 定稿, 更正). */
export const actionContext = (id?: string): ActionContext => {
  const ctx: ActionContext = { now: new Date().toISOString(), by: getOperatorName() };
  if (id !== undefined) ctx.id = id;
  return ctx;
};
