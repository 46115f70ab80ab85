// Printing minutes: complete HTML documents for the bridge's print:html / print:toPdf, and 决议公告 drafts.
export { escapeHtml, escapeMultiline } from './escape-html';
export {
  arithmeticLine,
  cnNumeral,
  formatAreaM2,
  formatAreaNumber,
  formatTimestampCn,
  meetingTimeLine,
  outcomeLabel,
  stepText,
  tallyText,
} from './format';
export { minutesRecordHtml, minutesRecordTitle } from './minutes-record';
export { minutesSummaryHtml, minutesSummaryTitle } from './minutes-summary';
export { PRINT_CSS, PRINT_FONT_STACK } from './print-css';
export { printDocument } from './print-document';
export type { MinutesPrintInput } from './print-input';
export {
  decisionGist,
  noticeIssuers,
  resolutionNoticeDraft,
  resolutionNoticeHtml,
  voteSummaryText,
  type NoticePrintInput,
  type ResolutionNoticeDraft,
  type ResolutionNoticeInput,
  type ResolutionNoticeSource,
} from './resolution-notice';
