// The renderer's print shell, shared by every printed document (minutes, tasks, ledger, notices): the A4 stylesheet
// and fonts, the complete HTML document the bridge's print:html / print:toPdf accept, escaping, and the header,
// signature and 落款 blocks. A feature keeps only its own documents (features/minutes/print).
export { escapeHtml, escapeMultiline } from './escape-html';
export { PRINT_CSS, PRINT_FONT_STACK } from './print-css';
export { printDocument } from './print-document';
export { headerRow, headerRowHtml, headerRowPair, headerTable, signatureGrid, signLine, signoff, watermark } from './blocks';
