import type { RosterDoc } from '../../schema';

/** A roster document as read: RxDB hands out deep-readonly JSON, so readers accept readonly arrays. */
export type RosterRecord = {
  readonly [K in keyof RosterDoc]: RosterDoc[K] extends (infer U)[] | undefined ? readonly U[] : RosterDoc[K];
};

/** Who wrote a change and when: the one stamp type of every write (shared/domain/common/stamp.ts). */
export type { Stamp } from '../common/stamp';

export const isActive = (doc: Pick<RosterRecord, 'status'>): boolean => doc.status === 'active';
