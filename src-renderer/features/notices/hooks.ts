// Live reads for 公告打印: every notice as a plain JSON snapshot (a compound issues a few hundred a year), one notice,
// the compound profile (落款 names), who acts, where residents check a notice (the sync server), and the notices the
// server refused.
import { useMemo } from 'react';
import { map } from 'rxjs';
import type { NoticeDoc } from '../../../shared/schema';
import { useDatabase } from '../../db/context';
import { useObservable, type Loadable } from '../../db/hooks';
import { useOperatorName } from '../../db/operator';
import { useSyncStatus } from '../../sync/context';
import type { RejectedDoc } from '../../sync/replication';

export { useToday } from '../../ui/use-today';

const byNewest = (a: NoticeDoc, b: NoticeDoc): number =>
  a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Every notice, newest change first; live. */
export function useNotices(): Loadable<readonly NoticeDoc[]> {
  const db = useDatabase();
  const source = useMemo(() => db.notices.find().$.pipe(map((docs): readonly NoticeDoc[] => docs.map((d) => d.toMutableJSON() as NoticeDoc).sort(byNewest))), [db]);
  return useObservable(source);
}

/** Who issues, withdraws and prints: the signed-in user, or this PC's operator. */
export function useNoticeActor(): string {
  const operator = useOperatorName();
  const session = useSyncStatus((s) => s.session);
  return session?.user.name ?? operator;
}

/** The sync server residents reach for the public check page, when this PC signs in to one. */
export function useServerUrl(): string | undefined {
  return useSyncStatus((s) => s.session?.serverUrl);
}

/** Whether this PC syncs at all, and how many of its changes the server has not accepted yet. */
export function useSyncState(): { readonly signedIn: boolean; readonly pending: number; readonly state: string } {
  const signedIn = useSyncStatus((s) => s.session !== null);
  const pending = useSyncStatus((s) => s.pending);
  const state = useSyncStatus((s) => s.state);
  return { signedIn, pending, state };
}

const NO_REJECTED: readonly RejectedDoc[] = [];

/** Notices the server refused (a 文号 taken by another PC, an edit of an issued notice…), by id. */
export function useRejectedNotices(): ReadonlyMap<string, RejectedDoc> {
  const rejected = useSyncStatus((s) => s.rejected);
  return useMemo(() => new Map((rejected ?? NO_REJECTED).filter((r) => r.collection === 'notices').map((r) => [r.id, r])), [rejected]);
}
