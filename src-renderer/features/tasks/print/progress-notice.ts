// 任务进展公示: the board notice of the tasks shown (grouped by lead party), printed or saved as PDF through the
// host bridge, on the shared print shell. One A4 page per ~25 tasks at 10.5pt, so a list of a compound's open
// matters fits the 公示栏.
import { progressNoticeModel, type ProgressNoticeGroup } from '../../../../shared/domain/tasks/progress-notice';
import type { Task } from '../../../../shared/domain/tasks/types';
import type { BridgeResult } from '../../../../shared/bridge';
import { getBridge } from '../../../bridge';
import { escapeHtml, printDocument, signoff } from '../../../print';
import { resolvePrintOptions, safeFileBase, type TaskPrintOptions } from './print-options';

/** Layout of the notice's tables on top of the shared A4 sheet (body text stays in the shell's fonts). */
const NOTICE_CSS = `
.task-notice { font-size: 10.5pt; line-height: 1.45; }
.task-notice table { table-layout: fixed; margin-bottom: 3mm; }
.task-notice th { width: auto; white-space: normal; padding: 1mm 1.5mm; }
.task-notice td { padding: 1mm 1.5mm; }
.task-notice col.no { width: 9mm; }
.task-notice col.status { width: 20mm; }
.task-notice col.date { width: 30mm; }
.task-notice col.who { width: 52mm; }
.task-notice td.no, .task-notice td.status { text-align: center; }
.task-notice .co { display: block; font-size: 9pt; color: #333; }
.task-notice .late { display: block; font-weight: 700; }
.task-notice h2 { font-size: 12.5pt; margin: 4mm 0 1.5mm; }
.task-notice .summary { text-align: center; font-size: 10.5pt; margin: 0 0 3mm; }
`;

export const progressNoticeTitle = (compoundName: string): string => `${compoundName}六方联动任务进展公示`;

function groupHtml(g: ProgressNoticeGroup): string {
  const rows = g.rows.map((r, i) => {
    const who = `${escapeHtml(r.lead)}${r.co ? `<span class="co">配合：${escapeHtml(r.co)}</span>` : ''}`;
    const status = `${escapeHtml(r.statusLabel)}${r.overdue ? '<span class="late">已逾期</span>' : ''}`;
    const date = r.dateKind ? `${escapeHtml(r.dateKind)}：${escapeHtml(r.dateText)}` : '';
    return `<tr data-task="${escapeHtml(r.id)}"><td class="no">${i + 1}</td><td class="task">${escapeHtml(r.title)}</td><td class="who">${who}</td><td class="status">${status}</td><td class="date">${date}</td></tr>`;
  });
  return [
    `<h2>牵头方：${escapeHtml(g.label)}（共${g.total}项，已办结${g.closed}项）</h2>`,
    '<table class="notice-table">',
    '<colgroup><col class="no"><col><col class="who"><col class="status"><col class="date"></colgroup>',
    '<thead><tr><th>序号</th><th>任务</th><th>责任方</th><th>状态</th><th>截止/办结日期</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
  ].join('');
}

/** The notice as one complete HTML document (print:html / print:toPdf); every text escaped. */
export function progressNoticeHtml(tasks: readonly Task[], options: TaskPrintOptions = {}): string {
  const o = resolvePrintOptions(options);
  const model = progressNoticeModel(tasks, { date: o.date });
  const title = progressNoticeTitle(o.compoundName);
  const body = [
    `<style>${NOTICE_CSS}</style>`,
    '<div class="task-notice">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="summary">截至${escapeHtml(o.dateCn)}，共${model.total}项任务，已办结${model.closed}项${model.overdue > 0 ? `，逾期${model.overdue}项` : ''}。</p>`,
    ...(model.groups.length > 0 ? model.groups.map(groupHtml) : ['<p class="muted">暂无任务。</p>']),
    '<p class="muted">如有意见建议，请联系小区党支部。</p>',
    signoff([...o.issuers, o.dateCn]),
    '</div>',
  ];
  return printDocument({ title, bodyHtml: body.join('\n') });
}

/** 打印进展公示 through the system print dialog (on the web host, the browser's). */
export function printProgressNotice(tasks: readonly Task[], options: TaskPrintOptions = {}): BridgeResult<{ printed: boolean }> {
  const o = resolvePrintOptions(options);
  return getBridge()['print:html']({ html: progressNoticeHtml(tasks, options), title: safeFileBase(progressNoticeTitle(o.compoundName)) });
}

/** 保存进展公示为 PDF; path null when cancelled (always on the web host, where the print dialog saves it). */
export function saveProgressNoticePdf(tasks: readonly Task[], options: TaskPrintOptions = {}): BridgeResult<{ path: string | null }> {
  const o = resolvePrintOptions(options);
  const fileName = `${safeFileBase(`${progressNoticeTitle(o.compoundName)}-${o.date}`)}.pdf`;
  return getBridge()['print:toPdf']({ html: progressNoticeHtml(tasks, options), fileName });
}
