// Printing minutes: the 会议记录, the 纪要 and 决议公告 drafts, built on the shared print shell (src-renderer/print).
export {
  arithmeticLine,
  attendanceCountsText,
  cnNumeral,
  formatAreaM2,
  formatAreaNumber,
  formatTimestampCn,
  matterText,
  meetingTimeLine,
  namesText,
  outcomeLabel,
  participationText,
  stepText,
  tallyText,
  totalsText,
} from './format';
export { CORRECTION_KIND_LABELS } from './print-labels';
export { minutesRecordHtml, minutesRecordTitle } from './minutes-record';
export { amendmentLines, closingLines, decisionVoteText, introSentence, minutesSummaryHtml, minutesSummaryTitle, summaryOf } from './minutes-summary';
export { changeParts } from './changes';
export { convenerOf } from './print-input';
export type { MinutesPrintInput } from './print-input';
