// Small edits of a meeting record, each a pure function of the latest state: it changes one field of one element
// (found by id) and shares everything else with its input. It returns its input itself when nothing changes (or the
// element is gone — removed on another PC), so the writer can tell a no-op from a change. These are what the editor
// hands to the saver: written as functions of the current document, a stale copy is never written back.
import type { ActionItem, Attendee, Meeting, Resolution, RollCallEntry, Topic, Vote } from '../../../shared/domain/minutes';

export type Mutation = (m: Meeting) => Meeting;

type Patch<T> = { [K in keyof T]?: T[K] | undefined };

/** `obj` with `patch` applied; keys patched to undefined are removed (stored documents omit empty fields). */
export function patchObject<T extends object>(obj: T, patch: NoInfer<Patch<T>>): T {
  let changed = false;
  const next = { ...obj } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) {
      if (k in next) {
        delete next[k];
        changed = true;
      }
    } else if (!Object.is(next[k], v)) {
      next[k] = v;
      changed = true;
    }
  }
  return changed ? (next as T) : obj;
}

/** The list with the element of that id replaced by f(element); the list itself when nothing changes. */
export function mapById<T extends { readonly id: string }>(list: readonly T[], id: string, f: (x: T) => T): readonly T[] {
  const i = list.findIndex((x) => x.id === id);
  const old = list[i];
  if (old === undefined) return list;
  const next = f(old);
  if (next === old) return list;
  const out = [...list];
  out[i] = next;
  return out;
}

/** Fields of the record an editor may set (identity, type, status, rule, audit and finalising fields are not). */
export type MeetingFieldPatch = Patch<
  Pick<
    Meeting,
    | 'title'
    | 'date'
    | 'startTime'
    | 'endTime'
    | 'location'
    | 'hostId'
    | 'hostName'
    | 'hostPost'
    | 'recorderId'
    | 'recorderName'
    | 'totalAreaDm2'
    | 'totalOwners'
    | 'totalMembers'
    | 'participatingAreaDm2'
    | 'participatingOwners'
  >
>;

export const setFields =
  (patch: MeetingFieldPatch): Mutation =>
  (m) =>
    patchObject(m, patch);

export const updateTopic =
  (topicId: string, f: (t: Topic) => Topic): Mutation =>
  (m) => {
    const topics = mapById(m.topics, topicId, f);
    return topics === m.topics ? m : { ...m, topics };
  };

export const updateResolution = (topicId: string, resolutionId: string, f: (r: Resolution) => Resolution): Mutation =>
  updateTopic(topicId, (t) => {
    const list = t.resolutions ?? [];
    const resolutions = mapById(list, resolutionId, f);
    return resolutions === list ? t : { ...t, resolutions };
  });

export const updateVote = (topicId: string, resolutionId: string, f: (v: Vote) => Vote): Mutation =>
  updateResolution(topicId, resolutionId, (r) => {
    const vote = f(r.vote);
    return vote === r.vote ? r : { ...r, vote };
  });

export const updateActionItem = (topicId: string, resolutionId: string, itemId: string, f: (i: ActionItem) => ActionItem): Mutation =>
  updateResolution(topicId, resolutionId, (r) => {
    const list = r.actionItems ?? [];
    const actionItems = mapById(list, itemId, f);
    return actionItems === list ? r : { ...r, actionItems };
  });

export const updateAttendee =
  (attendeeId: string, f: (a: Attendee) => Attendee): Mutation =>
  (m) => {
    const attendees = mapById(m.attendees, attendeeId, f);
    return attendees === m.attendees ? m : { ...m, attendees };
  };

export const newTopic = (id: string, title = ''): Topic => ({ id, title, notes: '', speakers: [], resolutions: [] });

/** A new 议题 after `afterId` (or at the end). */
export const addTopic =
  (topic: Topic, afterId?: string): Mutation =>
  (m) => {
    if (m.topics.some((t) => t.id === topic.id)) return m;
    const i = afterId === undefined ? -1 : m.topics.findIndex((t) => t.id === afterId);
    const topics = [...m.topics];
    topics.splice(i < 0 ? topics.length : i + 1, 0, topic);
    return { ...m, topics };
  };

export const removeTopic =
  (topicId: string): Mutation =>
  (m) => {
    const topics = m.topics.filter((t) => t.id !== topicId);
    return topics.length === m.topics.length ? m : { ...m, topics };
  };

