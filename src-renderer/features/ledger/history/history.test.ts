import { describe, expect, it } from 'vitest';
import { pv } from '../../../../shared/domain/ledger/fixtures';
import type { Voucher } from '../../../../shared/domain/ledger/types';
import { versionChange } from './VoucherHistory';

const posted = pv('a', '2026-03-01', 't1');
const draft: Voucher = { ...posted, status: 'draft', reviewedBy: undefined, postedBy: undefined, postedAt: undefined };
const reviewed: Voucher = { ...draft, status: 'reviewed', reviewedBy: '李审核' };

describe('凭证历史: what each version did', () => {
  it.each<[string, Voucher | undefined, Voucher, boolean, string]>([
    ['created', undefined, draft, false, '新建（草稿）'],
    ['reviewed', draft, reviewed, false, '审核（审核人 李审核）'],
    ['unreviewed', reviewed, draft, false, '取消审核'],
    ['posted', reviewed, { ...posted, postedBy: '张会计' }, false, '过账（记账人 张会计）'],
    ['reversed', posted, { ...posted, reversedBy: 'r' }, false, '被红字冲销'],
    ['edited', draft, { ...draft, summary: '新摘要', lines: draft.lines.map((l, i) => (i === 0 ? { ...l, debitFen: l.debitFen + 1 } : l)) }, false, '修改（摘要、第1行借方金额）'],
    ['saved unchanged', draft, draft, false, '保存（内容未变）'],
    ['deleted', draft, draft, true, '删除草稿'],
  ])('%s', (_name, prev, next, deleted, text) => expect(versionChange(prev, next, deleted)).toBe(text));
});
