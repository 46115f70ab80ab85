// Notices for the tests of shared/domain/notices and shared/collections/notice-rules (not used by the app).
import type { NoticeDoc } from '../../schema';

export const T0 = '2026-11-28T02:00:00.000Z';
export const T1 = '2026-11-29T03:00:00.000Z';

/** A complete 决议公告 draft of the 业委会, ready to issue. */
export function draftNotice(over: Partial<NoticeDoc> = {}): NoticeDoc {
  return {
    id: 'n1',
    createdAt: T0,
    updatedAt: T0,
    createdBy: '王秘书',
    updatedBy: '王秘书',
    kind: 'resolution',
    title: '关于东门道路修缮的决议公告',
    body: '2026年11月20日，业委会召开会议。\n\n会议表决通过如下决议：由物业公司对东门道路进行修缮。\n\n特此公告。',
    issuers: ['和美小区业主委员会'],
    issuerKey: 'owners_committee',
    issuePrefix: '和美业委',
    issueDate: '2026-11-28',
    postFrom: '2026-11-28',
    postUntil: '2026-12-04',
    status: 'draft',
    ...over,
  } as NoticeDoc;
}

/** The draft issued as 和美业委〔2026〕`seq`号. */
export function issuedNotice(over: Partial<NoticeDoc> = {}, seq = 1): NoticeDoc {
  return draftNotice({
    status: 'issued',
    issueYear: 2026,
    issueSeq: seq,
    issuedAt: T0,
    issuedBy: '王秘书',
    public: true,
    publicCode: 'AbCdEfGh2345',
    ...over,
  });
}
