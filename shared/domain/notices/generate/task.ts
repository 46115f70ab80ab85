// N49: 任务进展公示 from a set of 六方联动 tasks: the tasks' own progress model (shared/domain/tasks/progress-notice.ts:
// grouping by lead party, order, wording) as the notice's body and one table per party. Pure: the date comes in.
import { formatDateCn, type LocalDate } from '../../common/dates';
import { progressNoticeModel } from '../../tasks/progress-notice';
import type { Task } from '../../tasks/types';
import type { NoticeIssuerKey } from '../../../schema';
import { capRows, cell, dataHashOf, issuerFields, type GeneratedNotice, type NoticeSettings, type NoticeTable } from './common';

/** N49: what the notice states of each task (not the date: 逾期 follows from it), hashed in id order. */
export function taskSourceData(tasks: readonly Task[], includeCancelled = false): unknown {
  return tasks
    .filter((t) => includeCancelled || t.status !== 'cancelled')
    .map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      leadParty: t.leadParty,
      leadOrganizationName: t.leadOrganizationName ?? null,
      ownerName: t.ownerName ?? null,
      coParties: t.coParties ?? [],
      dueDate: t.dueDate ?? null,
      closedAt: t.closedAt ?? null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export const taskDataHash = (tasks: readonly Task[], includeCancelled = false): string => dataHashOf(taskSourceData(tasks, includeCancelled));

/**
 * N49: 六方联动任务进展公示（截至…）: totals in the body, then per lead party (in the order of the six parties) a table
 * 序号, 任务, 牵头, 配合, 进展 (已逾期 marked), 日期; issued by the 共建理事会 unless another issuer is given.
 */
export function taskProgressNotice(input: {
  readonly tasks: readonly Task[];
  readonly date: LocalDate;
  readonly settings: NoticeSettings;
  readonly issueDate: string;
  readonly includeCancelled?: boolean;
  readonly issuerKey?: NoticeIssuerKey;
}): GeneratedNotice {
  const { tasks, date, settings, issueDate } = input;
  const model = progressNoticeModel(tasks, { date, includeCancelled: input.includeCancelled });
  const dateCn = formatDateCn(date) ?? date;
  const tables: NoticeTable[] = model.groups.slice(0, 20).map((g) => ({
    caption: `${g.label}牵头（共${g.total}项，已办结${g.closed}项）`,
    columns: ['序号', '任务', '牵头', '配合', '进展', '日期'],
    rows: capRows(
      g.rows.map((r, i) => [
        String(i + 1),
        cell(r.title),
        cell(r.lead),
        cell(r.co || '—'),
        r.overdue ? `${r.statusLabel}（已逾期）` : r.statusLabel,
        r.dateKind ? `${r.dateKind}${r.dateText}` : '',
      ]),
      6,
      (n) => `另有${n}项`,
    ),
  }));
  const body = [
    `截至${dateCn}，小区六方联动共有任务${model.total}项，已办结${model.closed}项${model.overdue > 0 ? `，逾期未办结${model.overdue}项` : ''}。现将各方牵头任务的办理进展公示如下：`,
    '欢迎居民监督；对任务办理有意见或建议的，可向小区党支部或共建理事会反映。',
    '特此公示。',
  ];
  const included = tasks.filter((t) => input.includeCancelled || t.status !== 'cancelled').map((t) => t.id).sort();
  return {
    kind: 'task',
    status: 'draft',
    title: `六方联动任务进展公示（截至${dateCn}）`,
    body: body.join('\n\n'),
    tables,
    ...issuerFields(settings, input.issuerKey ?? 'council'),
    issueDate,
    source: { taskIds: included.slice(0, 2000), dataHash: taskDataHash(tasks, input.includeCancelled) },
  };
}
