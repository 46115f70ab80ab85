// Blocks every printed document is made of: the 草稿 watermark, the label/value header table, signature lines and
// grids, and the 落款 at the lower right. Each takes plain text and escapes it; the CSS is in print-css.ts.
import { escapeHtml } from './escape-html';

/** 草稿 across a draft's pages. */
export const watermark = (text: string): string => `<div class="watermark">${escapeHtml(text)}</div>`;

/** A header-table row whose value spans the table. */
export const headerRow = (label: string, value: string): string => headerRowHtml(label, escapeHtml(value));

/** A header-table row with an already-escaped value (e.g. lines joined with <br>). */
export const headerRowHtml = (label: string, valueHtml: string): string =>
  `<tr><th>${escapeHtml(label)}</th><td colspan="3">${valueHtml}</td></tr>`;

/** Two short label/value pairs sharing one header-table row. */
export const headerRowPair = (a: string, av: string, b: string, bv: string): string =>
  `<tr><th>${escapeHtml(a)}</th><td>${escapeHtml(av)}</td><th>${escapeHtml(b)}</th><td>${escapeHtml(bv)}</td></tr>`;

/** The label/value table at the head of a record (four columns: label, value, label, value). */
export function headerTable(rows: readonly string[]): string {
  const cols = '<colgroup><col class="label-col"><col><col class="label-col"><col></colgroup>';
  return `<table class="header">${cols}<tbody>${rows.join('')}</tbody></table>`;
}

/** 主持人签名：＿＿＿ — a label with a blank to sign on. */
export const signLine = (label: string): string => `<span>${escapeHtml(label)}<span class="blank"></span></span>`;

/**
 * A grid of signature cells, one per name, `columns` to a row; `blankCells` empty cells when there are no names (a
 * draft printed as the sign-in sheet).
 */
export function signatureGrid(names: readonly string[], options: { columns: number; blankCells: number }): string {
  const cells = names.map((n) => `<td><span class="sign-name">${escapeHtml(n)}</span><span class="blank"></span></td>`);
  if (cells.length === 0) for (let i = 0; i < options.blankCells; i += 1) cells.push('<td><span class="blank"></span></td>');
  while (cells.length % options.columns !== 0) cells.push('<td></td>');
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += options.columns) rows.push(`<tr>${cells.slice(i, i + options.columns).join('')}</tr>`);
  return `<table class="sign-grid"><tbody>${rows.join('')}</tbody></table>`;
}

/** 落款: each issuing body, then the date, at the lower right; blank lines are left out. */
export const signoff = (lines: readonly string[]): string =>
  `<section class="signoff">${lines
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('')}</section>`;
