// The shell of every printed document: one complete HTML string the bridge's print:html / print:toPdf accept.
import { printCsp } from '../../shared/web/csp';
import { escapeHtml } from './escape-html';
import { PRINT_CSS } from './print-css';

/**
 * `bodyHtml` must already be escaped; `title` is plain text (the print queue and PDF metadata show it).
 * A content security policy is the last line of defence: even if some text escaped escapeHtml, nothing could load
 * or run. Inline <style> is the only resource a printed document has — and fonts from `fontSrc` when a document
 * brings its own (the notices: the app's origin, or 'self' beside the document). `css` replaces the shell's stylesheet for a
 * document with a layout of its own (the GB/T 9704 notices).
 */
export function printDocument({ title, bodyHtml, css, fontSrc }: { title: string; bodyHtml: string; css?: string; fontSrc?: readonly string[] }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${printCsp(fontSrc)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css ?? PRINT_CSS}</style>`,
    '</head>',
    '<body>',
    bodyHtml,
    '</body>',
    '</html>',
  ].join('\n');
}
