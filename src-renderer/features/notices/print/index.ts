// The printed notice (公告打印): the GB/T 9704-2012 layout, its bundled fonts, print and PDF through the bridge,
// and the grid figures the editor's overflow hint needs.
export { noticeHtml, noticeDocument, verificationUrl, type NoticePrintOptions } from './notice-html';
export { printNotice, saveNoticePdf, noticeFileBase } from './print';
export {
  NOTICE_GRID,
  estimatePages,
  estimateNoticeLines,
  postingPeriodText,
  contactText,
  signaturePlan,
  pageGeometry,
  type NoticeLineCount,
  type NoticePaper,
  type SignaturePlan,
} from './layout';
export { NOTICE_FONT_FILES, defaultFontBaseUrl, type NoticeFontSources } from './fonts';
