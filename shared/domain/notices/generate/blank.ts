// N39: a plain notice to fill in (通知, 公告, or any kind started by hand): the kind's name as a provisional title,
// an empty body, and the 落款 of the kind's usual issuer from 设置. Pure.
import type { NoticeIssuerKey, NoticeKind } from '../../../schema';
import { NOTICE_KIND_LABEL } from '../lifecycle';
import { defaultIssuerOf, issuerFields, type GeneratedNotice, type NoticeSettings } from './common';

export function blankNotice(kind: NoticeKind, settings: NoticeSettings, options: { readonly issuerKey?: NoticeIssuerKey; readonly issueDate?: string } = {}): GeneratedNotice {
  return {
    kind,
    status: 'draft',
    title: NOTICE_KIND_LABEL[kind],
    body: '',
    ...issuerFields(settings, options.issuerKey ?? defaultIssuerOf(kind)),
    ...(options.issueDate ? { issueDate: options.issueDate } : {}),
  };
}
