// The import dialog's sentences: each row error with its row number, and why a file could not be read.
import type { ImportErrorCode, ImportRowError } from '../../../../shared/domain/tasks/import';
import type { ImportField } from '../../../../shared/domain/tasks/import-mapping';
import { taskFieldMessage } from '../../../../shared/domain/tasks/messages';
import type { TaskField, TaskFieldCode } from '../../../../shared/domain/tasks/types';
import type { ReadErrorCode } from './read-file';

const PARTIES_HINT = '应为党支部、业委会、物业公司、社会组织、共建单位、居民小组之一';

/** Import columns → the task form's fields, for the form rules' own sentences. */
const TASK_FIELD: Partial<Record<ImportField, TaskField>> = {
  title: 'title',
  description: 'description',
  leadParty: 'leadParty',
  leadOrganization: 'leadOrganizationId',
  owner: 'ownerId',
  coParties: 'coParties',
  dueDate: 'dueDate',
  priority: 'priority',
  location: 'location',
  category: 'category',
  tags: 'tags',
  listName: 'source',
};

type Detail = Readonly<Record<string, string | number>> | undefined;
const v = (d: Detail, k: string): string => String(d?.[k] ?? '');

// UNKNOWN_PERSON and BAD_DATE are the form's codes too; the import's carry the name or value it could not read.
const OWN: { readonly [C in Exclude<ImportErrorCode, TaskFieldCode> | 'UNKNOWN_PERSON' | 'BAD_DATE']: (e: ImportRowError) => string } = {
  TITLE_MISSING: () => '缺少标题。',
  PARTY_MISSING: () => `缺少牵头方（${PARTIES_HINT}）。`,
  UNKNOWN_PARTY: (e) => `${e.field === 'coParties' ? '配合方' : '牵头方'}“${v(e.detail, 'name')}”无法识别，${PARTIES_HINT}。`,
  UNKNOWN_PERSON: (e) => `责任人“${v(e.detail, 'name')}”不在组织人员名册的在任人员中，请先在「组织人员」中登记，或改正姓名。`,
  AMBIGUOUS_PERSON: (e) => `名册中有 ${v(e.detail, 'count')} 位在任人员都叫“${v(e.detail, 'name')}”，无法确定责任人，请在名册中区分后再导入。`,
  MULTIPLE_PERSONS: (e) => `责任人只能填写一人（此处为“${v(e.detail, 'name')}”），其他人员可写在配合方中。`,
  BAD_DATE: (e) => `截止日期“${v(e.detail, 'value')}”无法识别，请按 2026-12-01、2026/12/1 或 2026年12月1日 填写。`,
  BAD_PRIORITY: (e) => `优先级“${v(e.detail, 'value')}”无法识别，可填写：低、普通、高、紧急。`,
  DUPLICATE_IN_FILE: (e) => `与第 ${v(e.detail, 'firstRow')} 行是同一清单事项（清单名称、编号和标题都相同），只导入第 ${v(e.detail, 'firstRow')} 行。`,
};

const isOwn = (c: ImportErrorCode): c is keyof typeof OWN => c in OWN;

/** The sentence of one error, without the row number. */
export function importErrorMessage(e: ImportRowError): string {
  if (isOwn(e.code)) return OWN[e.code](e);
  if (e.field === 'listItemNo') return `清单编号不能超过 ${v(e.detail, 'max')} 个字。`;
  const field = (e.field && TASK_FIELD[e.field]) ?? 'title';
  return taskFieldMessage(field, { code: e.code, ...(e.detail ? { detail: { ...e.detail } } : {}) });
}

/** 第 5 行：缺少标题。 */
export const importErrorText = (e: ImportRowError): string => `第 ${e.row} 行：${importErrorMessage(e)}`;

export const READ_ERROR_TEXT: { readonly [C in ReadErrorCode]: string } = {
  UNSUPPORTED_TYPE: '只能导入 CSV（.csv）或 Excel 工作簿（.xlsx）文件。旧版 .xls 文件请先在 Excel 或 WPS 中另存为 .xlsx。',
  BAD_ENCODING: '文件内容无法按 UTF-8 或 GBK 编码读取，可能已损坏或不是文本文件。请在 Excel 或 WPS 中“另存为”CSV UTF-8 后再导入。',
  UNREADABLE: '无法读取此 Excel 文件，文件可能已损坏或设置了密码。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。',
  EMPTY: '文件中没有数据（第一张工作表为空）。',
  TOO_LARGE: '文件过大（超过 30 MB），请拆分后分批导入。',
};

/** 表头中找不到标题列 */
export const NO_HEADER_TEXT = '没有在文件前 10 行中找到表头（需要有“标题”“事项”或“问题”等列）。请在下方手动指定各列，或检查文件。';
