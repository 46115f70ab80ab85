// Small pieces every notice view shows: the status badge, the 文号, the 公示期, the kind.
import { formatDateCn, localDateTime } from '../../../shared/domain/common/dates';
import { issueNumberText, NOTICE_KIND_LABEL, NOTICE_STATUS_LABEL, type NoticeDisplayStatus } from '../../../shared/domain/notices/lifecycle';
import type { NoticeDoc } from '../../../shared/schema';
import { Badge } from '../../ui/Badge';

const TONE: { readonly [S in NoticeDisplayStatus]: 'muted' | 'info' | 'warn' | 'ok' } = {
  draft: 'muted',
  issued: 'info',
  posted: 'ok',
  expired: 'warn',
  withdrawn: 'muted',
  superseded: 'warn',
};

export function StatusBadge({ status, testId = 'notice-status' }: { status: NoticeDisplayStatus; testId?: string }) {
  return (
    <Badge tone={TONE[status]} testId={testId}>
      {NOTICE_STATUS_LABEL[status]}
    </Badge>
  );
}

const cn = (d: string): string => formatDateCn(d) ?? d;

/** 2026年11月1日至2026年11月7日; '' without a 公示期. */
export function periodText(n: Pick<NoticeDoc, 'postFrom' | 'postUntil'>): string {
  if (!n.postFrom && !n.postUntil) return '';
  return `${n.postFrom ? cn(n.postFrom) : '（未定）'}至${n.postUntil ? cn(n.postUntil) : '（未定）'}`;
}

export const kindLabel = (n: Pick<NoticeDoc, 'kind'>): string => NOTICE_KIND_LABEL[n.kind];

/** The 文号 as printed, or 未编号 before issue. */
export function IssueNumber({ n }: { n: NoticeDoc }) {
  const text = issueNumberText(n);
  return <span className={text ? 'mono' : 'muted'}>{text || '未编号'}</span>;
}

/** An ISO moment as this PC's local date and time. */
export function momentText(iso: string | undefined): string {
  if (!iso) return '';
  return Number.isNaN(new Date(iso).getTime()) ? iso : localDateTime(iso);
}