/** Moves a 议题 one place up (-1) or down (+1) in the latest order; at the ends nothing changes. */
export const moveTopic =
  (topicId: string, delta: -1 | 1): Mutation =>
  (m) => {
    const i = m.topics.findIndex((t) => t.id === topicId);
    const j = i + delta;
    const a = m.topics[i];
    const b = m.topics[j];
    if (i < 0 || a === undefined || b === undefined) return m;
    const topics = [...m.topics];
    topics[i] = b;
    topics[j] = a;
    return { ...m, topics };
  };

export const newResolution = (id: string): Resolution => ({ id, text: '', vote: { method: 'none' }, actionItems: [] });

export const addResolution = (topicId: string, resolution: Resolution): Mutation =>
  updateTopic(topicId, (t) => {
    const list = t.resolutions ?? [];
    return list.some((r) => r.id === resolution.id) ? t : { ...t, resolutions: [...list, resolution] };
  });

export const removeResolution = (topicId: string, resolutionId: string): Mutation =>
  updateTopic(topicId, (t) => {
    const list = t.resolutions ?? [];
    const resolutions = list.filter((r) => r.id !== resolutionId);
    return resolutions.length === list.length ? t : { ...t, resolutions };
  });

export const addActionItem = (topicId: string, resolutionId: string, item: ActionItem): Mutation =>
  updateResolution(topicId, resolutionId, (r) => {
    const list = r.actionItems ?? [];
    return list.some((i) => i.id === item.id) ? r : { ...r, actionItems: [...list, item] };
  });

export const removeActionItem = (topicId: string, resolutionId: string, itemId: string): Mutation =>
  updateResolution(topicId, resolutionId, (r) => {
    const list = r.actionItems ?? [];
    const actionItems = list.filter((i) => i.id !== itemId);
    return actionItems.length === list.length ? r : { ...r, actionItems };
  });

/** One attendee's roll-call choice; null takes them off the roll call. */
export const setRollCall = (topicId: string, resolutionId: string, attendeeId: string, choice: RollCallEntry['choice'] | null): Mutation =>
  updateVote(topicId, resolutionId, (v) => {
    const list = v.rollCall ?? [];
    const i = list.findIndex((e) => e.attendeeId === attendeeId);
    if (choice === null) return i < 0 ? v : { ...v, rollCall: list.filter((e) => e.attendeeId !== attendeeId) };
    if (list[i]?.choice === choice) return v;
    const rollCall = i < 0 ? [...list, { attendeeId, choice }] : list.map((e, k) => (k === i ? { attendeeId, choice } : e));
    return { ...v, rollCall };
  });

export const addAttendee =
  (attendee: Attendee): Mutation =>
  (m) =>
    m.attendees.some((a) => a.id === attendee.id) ? m : { ...m, attendees: [...m.attendees, attendee] };

/** Takes someone off the list, and off every roll call (a vote cannot name someone who is not on the list). */
export const removeAttendee =
  (attendeeId: string): Mutation =>
  (m) => {
    const attendees = m.attendees.filter((a) => a.id !== attendeeId);
    if (attendees.length === m.attendees.length) return m;
    const topics = m.topics.map((t) => {
      const list = t.resolutions ?? [];
      if (!list.some((r) => (r.vote.rollCall ?? []).some((e) => e.attendeeId === attendeeId))) return t;
      return {
        ...t,
        resolutions: list.map((r) =>
          (r.vote.rollCall ?? []).some((e) => e.attendeeId === attendeeId)
            ? { ...r, vote: { ...r.vote, rollCall: (r.vote.rollCall ?? []).filter((e) => e.attendeeId !== attendeeId) } }
            : r,
        ),
      };
    });
    return { ...m, attendees, topics };
  };

/** Adds an id to meeting.taskIds (once). */
export const linkTask =
  (taskId: string): Mutation =>
  (m) =>
    (m.taskIds ?? []).includes(taskId) ? m : { ...m, taskIds: [...(m.taskIds ?? []), taskId] };

/** Where a resolution is: its topic id, or undefined. */
export const topicOfResolution = (m: Meeting, resolutionId: string): Topic | undefined =>
  m.topics.find((t) => (t.resolutions ?? []).some((r) => r.id === resolutionId));
