// Chinese sentences for the task form's field errors and the progress log (the workflow's own are taskRuleMessage).
import type { FieldError } from '../common/field-error';
import { PARTY_LABELS } from '../roster/labels';
import type { ProgressErrorCode } from './build';
import type { TaskField, TaskFieldCode } from './types';

const FIELD_NAMES: { readonly [F in TaskField]: string } = {
  title: '标题',
  description: '描述',
  leadParty: '牵头方',
  leadOrganizationId: '牵头单位',
  ownerId: '责任人',
  coParties: '配合方',
  dueDate: '截止日期',
  priority: '优先级',
  location: '位置',
  category: '类别',
  tags: '标签',
  source: '来源',
};

/** The sentence shown at a task form field. */
export function taskFieldMessage(field: TaskField, error: FieldError<TaskFieldCode>): string {
  const d = error.detail ?? {};
  const party = d.party !== undefined ? (PARTY_LABELS[d.party as keyof typeof PARTY_LABELS] ?? String(d.party)) : '';
  switch (error.code) {
    case 'REQUIRED':
      return field === 'leadParty' ? '请选择牵头方（六方之一）。' : `请填写${FIELD_NAMES[field]}。`;
    case 'TOO_LONG':
      return field === 'tags' ? `标签最多 20 个，每个不超过 30 个字。` : `${FIELD_NAMES[field]}不能超过 ${String(d.max ?? '')} ${field === 'coParties' ? '个' : '个字'}。`;
    case 'DUE_BEFORE_CREATION':
      return `截止日期不能早于任务登记日期（${String(d.createdOn ?? '')}）。`;
    case 'UNKNOWN_PERSON':
      return field === 'coParties' ? `配合方“${party}”所选人员不在组织人员名册中，请重新选择。` : '所选责任人不在组织人员名册中，请重新选择。';
    case 'UNKNOWN_ORGANIZATION':
      return field === 'coParties' ? `配合方“${party}”所选单位不存在，请重新选择。` : '所选单位不存在或不属于牵头方，请重新选择。';
    case 'CO_PARTY_IS_LEAD':
      return `“${party}”已是牵头方，不能同时作为配合方。`;
    case 'CO_PARTY_REPEATED':
      return `配合方“${party}”重复了。`;
    case 'BAD_DATE':
      return '日期无效，请按“年-月-日”填写，如 2026-12-31。';
    case 'BAD_PHONE':
      return '居民电话格式不正确：请填写 11 位手机号或带区号的座机号。';
    case 'DUE_DATE_LOCKED':
      return '任务签收后，截止日期只能通过“申请延期”并经党支部批准后更改。';
  }
}

const PROGRESS: { readonly [C in ProgressErrorCode]: (d: Record<string, string | number>) => string } = {
  TEXT_REQUIRED: () => '请填写进展内容或附上照片。',
  TEXT_TOO_LONG: (d) => `内容不能超过 ${String(d.max ?? 20000)} 个字。`,
  TOO_MANY_PHOTOS: (d) => `最多附 ${String(d.max ?? 3)} 张照片。`,
  PHOTO_TOO_LARGE: (d) => `照片“${String(d.name ?? '')}”过大，请压缩后再附上。`,
  PHOTO_NOT_IMAGE: (d) => `“${String(d.name ?? '')}”不是 JPEG、PNG 或 WebP 图片。`,
};

export const progressErrorMessage = (e: { code: ProgressErrorCode; detail?: Record<string, string | number> | undefined }): string => PROGRESS[e.code](e.detail ?? {});

/** B5 */
export const satisfactionErrorMessage = (code: 'NOT_CLOSED' | 'SATISFACTION_RANGE'): string =>
  code === 'NOT_CLOSED' ? '任务办结后才能登记居民满意度。' : '满意度为 1 到 5 分。';
