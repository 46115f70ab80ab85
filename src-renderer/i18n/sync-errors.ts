// Sync failures → what the committee member reads and what to do about it.
import type { Rejection } from '../../shared/sync/protocol';
import type { SyncError, SyncErrorCode } from '../sync/api-client';
import { taskRuleMessage } from '../../shared/domain/tasks/workflow';
import type { TaskRuleCode } from '../../shared/domain/tasks/types';
import { LEDGER_RULE_TEXT } from './ledger-rules';
import { NOTICE_RULE_TEXT } from './notice-rules';

const SAFE = '修改已保存在本机，不会丢失。';

const SENTENCES: { readonly [C in SyncErrorCode]: (e: SyncError) => string } = {
  NETWORK: () => `无法连接同步服务器（可能已断网或服务器未开启）。${SAFE}恢复连接后会自动同步。`,
  NOT_LOGGED_IN: () => `尚未登录同步服务器，请在「设置」中登录。${SAFE}`,
  UNAUTHENTICATED: () => `登录已失效，请在「设置」中重新登录。${SAFE}`,
  TOKEN_EXPIRED: () => `登录已过期，请在「设置」中重新登录。${SAFE}`,
  INVALID_CREDENTIALS: () => '小区代码、用户名或密码不正确，请检查后重试。',
  TOO_MANY_ATTEMPTS: (e) => `登录失败次数过多，请${e.retryAfter ? ` ${e.retryAfter} 秒` : '稍'}后再试。`,
  FORBIDDEN: () => `当前账号没有权限同步这些修改。${SAFE}请联系管理员调整账号角色。`,
  UPGRADE_REQUIRED: () => `同步服务器已升级，请先更新邻里工作台再同步。${SAFE}`,
  SERVER_OUTDATED: () => `同步服务器的版本比本程序旧，请联系管理员升级服务器。${SAFE}`,
  PAYLOAD_TOO_LARGE: () => `本次同步的数据过大，服务器拒绝接收。${SAFE}请联系技术支持。`,
  UNSUPPORTED_MEDIA_TYPE: () => `同步请求的格式不被服务器接受，请更新邻里工作台。${SAFE}`,
  RATE_LIMITED: (e) => `同步服务器正忙，请${e.retryAfter ? ` ${e.retryAfter} 秒` : '稍'}后再试，稍后也会自动重试。${SAFE}`,
  BAD_REQUEST: (e) => `同步请求被服务器拒绝（${e.message ?? '格式错误'}）。${SAFE}`,
  NOT_FOUND: () => '找不到同步服务，请检查服务器地址是否正确。',
  METHOD_NOT_ALLOWED: () => '服务器不支持此操作，请检查服务器地址是否正确。',
  BAD_RESPONSE: (e) => `服务器的应答无法识别${e.status ? `（HTTP ${e.status}）` : ''}，请检查服务器地址是否正确。`,
  INTERNAL: () => `同步服务器内部出错，稍后会自动重试。${SAFE}`,
};

export const syncErrorText = (e: SyncError): string => (SENTENCES[e.code] ?? SENTENCES.BAD_RESPONSE)(e);

/** Domain rules (shared/collections) that the server and the app enforce, in the words of the committee. */
const RULES: Record<string, string> = {
  MEETING_FINALISED: '会议记录已定稿，原文不能再修改，请改用“更正/补充”',
  QUOTA_EXCEEDED: '本小区在同步服务器上的存储空间已用完，请联系服务器管理员扩容',
  CONFLICTS_TOO_LARGE: '这条记录保留的冲突副本过多或过大，请先处理冲突再同步',
  // 财务台账 (shared/collections/ledger-rules.ts).
  ...LEDGER_RULE_TEXT,
  ...NOTICE_RULE_TEXT,
  // 六方联动 (shared/collections taskRules, taskUpdateRules). The app explains a refused action at the button with
  // taskRuleMessage and its details; these are the sentences for a refusal found at saving or by the server.
  ...Object.fromEntries(
    (
      [
        'ILLEGAL_TRANSITION', 'REASON_REQUIRED', 'ROLE_NOT_ALLOWED', 'SELF_ACCEPTANCE', 'EXTENSION_AFTER_DUE', 'EXTENSION_DATE_INVALID',
        'EXTENSION_PENDING', 'NO_EXTENSION_PENDING', 'TRANSITIONS_REWRITTEN', 'STATUS_WITHOUT_TRANSITION', 'DUE_DATE_LOCKED',
      ] as const satisfies readonly TaskRuleCode[]
    ).map((code) => [code, taskRuleMessage({ code })]),
  ),
  TASK_REQUIRED: '任务缺少标题或牵头方',
  TASK_CO_PARTY_IS_LEAD: '牵头方不能同时作为配合方',
  TASK_CO_PARTY_REPEATED: '配合方重复了',
  TASK_DUE_BEFORE_CREATION: '截止日期不能早于任务登记日期',
  TASK_UPDATE_APPEND_ONLY: '任务进展记录写入后不能修改或删除',
  TASK_UPDATE_ID_INVALID: '催办或上报记录的编号不正确',
};

/** A domain rule's refusal in the committee's words (shared/collections). */
export const domainRuleText = (rule: string): string => RULES[rule] ?? `不符合业务规则（${rule}）`;

const REJECTIONS: { readonly [C in Rejection['code']]: (r: Rejection) => string } = {
  SCHEMA_INVALID: (r) => `数据格式不符合要求${r.path ? `（字段 ${r.path}）` : ''}`,
  DOMAIN_INVALID: (r) => (r.rule && RULES[r.rule]) || `不符合业务规则${r.rule ? `（${r.rule}）` : ''}`,
  MALFORMED_ROW: () => '数据损坏，无法识别',
};

export const rejectionText = (r: Rejection): string => (REJECTIONS[r.code] ?? REJECTIONS.MALFORMED_ROW)(r);
