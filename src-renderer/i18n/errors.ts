// Code → the sentence a committee member reads. Every code the rules and the write path can produce is listed:
// adding a code without its sentence fails tsc.
import type { MoneyErrorCode } from '../../shared/domain/common/decimal';
import type { FieldError } from '../../shared/domain/common/field-error';
import type { RosterErrorCode } from '../../shared/domain/roster';
import type { SettingsErrorCode } from '../../shared/domain/settings';
import type { WriteErrorCode } from '../db/write-error';
import { domainRuleText } from './sync-errors';

export type AppErrorCode = RosterErrorCode | SettingsErrorCode | MoneyErrorCode | WriteErrorCode;
type Detail = Record<string, string | number> | undefined;

const max = (d: Detail, fallback: number): string | number => d?.max ?? fallback;

const SENTENCES: { readonly [C in AppErrorCode]: (d: Detail) => string } = {
  NAME_REQUIRED: (d) => (d?.subject === 'organization' ? '请填写名称。' : '请填写姓名。'),
  NAME_TOO_LONG: (d) => `名称不能超过 ${max(d, 100)} 个字。`,
  PHONE_INVALID: () => '号码格式不正确：请填写 11 位手机号（如 13800138000）或带区号的座机号（如 0571-87654321）。',
  PARTY_REQUIRED: () => '请选择代表方。',
  PARTY_UNKNOWN: () => '代表方无效，请从列表中选择。',
  ROLE_UNKNOWN: () => '角色无效，请从列表中选择。',
  TEXT_TOO_LONG: (d) => `不能超过 ${max(d, 0)} 个字。`,
  ORGANIZATION_UNKNOWN: () => '所选组织不存在，请重新选择。',
  ORG_TYPE_REQUIRED: () => '请选择组织类型。',
  ORG_TYPE_INVALID: () => '组织类型只能是物业公司、共建单位、社会组织或居民小组。',
  AGREEMENT_DATE_INVALID: () => '签约日期无效，请按“年-月-日”填写，如 2024-03-15。',
  SERVICE_ITEMS_TOO_MANY: (d) => `服务项目最多 ${max(d, 50)} 项。`,
  SERVICE_ITEM_TOO_LONG: (d) => `每个服务项目不能超过 ${max(d, 100)} 个字。`,
  ALREADY_LEFT: () => '该记录已标记为离开。',
  ALREADY_ACTIVE: () => '该记录已在册，无需恢复。',
  LEFT_DATE_INVALID: () => '日期无效，请按“年-月-日”填写。',
  LEFT_DATE_IN_FUTURE: () => '离开日期不能晚于今天。',
  REFERENCED: (d) => `该记录已被 ${d?.count ?? ''} 处引用，不能删除，只能标记为离开。`,
  AREA_INVALID: () => '请填写数字，单位为平方米，如 12345.67。',
  AREA_TOO_PRECISE: () => '面积最多保留两位小数。',
  AREA_TOO_LARGE: () => '面积过大，请检查是否多填了数字。',
  COUNT_INVALID: () => '请填写整数，如 1200。',
  COUNT_TOO_LARGE: () => '数字过大，请检查。',
  MONEY_INVALID: () => '请填写金额，单位为元，如 1234.50 或 1,234.50。',
  MONEY_TOO_PRECISE: () => '金额最多保留两位小数（到分）。',
  MONEY_TOO_LARGE: () => '金额过大，请检查是否多填了数字。',
  MONEY_NEGATIVE: () => '金额不能为负数。',
  COMMITTEE_EXCEEDS_OWNERS: () => '业委会委员人数不能多于业主总人数。',
  OPERATOR_NAME_TOO_LONG: (d) => `操作人姓名不能超过 ${max(d, 50)} 个字。`,
  QUOTA_EXCEEDED: () => '磁盘空间不足，本次修改未保存。已保存的数据不受影响，请清理磁盘后重试。',
  WRITE_CONFLICT: () => '该记录刚被其他窗口修改，本次修改未保存。请关闭后重新打开再试。',
  NOT_FOUND: () => '该记录不存在，可能已被其他窗口修改。',
  DOMAIN_RULE: (d) => `${domainRuleText(String(d?.rule ?? ''))}。本次修改未保存，已保存的数据不受影响。`,
  WRITE_FAILED: () => '保存失败，本次修改未保存。已保存的数据不受影响，请稍后重试。',
};

export function errorText(code: AppErrorCode, detail?: Detail): string {
  return SENTENCES[code](detail);
}

export const fieldErrorText = (e: FieldError<AppErrorCode>): string => errorText(e.code, e.detail);
