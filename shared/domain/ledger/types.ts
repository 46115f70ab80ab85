// The vocabulary of the treasurer's ledger (财务台账, issue #12). Plain data that the schemas (accounts, vouchers,
// periods, bank_reconciliations in shared/schema) hold; shared/collections/ledger-rules.ts checks they stay assignable.
import type { LocalDate, PeriodMonth } from '../common/dates';

export type AccountType = 'asset' | 'liability' | 'net_assets' | 'income' | 'expense';
export type Side = 'debit' | 'credit';

/** 会计科目. A parent (汇总科目) never takes postings; only active leaf accounts do (L-V7). */
export type Account = {
  readonly id: string;
  /** 科目编码: 4 digits at level 1, parent code + 2 digits below (L-A2). */
  readonly code: string;
  readonly name: string;
  readonly type: AccountType;
  /** The side on which the balance normally stands (累计折旧 is an asset on the credit side). */
  readonly normalSide: Side;
  readonly parentId?: string;
  /** 期初余额 on the normal side, integer fen (negative = the other side). Leaf accounts only. */
  readonly openingBalanceFen?: number;
  /** 'cash' feeds 现金日记账, 'bank' 银行日记账 and bank reconciliation. */
  readonly cashKind?: 'cash' | 'bank';
  /** Restricted money: every line on this account names its project (L-V8). */
  readonly requiresProject?: boolean;
  /** A bank sub-account's 开户行 and account number. */
  readonly bankName?: string;
  readonly bankAccountNo?: string;
  readonly active: boolean;
  readonly note?: string;
  readonly _deleted?: boolean;
};

/** draft (制单) → reviewed (已审核) → posted (已过账). Posted is final; it is corrected by a reversal. */
export type VoucherStatus = 'draft' | 'reviewed' | 'posted';

/**
 * One 分录. Exactly one of debitFen / creditFen is non-zero: positive in an ordinary voucher, negative (红字) in a
 * reversal, which mirrors its original line by line.
 */
export type VoucherLine = {
  readonly id: string;
  readonly accountId: string;
  readonly summary?: string;
  readonly debitFen: number;
  readonly creditFen: number;
  /** The restricted-fund project (e.g. a 以奖代补 grant) this money belongs to. */
  readonly projectId?: string;
};

/** A supporting document (发票, 收据 photo or scan), stored by content: SHA-256 hex of its bytes (SPEC L-S1). */
export type VoucherAttachment = {
  readonly hash: string;
  /** The file name as attached, e.g. 发票.jpg. */
  readonly name: string;
  readonly mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  /** Bytes. */
  readonly size: number;
};

/** 记账凭证 (记字). The 记-N number is not stored on the voucher: it is derived (numbering.ts). */
export type Voucher = {
  readonly id: string;
  readonly date: LocalDate;
  /** YYYY-MM; always the month of `date`. */
  readonly period: PeriodMonth;
  /** 摘要 */
  readonly summary: string;
  readonly lines: readonly VoucherLine[];
  /** 附单据张数 */
  readonly attachmentCount?: number;
  /** Attached files (L-S1); fixed once posted like everything else (L-V21). */
  readonly attachments?: readonly VoucherAttachment[];
  /** 收付对象 */
  readonly counterparty?: string;
  readonly status: VoucherStatus;
  /** 制单人 / 审核人 / 记账人 (names; person ids when known, compared first). */
  readonly preparedBy: string;
  readonly preparedById?: string;
  readonly reviewedBy?: string;
  readonly reviewedById?: string;
  readonly reviewedAt?: string;
  readonly postedBy?: string;
  readonly postedAt?: string;
  /** This voucher is the 红字冲销 of another. */
  readonly reversalOf?: string;
  /** Set once on a posted voucher when its reversal is posted (the only change a posted voucher takes). */
  readonly reversedBy?: string;
  readonly note?: string;
  readonly _deleted?: boolean;
};

/** 记-N fixed at 结账: the period's vouchers in final order, each with its chain hash (numbering.ts, hash-chain.ts). */
export type NumberingEntry = { readonly voucherId: string; readonly hash: string };

/** 会计期间 (one month). */
export type LedgerPeriod = {
  /** YYYY-MM */
  readonly id: PeriodMonth;
  readonly status: 'open' | 'closed';
  readonly closedAt?: string;
  readonly closedBy?: string;
  /** Balances per leaf account at the end of the month, signed on the normal side. */
  readonly closingBalances?: readonly { readonly accountId: string; readonly balanceFen: number }[];
  /** Final order of the posted vouchers: entry i is 记-(i+1). Kept across a reopen: numbers once fixed stay. */
  readonly numbering?: readonly NumberingEntry[];
  /** Hash of the last voucher of the chain up to this month (the previous month's head when this one is empty). */
  readonly chainHead?: string;
  /** Every reopen, recorded. */
  readonly reopenings?: readonly { readonly at: string; readonly by: string; readonly reason: string }[];
};

/** A line of a voucher, addressed. */
export type LineRef = { readonly voucherId: string; readonly lineId: string };

/** 银行对账: bank postings ticked against one statement. Undone by setting undoneAt; never edited otherwise. */
export type BankReconciliation = {
  readonly id: string;
  readonly bankAccountId: string;
  readonly statementDate: LocalDate;
  readonly statementBalanceFen: number;
  readonly items: readonly LineRef[];
  readonly by: string;
  readonly at: string;
  readonly undoneAt?: string;
  readonly undoneBy?: string;
};

/** The books the reports read: the chart and the vouchers (drafts are ignored by every report). */
export type Book = { readonly accounts: readonly Account[]; readonly vouchers: readonly Voucher[] };

/** Both dates included. */
export type DateRange = { readonly from: LocalDate; readonly to: LocalDate };

/** A coded problem; `path` addresses the field, lines by id: `lines.<lineId>.debitFen`; `line` is 1-based. */
export type LedgerProblem<C extends string = string> = {
  readonly code: C;
  readonly path?: string;
  readonly line?: number;
  readonly detail?: Readonly<Record<string, string | number>>;
};
