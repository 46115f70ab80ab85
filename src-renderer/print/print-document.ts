// The shell of every printed document: one complete HTML string the bridge's print:html / print:toPdf accept.
import { PRINT_CSP } from '../../shared/web/csp';
import { escapeHtml } from './escape-html';
import { PRINT_CSS } from './print-css';

/**
 * A content security policy as the last line of defence: even if some text escaped escapeHtml, nothing could load
 * or run. Inline <style> is the only resource a printed document has.
 */
const CSP = PRINT_CSP;

/** `bodyHtml` must already be escaped; `title` is plain text (the print queue and PDF metadata show it). */
export function printDocument({ title, bodyHtml }: { title: string; bodyHtml: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    bodyHtml,
    '</body>',
    '</html>',
  ].join('\n');
}
