// Printing 六方联动 tasks: the 任务进展公示 and a task's 工作单, on the shared print shell (src-renderer/print).
export { printProgressNotice, progressNoticeHtml, progressNoticeTitle, saveProgressNoticePdf } from './progress-notice';
export { printWorkOrder, saveWorkOrderPdf, workOrderHtml, workOrderTitle } from './work-order';
export type { TaskPrintOptions } from './print-options';
