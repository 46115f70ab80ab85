// The places of 公告打印 live in the address: `#/notices?tab=…&kind=…&status=…` (a list and its filters) and
// `#/notices/<id>` (one notice). `#/notices/new?from=…` makes a draft from the data named in the query (a meeting,
// a closed span of the books, the tasks of a filter) and then replaces itself with the new notice's address, so other
// sections can start a notice without importing this feature.
import { useMemo } from 'react';
import type { NoticeDisplayStatus } from '../../../shared/domain/notices/lifecycle';
import { NOTICE_KINDS, type NoticeKind } from '../../../shared/schema';
import { routeHash } from '../../ui/route';
import { useUiStore } from '../../ui/ui-store';

export const NOTICE_TABS = ['board', 'all', 'drafts', 'log'] as const;
export type NoticesTab = (typeof NOTICE_TABS)[number];

export const NOTICE_DISPLAY_STATUSES: readonly NoticeDisplayStatus[] = ['draft', 'issued', 'posted', 'expired', 'withdrawn', 'superseded'];

const isTab = (v: string | undefined): v is NoticesTab => v !== undefined && (NOTICE_TABS as readonly string[]).includes(v);
const isKind = (v: string | undefined): v is NoticeKind => v !== undefined && (NOTICE_KINDS as readonly string[]).includes(v);
const isStatus = (v: string | undefined): v is NoticeDisplayStatus => v !== undefined && (NOTICE_DISPLAY_STATUSES as readonly string[]).includes(v);

/** The path segment of the 'make a draft' place. A notice id is a UUID, never this. */
export const NEW_NOTICE = 'new';

export type NoticesPlace = {
  /** The open notice, or null for a list. */
  readonly noticeId: string | null;
  /** `#/notices/new?…`: the query says what to make a draft from. */
  readonly create: Readonly<Record<string, string>> | null;
  readonly tab: NoticesTab;
  readonly kind: NoticeKind | '';
  readonly status: NoticeDisplayStatus | '';
};

export function useNoticesPlace(): NoticesPlace {
  const route = useUiStore((s) => s.route);
  return useMemo(() => {
    const inNotices = route.section === 'notices';
    const q = inNotices ? route.query : {};
    const first = inNotices ? (route.path[0] ?? null) : null;
    return {
      noticeId: first !== null && first !== NEW_NOTICE ? first : null,
      create: first === NEW_NOTICE ? q : null,
      tab: isTab(q.tab) ? q.tab : 'board',
      kind: isKind(q.kind) ? q.kind : '',
      status: isStatus(q.status) ? q.status : '',
    };
  }, [route]);
}

export const noticesHash = (p: Partial<Pick<NoticesPlace, 'tab' | 'kind' | 'status'>> = {}): string =>
  routeHash('notices', [], { ...(p.tab && p.tab !== 'board' ? { tab: p.tab } : {}), kind: p.kind ?? '', status: p.status ?? '' });

export const noticeHash = (id: string): string => routeHash('notices', [id]);

/** Filter changes replace the address (Back leaves the list rather than undoing each pick). */
export function showNotices(p: Partial<Pick<NoticesPlace, 'tab' | 'kind' | 'status'>>): void {
  useUiStore.getState().replaceRoute(noticesHash(p));
}

export function openNotice(id: string): void {
  useUiStore.getState().goTo(noticeHash(id));
}
