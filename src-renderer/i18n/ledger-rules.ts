// The ledger's rule codes (shared/domain/ledger, shared/collections/ledger-rules.ts) as the treasurer reads them when
// a save or a push is refused. The ledger UI explains problems at the field itself; these are the sentences for a
// refusal found at saving or by the server. `satisfies` keeps every code of the pure core covered.
import type { AccountChangeCode, AccountProblemCode } from '../../shared/domain/ledger/chart';
import type { CloseErrorCode, PeriodChangeCode } from '../../shared/domain/ledger/period';
import type { VoucherActionCode, VoucherProblemCode } from '../../shared/domain/ledger/voucher';

type LedgerRuleCode =
  | VoucherProblemCode
  | VoucherActionCode
  | CloseErrorCode
  | PeriodChangeCode
  | Exclude<AccountProblemCode, 'PARENT_UNKNOWN'>
  | AccountChangeCode
  | 'PREPARER_NOT_ACTOR'
  | 'REVIEWER_NOT_ACTOR'
  | 'LATER_PERIOD_CLOSED'
  | 'ACCOUNT_HAS_SUB_ACCOUNTS'
  | 'NOT_BANK_ACCOUNT'
  | 'LINE_UNKNOWN'
  | 'ALREADY_RECONCILED'
  | 'ALREADY_UNDONE'
  | 'UNDO_INVALID'
  | 'RECONCILIATION_IMMUTABLE';

export const LEDGER_RULE_TEXT = {
  // 凭证
  DATE_INVALID: '凭证日期无效',
  PERIOD_MISMATCH: '凭证的会计期间与日期所在月份不一致',
  PERIOD_CLOSED: '该会计期间已结账，不能再录入或修改其中的凭证',
  SUMMARY_REQUIRED: '请填写凭证摘要',
  SUMMARY_TOO_LONG: '凭证摘要过长（最多200字）',
  ATTACHMENTS_INVALID: '附单据张数应为不小于0的整数',
  LINES_TOO_FEW: '凭证至少需要两行分录',
  LINES_TOO_MANY: '凭证分录过多（最多200行）',
  LINE_ID_DUPLICATE: '凭证中有重复的分录',
  ACCOUNT_REQUIRED: '分录未选择会计科目',
  ACCOUNT_UNKNOWN: '分录的会计科目不存在',
  ACCOUNT_INACTIVE: '分录的会计科目已停用',
  ACCOUNT_NOT_LEAF: '分录只能记到末级科目，请选择其下的明细科目',
  AMOUNT_NOT_INTEGER: '金额必须精确到分',
  AMOUNT_MISSING: '分录的借方和贷方金额都为零',
  AMOUNT_BOTH_SIDES: '一行分录只能填写借方或贷方其中一边',
  AMOUNT_NEGATIVE: '金额不能为负数（红字只用于冲销凭证）',
  AMOUNT_NOT_RED: '冲销凭证的金额应全部为红字（负数）',
  AMOUNT_TOO_LARGE: '单行金额过大（最多1亿元）',
  PROJECT_REQUIRED: '该科目的分录必须注明所属项目（限定性资金）',
  UNBALANCED: '借贷不平衡：借方合计与贷方合计不相等',
  VOUCHER_INVALID: '凭证内容不完整或有误，请检查后再审核',
  NOT_DRAFT: '只有未审核的凭证才能审核或修改',
  NOT_REVIEWED: '凭证须先审核才能过账',
  SELF_REVIEW: '审核人不能是制单人本人，请由另一位人员审核',
  PREPARER_NOT_ACTOR: '制单人必须是当前登录的本人',
  REVIEWER_NOT_ACTOR: '审核人必须是当前登录的本人',
  POSTED_IMMUTABLE: '凭证已过账，不能修改或删除；如有错误请红字冲销',
  NOT_POSTED: '只有已过账的凭证才能冲销',
  ALREADY_REVERSED: '该凭证已经冲销过了',
  REVERSAL_OF_REVERSAL: '冲销凭证不能再冲销，请另录一张正确的凭证',
  REVERSAL_BEFORE_ORIGINAL: '冲销凭证的日期不能早于原凭证',
  REVERSAL_MISMATCH: '冲销凭证必须与原凭证逐行对应、金额相反',
  RECONCILED: '该凭证的银行分录已对账，请先撤销对账再冲销',
  ORIGINAL_UNKNOWN: '找不到被冲销的原凭证，请先同步',
  // 结账
  PERIOD_INVALID: '会计期间应为某年某月',
  PERIOD_ALREADY_CLOSED: '该会计期间已经结账',
  PREVIOUS_PERIOD_OPEN: '请先结账之前的月份',
  UNSYNCED_CHANGES: '本机还有未同步的账务修改，请先同步再结账',
  DRAFTS_REMAIN: '本月还有未过账的凭证，请先过账或删除后再结账',
  OPENING_UNBALANCED: '期初余额借贷不平衡',
  TRIAL_BALANCE_UNBALANCED: '本月试算不平衡，不能结账',
  CLOSE_STALE: '结账结果与服务器上的账目不一致：本机结账前没有同步完全，请同步后重新结账',
  PERIOD_CLOSED_IMMUTABLE: '已结账的期间不能修改，如需更正请由管理员反结账',
  NUMBERING_REWRITTEN: '结账时确定的凭证号不能更改',
  REOPEN_INVALID: '反结账只能由管理员操作，并须填写原因',
  LATER_PERIOD_CLOSED: '只能反结账最近一个已结账的月份',
  // 科目
  CODE_INVALID: '科目编码应为4位一级编码，下级每级加2位',
  CODE_DUPLICATE: '科目编码已被使用',
  NAME_REQUIRED: '请填写科目名称',
  TYPE_CODE_MISMATCH: '科目编码的首位与科目类别不符',
  SUB_CODE_INVALID: '明细科目的编码应为上级编码加2位',
  SUB_TYPE_MISMATCH: '明细科目的类别应与上级科目一致',
  ACCOUNT_HAS_POSTINGS: '该科目已有凭证使用，不能删除或更改编码、类别、上级',
  ACCOUNT_HAS_SUB_ACCOUNTS: '该科目下有明细科目，不能删除或更改编码、类别',
  OPENING_LOCKED: '已有过账凭证，期初余额不能再修改',
  // 银行对账
  NOT_BANK_ACCOUNT: '只能对银行存款科目对账',
  LINE_UNKNOWN: '勾对的分录不是该银行账户在对账单日期前已过账的分录',
  ALREADY_RECONCILED: '该分录已在另一次对账中勾对',
  ALREADY_UNDONE: '该次对账已经撤销',
  UNDO_INVALID: '撤销对账须记录撤销人和时间',
  RECONCILIATION_IMMUTABLE: '对账记录不能修改或删除，只能撤销',
} as const satisfies Record<LedgerRuleCode, string>;
