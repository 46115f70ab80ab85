import { describe, expect, it } from 'vitest';
import { addSubAccount, chartFromTemplate, templateAccountId } from './chart';
import type { NumberedVoucher } from './numbering';
import type { Voucher } from './types';
import { accountColumns, voucherPrintModel } from './voucher-print';

const BANK = templateAccountId('100201');
const GRANT = templateAccountId('440101');
const chart = chartFromTemplate();
const deeper = addSubAccount(chart, BANK, { id: 'deep', name: '定期' }, false);
const file = (hash: string, name: string, mime: 'image/jpeg' | 'application/pdf') => ({ hash: hash.repeat(64), name, mime, size: 1000 });

const voucher: Voucher = {
  id: 'v1',
  date: '2026-03-05',
  period: '2026-03',
  summary: '收到以奖代补资金',
  lines: [
    { id: 'l1', accountId: BANK, debitFen: 5_000_000, creditFen: 0 },
    { id: 'l2', accountId: GRANT, summary: '电梯加装补助', debitFen: 0, creditFen: 5_000_000, projectId: '以奖代补-电梯' },
  ],
  counterparty: '金山街道办事处',
  status: 'posted',
  preparedBy: '张会计',
  reviewedBy: '李主任',
  postedBy: '张会计',
  postedAt: '2026-03-06T01:00:00.000Z',
  attachments: [file('a', '拨款通知.pdf', 'application/pdf'), file('b', '银行回单.jpg', 'image/jpeg')],
};
const numbered = (number: number, final: boolean): NumberedVoucher => ({ voucher, number, final });

describe('L-S5 the printed 记账凭证', () => {
  it('has the head, the lines with 总账/明细科目, totals, 附单据 and the three signatures', () => {
    const m = voucherPrintModel({ voucher, accounts: chart, number: numbered(3, true), compoundName: ' 金山花园 ' });
    expect(m).toMatchObject({
      title: '记账凭证',
      compoundName: '金山花园',
      dateText: '2026年3月5日',
      numberText: '记-3',
      final: true,
      counterparty: '金山街道办事处',
      totalDebitFen: 5_000_000,
      totalCreditFen: 5_000_000,
      attachmentCount: 2,
      preparedBy: '张会计',
      reviewedBy: '李主任',
      postedBy: '张会计',
    });
    expect(m.watermark).toBeUndefined();
    expect(m.lines).toEqual([
      { summary: '收到以奖代补资金', ledgerAccount: '1002 银行存款', detailAccount: '100201 基本存款账户', debitFen: 5_000_000, creditFen: 0 },
      { summary: '电梯加装补助', ledgerAccount: '4401 政府补助收入', detailAccount: '440101 以奖代补', projectId: '以奖代补-电梯', debitFen: 0, creditFen: 5_000_000 },
    ]);
    expect(m.images.map((f) => f.name)).toEqual(['银行回单.jpg']);
    expect(m.documents.map((f) => f.name)).toEqual(['拨款通知.pdf']);
  });

  it('says 临时 until the month is closed; a voucher not posted has no number and a watermark', () => {
    expect(voucherPrintModel({ voucher, accounts: chart, number: numbered(3, false), compoundName: '' }).numberText).toBe('记-3（临时）');
    const draft = voucherPrintModel({ voucher: { ...voucher, status: 'draft' }, accounts: chart, number: numbered(3, false), compoundName: '' });
    expect(draft).toMatchObject({ numberText: '', watermark: '草稿' });
    expect(voucherPrintModel({ voucher: { ...voucher, status: 'reviewed' }, accounts: chart, number: undefined, compoundName: '' }).watermark).toBe('未过账');
  });

  it('附单据 is the count entered when there is one; a reversal names its original', () => {
    expect(voucherPrintModel({ voucher: { ...voucher, attachmentCount: 5 }, accounts: chart, number: undefined, compoundName: '' }).attachmentCount).toBe(5);
    expect(voucherPrintModel({ voucher: { ...voucher, attachments: undefined }, accounts: chart, number: undefined, compoundName: '' }).attachmentCount).toBe(0);
    const red = voucherPrintModel({ voucher: { ...voucher, id: 'r', reversalOf: 'v1' }, accounts: chart, number: undefined, originalNumber: numbered(3, true), compoundName: '' });
    expect(red.reversalNote).toBe('红字冲销 记-3');
  });

  it('accountColumns: a level-1 leaf has no 明细; deeper levels join the names between; unknown ids show as they are', () => {
    const byId = new Map((deeper.ok ? [...chart, deeper.value] : chart).map((a) => [a.id, a]));
    expect(accountColumns(templateAccountId('1001'), byId)).toEqual({ ledgerAccount: '1001 库存现金', detailAccount: '' });
    expect(accountColumns('deep', byId)).toEqual({ ledgerAccount: '1002 银行存款', detailAccount: '10020101 基本存款账户/定期' });
    expect(accountColumns('gone', byId)).toEqual({ ledgerAccount: 'gone', detailAccount: '' });
  });
});
