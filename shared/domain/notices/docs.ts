// N1–N3: building notice documents. Pure: the id, today and the stamp are passed in.
import type { NoticeDoc } from '../../schema';
import { addCalendarDays, type LocalDate } from '../common/dates';
import { createdFields, updatedFields, type Stamp } from '../common/stamp';
import type { NoticeDraftValues } from './draft-form';

export const DEFAULT_NOTICE_DAYS = 7;

/** What a notice is made of before it has an id, a stamp and its 张贴期 (e.g. a 决议公告 drawn up from a decision). */
export type NoticeContent = Omit<NoticeDoc, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy' | 'postFrom' | 'postUntil'>;

/** N1: posted from `today` for `days` days (default 7), today included. */
export function newNoticeDoc(id: string, content: NoticeContent, post: { today: LocalDate; days?: number }, stamp: Stamp): NoticeDoc {
  const days = post.days ?? DEFAULT_NOTICE_DAYS;
  return {
    ...content,
    id,
    ...createdFields(stamp),
    postFrom: post.today,
    postUntil: addCalendarDays(post.today, days - 1),
  };
}

/** N2: the edited draft (checkNoticeDraft's values); empty dates are removed. */
export function editedNoticeDoc<T extends NoticeDoc>(old: T, values: NoticeDraftValues, stamp: Stamp): T {
  const next: T = { ...old, title: values.title, body: values.body, issuers: values.issuers, ...updatedFields(stamp) };
  for (const k of ['issueDate', 'postFrom', 'postUntil'] as const) {
    const v = values[k];
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next;
}
