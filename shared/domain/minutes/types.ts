// The shapes the minutes rules read. RxDB hands out deep-readonly JSON, so every reader accepts readonly data;
// the action reducer returns a fresh MeetingDoc that shares untouched parts with its input.
import type { MeetingDoc, SettingsDoc, TaskDoc, RosterDoc } from '../../schema';

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Meeting = DeepReadonly<MeetingDoc>;
export type Topic = Meeting['topics'][number];
export type Resolution = NonNullable<Topic['resolutions']>[number];
export type Vote = Resolution['vote'];
export type RollCallEntry = NonNullable<Vote['rollCall']>[number];
export type Attendee = Meeting['attendees'][number];
export type AttendeeStatus = Attendee['status'];
export type ActionItem = NonNullable<Resolution['actionItems']>[number];
export type Correction = NonNullable<Meeting['corrections']>[number];
export type Art278Matter = NonNullable<Resolution['matter']>;
export type Settings = DeepReadonly<SettingsDoc>;
export type Task = DeepReadonly<TaskDoc>;
export type RosterPerson = DeepReadonly<RosterDoc>;

/** A fraction threshold: inclusive "≥ num/den" (以上, 民法典 art. 1259) or strict "> num/den" (过半数). */
export type Threshold = { readonly num: number; readonly den: number; readonly inclusive: boolean };

/** Who must be present (share of all members) and what share of which base must agree. */
export type VoteRule = { readonly quorum: Threshold; readonly pass: Threshold; readonly passBase: 'all' | 'present' };

/** Who acts and when: passed in, never read from a clock. `id` is for actions that create an entry. */
export type ActionContext = { now: string; by: string; id?: string };
