// 年度结转's refusals (shared/domain/ledger/year-end.ts, SPEC L-Y1–L-Y9) as the treasurer reads them: each says
// why and what to do first. Codes the module shares with the rest of the ledger fall back to ../messages.
import type { Account, LedgerProblem } from '../../../../shared/domain/ledger/types';
import type { YearEndKind } from '../../../../shared/domain/ledger/year-end';
import { actionErrorText, problemText } from '../messages';

const STATUS: Readonly<Record<string, string>> = { draft: '草稿', reviewed: '已审核' };

export const KIND_LABEL: Readonly<Record<YearEndKind, string>> = {
  income: '结转收入',
  expense: '结转费用',
  release: '限定性净资产解除限制',
};

/** The sentence for a refused 年度结转 of `year`; `accounts` name the account a refusal points at. */
export function yearEndErrorText(e: LedgerProblem & { readonly problems?: readonly LedgerProblem[] }, year: number, accounts: readonly Account[] = []): string {
  const d = e.detail ?? {};
  const named = (code: unknown): string => {
    const x = accounts.find((a) => a._deleted !== true && a.code === String(code));
    return x ? `${x.code} ${x.name}` : String(code);
  };
  switch (e.code) {
    case 'YEAR_INVALID':
      return '年度无效。';
    case 'ALREADY_CARRIED':
      return `${year}年度已结转：收入和费用科目的余额均已为零，无需再结转。`;
    case 'YEAR_END_PENDING':
      return `${year}年度的结转凭证已生成（${STATUS[String(d.status)] ?? '未过账'}），尚未过账：请在凭证列表中由另一人审核后过账；如需重新生成，请先删除该草稿。`;
    case 'PERIOD_CLOSED':
      return `${String(d.period)} 已结账，不能再做${year}年度结转。确需结转的，请管理员先反结账该月。`;
    case 'LATER_PERIOD_CLOSED':
      return `${String(d.period)} 已结账：年度结转会改变其后各月的期初余额。请管理员先反结账到 ${year} 年 12 月之前。`;
    case 'DRAFTS_REMAIN':
      return `${year}年还有 ${String(d.count)} 张凭证未过账（最早在 ${String(d.period)}）：请先审核过账或删除，再做年度结转。`;
    case 'EARLIER_YEAR_NOT_CARRIED':
      return `${String(d.year)}年度的收入和费用尚未结转：请先做${String(d.year)}年度结转。`;
    case 'NET_ASSETS_ACCOUNT_UNUSABLE':
      return `科目 ${named(d.code)} 不存在、已停用或已有明细科目：年度结转需要末级科目 3101 非限定性净资产 和 3102 限定性净资产。`;
    case 'NOTHING_TO_CARRY':
      return `${year}年没有需要结转的收入和费用。`;
    case 'VOUCHER_INVALID': {
      const first = e.problems?.[0];
      if (first?.code === 'ACCOUNT_INACTIVE') return `科目 ${named(first.detail?.code)} 已停用，但仍有余额，不能结转：请先在「科目」中启用该科目。`;
      return first ? `结转凭证未通过校验：${problemText(first)}` : actionErrorText(e);
    }
    default:
      return actionErrorText(e);
  }
}
