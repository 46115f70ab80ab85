// A task's 工作单: its particulars, description and result, and its follow-up log oldest first with photos as small
// thumbnails, printed or saved as PDF through the host bridge on the shared print shell.
import { workOrderModel, type WorkOrderLogEntry } from '../../../../shared/domain/tasks/work-order';
import type { Task, TaskUpdate } from '../../../../shared/domain/tasks/types';
import type { BridgeResult } from '../../../../shared/bridge';
import { getBridge } from '../../../bridge';
import { escapeHtml, escapeMultiline, headerRow, headerRowPair, headerTable, printDocument, signLine } from '../../../print';
import { resolvePrintOptions, safeFileBase, type TaskPrintOptions } from './print-options';

const WORK_ORDER_CSS = `
.work-order .log { font-size: 10.5pt; table-layout: fixed; }
.work-order .log th { width: auto; }
.work-order .log col.when { width: 30mm; }
.work-order .log col.who { width: 26mm; }
.work-order .log col.kind { width: 20mm; }
.work-order .log .change { font-weight: 700; display: block; }
.work-order .thumbs { display: flex; gap: 2mm; flex-wrap: wrap; margin-top: 1mm; }
.work-order .thumbs img { width: 30mm; height: 22mm; object-fit: cover; border: 0.5pt solid #999; }
.work-order .printed-on { margin-top: 4mm; font-size: 10.5pt; }
`;

export const workOrderTitle = (compoundName: string): string => `${compoundName}六方联动工作单`;

function logRow(e: WorkOrderLogEntry): string {
  const who = `${escapeHtml(e.who)}${e.party ? `<br><span class="muted">${escapeHtml(e.party)}</span>` : ''}`;
  // A status entry's text already says the move (签收：待分派 → 已签收); others may carry one besides.
  const change = e.change && !e.text.includes('→') ? `<span class="change">${escapeHtml(e.change)}</span>` : '';
  const photos =
    e.photos.length > 0
      ? `<div class="thumbs">${e.photos.map((p) => `<img src="${escapeHtml(p.dataUrl)}" alt="${escapeHtml(p.name || '照片')}">`).join('')}</div>`
      : '';
  return `<tr data-entry="${escapeHtml(e.id)}"><td>${escapeHtml(e.when)}</td><td>${who}</td><td>${escapeHtml(e.kind)}</td><td>${change}<div class="pre">${escapeMultiline(e.text)}</div>${photos}</td></tr>`;
}

/** The 工作单 as one complete HTML document (print:html / print:toPdf); every text escaped. */
export function workOrderHtml(task: Task, updates: readonly TaskUpdate[], options: TaskPrintOptions = {}): string {
  const o = resolvePrintOptions(options);
  const m = workOrderModel(task, updates);
  const title = workOrderTitle(o.compoundName);
  // Short particulars two to a row; long ones (配合方, 来源, 编号) across the table.
  const wide = new Set(['编号', '来源', '配合方', '延期申请']);
  const rows: string[] = [headerRow('任务', m.title)];
  const pending: { label: string; value: string }[] = [];
  const flush = () => {
    while (pending.length >= 2) {
      const [a, b] = pending.splice(0, 2);
      if (a && b) rows.push(headerRowPair(a.label, a.value, b.label, b.value));
    }
  };
  for (const f of m.fields) {
    if (wide.has(f.label)) rows.push(headerRow(f.label, f.value));
    else {
      pending.push(f);
      flush();
    }
  }
  const last = pending.shift();
  if (last) rows.push(headerRowPair(last.label, last.value, '', ''));

  const body = [
    `<style>${WORK_ORDER_CSS}</style>`,
    '<div class="work-order">',
    `<h1>${escapeHtml(title)}</h1>`,
    headerTable(rows),
    m.description ? `<h2>事项描述</h2><p class="pre">${escapeMultiline(m.description)}</p>` : '',
    m.result ? `<h2>办理结果</h2><p class="pre">${escapeMultiline(m.result)}</p>` : '',
    '<h2>办理记录</h2>',
    m.log.length > 0
      ? [
          '<table class="log"><colgroup><col class="when"><col class="who"><col class="kind"><col></colgroup>',
          '<thead><tr><th>时间</th><th>记录人</th><th>类型</th><th>内容</th></tr></thead>',
          `<tbody>${m.log.map(logRow).join('')}</tbody></table>`,
        ].join('')
      : '<p class="muted">暂无办理记录。</p>',
    `<section class="signatures"><div class="sign-row">${signLine('责任人签名：')}${signLine('验收人签名：')}</div></section>`,
    `<p class="muted printed-on">打印日期：${escapeHtml(o.dateCn)}</p>`,
    '</div>',
  ];
  return printDocument({ title: `${title} ${m.title}`.slice(0, 200), bodyHtml: body.filter(Boolean).join('\n') });
}

/** 打印工作单 through the system print dialog. */
export function printWorkOrder(task: Task, updates: readonly TaskUpdate[], options: TaskPrintOptions = {}): BridgeResult<{ printed: boolean }> {
  const o = resolvePrintOptions(options);
  return getBridge()['print:html']({ html: workOrderHtml(task, updates, options), title: safeFileBase(`${workOrderTitle(o.compoundName)} ${task.title}`) });
}

/** 保存工作单为 PDF; path null when cancelled (always on the web host, where the print dialog saves it). */
export function saveWorkOrderPdf(task: Task, updates: readonly TaskUpdate[], options: TaskPrintOptions = {}): BridgeResult<{ path: string | null }> {
  const fileName = `${safeFileBase(`工作单-${task.title}`)}.pdf`;
  return getBridge()['print:toPdf']({ html: workOrderHtml(task, updates, options), fileName });
}
