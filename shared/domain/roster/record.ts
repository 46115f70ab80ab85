import type { RosterDoc } from '../../schema';

/** A roster document as read: RxDB hands out deep-readonly JSON, so readers accept readonly arrays. */
export type RosterRecord = {
  readonly [K in keyof RosterDoc]: RosterDoc[K] extends (infer U)[] | undefined ? readonly U[] : RosterDoc[K];
};

/** Who wrote a change and when (ISO timestamp); passed in, never read from a clock here. */
export type Stamp = { at: string; by: string };

export const isActive = (doc: Pick<RosterRecord, 'status'>): boolean => doc.status === 'active';
