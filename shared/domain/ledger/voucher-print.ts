// 记账凭证 on paper (SPEC L-S5–L-S6): what the printed voucher says, built from the voucher, the chart and its 记-N.
// Pure; the renderer lays it out on A4 (src-renderer/features/ledger/print/voucher.ts) and embeds the images.
import { formatDateCn } from '../common/dates';
import { isImageAttachment } from './attachments';
import { voucherNo, type NumberedVoucher } from './numbering';
import type { Account, Voucher, VoucherAttachment, VoucherStatus } from './types';

export type VoucherPrintLine = {
  readonly summary: string;
  /** 总账科目: the level-1 account, 「1002 银行存款」. */
  readonly ledgerAccount: string;
  /** 明细科目: the leaf below it, 「100201 基本存款账户」 (names of levels in between joined by 「/」); '' for a level-1 leaf. */
  readonly detailAccount: string;
  readonly projectId?: string;
  readonly debitFen: number;
  readonly creditFen: number;
};

export type VoucherPrintModel = {
  readonly title: '记账凭证';
  readonly compoundName: string;
  readonly date: string;
  /** 2026年3月5日 */
  readonly dateText: string;
  /** 记-3, 记-3（临时） until the month is closed, '' for a voucher not posted (it has no number yet, L-N1). */
  readonly numberText: string;
  readonly final: boolean;
  readonly status: VoucherStatus;
  /** Across the page of a voucher not posted: 草稿 / 未过账. */
  readonly watermark?: string;
  /** 红字冲销 of 记-N (or of the voucher dated …). */
  readonly reversalNote?: string;
  readonly counterparty?: string;
  readonly lines: readonly VoucherPrintLine[];
  readonly totalDebitFen: number;
  readonly totalCreditFen: number;
  /** 附单据 N 张: the count entered, else the number of attached files. */
  readonly attachmentCount: number;
  readonly preparedBy: string;
  readonly reviewedBy: string;
  readonly postedBy: string;
  /** Printed each on the page(s) after the voucher, in attached order. */
  readonly images: readonly VoucherAttachment[];
  /** Listed by name (a PDF is printed from its own viewer). */
  readonly documents: readonly VoucherAttachment[];
};

export type VoucherPrintInput = {
  readonly voucher: Voucher;
  readonly accounts: readonly Account[];
  /** Its 记-N, when posted (numberAll). */
  readonly number: NumberedVoucher | undefined;
  /** 记-N of the original, for a reversal. */
  readonly originalNumber?: NumberedVoucher | undefined;
  readonly original?: Voucher | undefined;
  readonly compoundName: string;
};

const label = (a: Account): string => `${a.code} ${a.name}`;

/** L-S5: the 总账科目 and 明细科目 of a line's account; an unknown account shows its id as 总账科目. */
export function accountColumns(accountId: string, byId: ReadonlyMap<string, Account>): { ledgerAccount: string; detailAccount: string } {
  const leaf = byId.get(accountId);
  if (!leaf) return { ledgerAccount: accountId, detailAccount: '' };
  const path: Account[] = [leaf];
  const guard = new Set([leaf.id]);
  for (let p = leaf.parentId ? byId.get(leaf.parentId) : undefined; p && !guard.has(p.id); p = p.parentId ? byId.get(p.parentId) : undefined) {
    path.unshift(p);
    guard.add(p.id);
  }
  const top = path[0] as Account;
  if (path.length === 1) return { ledgerAccount: label(top), detailAccount: '' };
  const between = path.slice(1, -1).map((a) => a.name);
  return { ledgerAccount: label(top), detailAccount: `${leaf.code} ${[...between, leaf.name].join('/')}` };
}

const numberTextOf = (n: NumberedVoucher | undefined): string => (n ? `${voucherNo(n.number)}${n.final ? '' : '（临时）'}` : '');

/** L-S5: the printed 记账凭证. */
export function voucherPrintModel(input: VoucherPrintInput): VoucherPrintModel {
  const { voucher: v } = input;
  const byId = new Map(input.accounts.filter((a) => a._deleted !== true).map((a) => [a.id, a]));
  const lines = v.lines.map((l) => ({
    summary: (l.summary ?? '').trim() || v.summary,
    ...accountColumns(l.accountId, byId),
    ...(l.projectId ? { projectId: l.projectId } : {}),
    debitFen: l.debitFen,
    creditFen: l.creditFen,
  }));
  const files = v.attachments ?? [];
  const posted = v.status === 'posted';
  const number = posted ? input.number : undefined;
  const originalText = v.reversalOf ? numberTextOf(input.originalNumber) || (input.original ? `${input.original.date} 的凭证` : '原凭证') : '';
  return {
    title: '记账凭证',
    compoundName: input.compoundName.trim(),
    date: v.date,
    dateText: formatDateCn(v.date) ?? v.date,
    numberText: numberTextOf(number),
    final: number?.final ?? false,
    status: v.status,
    ...(posted ? {} : { watermark: v.status === 'draft' ? '草稿' : '未过账' }),
    ...(v.reversalOf ? { reversalNote: `红字冲销 ${originalText}` } : {}),
    ...(v.counterparty ? { counterparty: v.counterparty } : {}),
    lines,
    totalDebitFen: lines.reduce((s, l) => s + l.debitFen, 0),
    totalCreditFen: lines.reduce((s, l) => s + l.creditFen, 0),
    attachmentCount: v.attachmentCount ?? files.length,
    preparedBy: v.preparedBy,
    reviewedBy: v.reviewedBy ?? '',
    postedBy: v.postedBy ?? '',
    images: files.filter(isImageAttachment),
    documents: files.filter((f) => !isImageAttachment(f)),
  };
}
