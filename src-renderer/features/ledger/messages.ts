// The ledger's coded results as the treasurer reads them: the pure core's codes (shared/domain/ledger) that
// i18n/ledger-rules.ts does not cover, a few sharper sentences for the screens, and a line/field prefix.
import { formatMoneyFen } from '../../../shared/domain/common/decimal';
import type { ChainProblem, LedgerProblem } from '../../../shared/domain/ledger';
import { errorText } from '../../i18n/errors';
import { LEDGER_RULE_TEXT } from '../../i18n/ledger-rules';
import { domainRuleText } from '../../i18n/sync-errors';
import type { WriteError } from '../../db/write-error';

const EXTRA: Readonly<Record<string, string>> = {
  // 科目 (chart.ts codes the push never sees)
  PARENT_UNKNOWN: '上级科目不存在',
  PARENT_INACTIVE: '上级科目已停用，不能增加明细科目',
  PARENT_HAS_POSTINGS: '该科目已有凭证或期初余额，不能再增加明细科目（余额会留在上级科目上）',
  NAME_DUPLICATE: '同一上级下已有同名的明细科目',
  SUB_ACCOUNTS_FULL: '明细科目已满（01–99）',
  OPENING_NOT_INTEGER: '期初余额必须精确到分',
  OPENING_ON_PARENT: '期初余额只能填在末级科目上',
  // 反结账
  NOT_CLOSED: '该月尚未结账',
  ROLE_NOT_ALLOWED: '只有管理员可以反结账',
  REASON_REQUIRED: '请填写反结账原因',
  // Sharper on the screen than the server's sentence.
  SELF_REVIEW: '不能审核自己制单的凭证',
  UNSYNCED_CHANGES: '本机还有未同步的修改：请先同步，再结账',
  CLOSE_STALE: '本机的账目与服务器不一致：请先同步，再结账',
};

const FIELD: Readonly<Record<string, string>> = {
  accountId: '科目',
  debitFen: '借方金额',
  creditFen: '贷方金额',
  projectId: '项目',
  summary: '摘要',
};

/** The sentence of a ledger code (no line prefix). */
export function ledgerText(code: string): string {
  return EXTRA[code] ?? (LEDGER_RULE_TEXT as Readonly<Record<string, string>>)[code] ?? domainRuleText(code);
}

/** 「第2行 贷方金额：…」 for a line problem; details (差额, 期间) appended where they help. */
export function problemText(p: LedgerProblem): string {
  const field = p.path?.split('.')[2];
  const where = p.line !== undefined ? `第${p.line}行${field && FIELD[field] ? ` ${FIELD[field]}` : ''}：` : '';
  let text = ledgerText(p.code);
  const d = p.detail;
  if ((p.code === 'UNBALANCED' || p.code === 'OPENING_UNBALANCED') && d && typeof d.differenceFen === 'number') {
    text += `（借方 ${formatMoneyFen(Number(d.debitFen))}，贷方 ${formatMoneyFen(Number(d.creditFen))}，差额 ${formatMoneyFen(d.differenceFen)}）`;
  } else if ((p.code === 'PREVIOUS_PERIOD_OPEN' || p.code === 'LATER_PERIOD_CLOSED') && d?.period) text += `（${String(d.period)}）`;
  else if (p.code === 'DRAFTS_REMAIN' && d?.count !== undefined) text += `（${d.count} 张）`;
  return `${where}${text}`;
}

/** A refused action: the first listed problem when the code only says "invalid". */
export function actionErrorText(e: LedgerProblem & { readonly problems?: readonly LedgerProblem[] }): string {
  const first = e.code === 'VOUCHER_INVALID' ? e.problems?.[0] : undefined;
  return first ? `${ledgerText(e.code)}：${problemText(first)}` : problemText(e);
}

/** A failed write; a local rule's refusal is named by its ledger sentence. */
export function writeErrorText(e: WriteError): string {
  if (e.code === 'DOMAIN_RULE' && typeof e.detail?.rule === 'string' && e.detail.rule !== '') {
    return `${ledgerText(e.detail.rule)}。本次修改未保存，已保存的数据不受影响。`;
  }
  return errorText(e.code, e.detail);
}

const CHAIN_FIELD: Readonly<Record<string, string>> = {
  date: '日期',
  summary: '摘要',
  counterparty: '收付对象',
  attachmentCount: '附单据张数',
  preparedBy: '制单人',
  reviewedBy: '审核人',
  postedBy: '记账人',
  postedAt: '过账时间',
  status: '状态',
  reversalOf: '冲销关系',
};

/**
 * 「2025-03 记-2 结账后被改动（第1行借方金额、摘要）」: one problem of the books' hash chain. `lineNo` turns a line id
 * into its 1-based place on the voucher as it was hashed.
 */
export function chainProblemText(p: ChainProblem, label: string, lineNo?: (lineId: string) => number | undefined): string {
  const fields = (p.fields ?? []).map((f) => {
    if (!f.startsWith('lines')) return CHAIN_FIELD[f] ?? f;
    const [, lineId, field] = f.split('.');
    const n = lineId ? lineNo?.(lineId) : undefined;
    const where = n ? `第${n}行` : '分录';
    return field ? `${where}${FIELD[field] ?? field}` : `${where}（增删了分录）`;
  });
  const named = fields.length > 0 ? `（${[...new Set(fields)].join('、')}）` : '';
  switch (p.code) {
    case 'VOUCHER_ALTERED':
      return `${label} 结账后被改动${named}`;
    case 'VOUCHER_MISSING':
      return `${label} 已结账但本机找不到该凭证（被删除或尚未同步）`;
    case 'VOUCHER_UNCHAINED':
      return `${label} 不在结账时的凭证序列中（结账后被加入）`;
  }
}
