// A notice as a complete HTML document laid out to GB/T 9704-2012: title, 文号, 主送, body, tables, 公示期,
// contact, 附件, 署名 and date (sealed or not), page numbers, and the verification QR code. The print shell
// (src-renderer/print) supplies the document frame, escaping and CSP; the layout and fonts are the notice's own.
import QRCode from 'qrcode';
import { issueNumberText } from '../../../../shared/domain/notices/lifecycle';
import { publicNoticeUrl, shortCodeText } from '../../../../shared/domain/notices/public';
import type { NoticeDoc } from '../../../../shared/schema';
import { escapeHtml, printDocument, watermark } from '../../../print';
import { noticeCss } from './css';
import { defaultFontBaseUrl, fontFaceCss, fontSrcOf, fontUrls, type NoticeFontSources } from './fonts';
import {
  bodyParts,
  contactText,
  estimateNoticeLines,
  pageGeometry,
  postingPeriodText,
  signatureGap,
  signaturePlan,
  tableFontPt,
  titlePieces,
  verifyBesideSignature,
  type NoticePaper,
  type PageGeometry,
  type SignaturePlan,
} from './layout';

export type NoticePrintOptions = {
  /** The compound, for the document's title (print queue, PDF metadata). */
  compoundName?: string;
  /** The sync server's address: with the notice's publicCode, the QR code leads to its public page there. */
  serverUrl?: string | null;
  /** Overrides the notice's own `paper`. */
  paper?: NoticePaper;
  /** Where FandolFang / FandolSong are (…/fonts/); default: fonts/ next to the app's page. */
  fontBaseUrl?: string;
};

/** The text a notice's verification box leads to, or null when it has none (not public, or no server known). */
export function verificationUrl(n: Pick<NoticeDoc, 'publicCode' | 'public'>, serverUrl: string | null | undefined): string | null {
  if (!n.publicCode || !serverUrl?.trim() || n.public === false) return null;
  return publicNoticeUrl(serverUrl.trim(), n.publicCode);
}

const p = (text: string, cls = 'para'): string => `<p class="${cls}">${escapeHtml(text)}</p>`;

function tableHtml(t: NonNullable<NoticeDoc['tables']>[number], g: PageGeometry): string {
  const cols = Math.max(1, t.columns.length, ...t.rows.map((r) => r.length));
  const numericFrom = t.numericFrom ?? cols;
  const cell = (tag: 'td' | 'th', text: string, i: number): string =>
    `<${tag}${tag === 'td' && i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  const head = t.columns.length ? `<thead><tr>${t.columns.map((c, i) => cell('th', c, i)).join('')}</tr></thead>` : '';
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`).join('');
  const size = tableFontPt(cols) * g.scale;
  // Money keeps to one line while there is room; with many columns everything may wrap (never wider than the block).
  const cls = cols <= 6 ? 'tbl nowrap-num' : 'tbl';
  return [
    `<div class="${cls}">`,
    t.caption?.trim() ? p(t.caption.trim(), 'tbl-caption') : '',
    `<table style="font-size:${+size.toFixed(3)}pt">${head}<tbody>${body}</tbody></table>`,
    '</div>',
  ].join('');
}

function attachmentsHtml(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) {
    return `<div class="attachments single gap1"><span class="att-label">附件：</span><span class="att-name">${escapeHtml(names[0] ?? '')}</span></div>`;
  }
  const rows = names
    .map((name, i) => `${i === 0 ? '<span class="att-label">附件：</span>' : ''}<span class="att-no">${i + 1}.</span><span class="att-name">${escapeHtml(name)}</span>`)
    .join('');
  return `<div class="attachments gap1">${rows}</div>`;
}

const cellsCss = (g: PageGeometry, cells: number): string => `${+(cells * g.cellPx).toFixed(4)}px`;

function signatureHtml(plan: SignaturePlan, g: PageGeometry): string {
  if (plan.issuers.length === 0 && plan.date === '') return '';
  const date = plan.date ? `<p class="date">${escapeHtml(plan.date)}</p>` : '';
  if (plan.kind === 'unsealed') {
    return `<div class="sig unsealed">${plan.issuers.map((s) => `<p class="issuer">${escapeHtml(s)}</p>`).join('')}${date}</div>`;
  }
  const seal = '<span class="seal" aria-hidden="true"></span>';
  const issuers = plan.issuers.length ? plan.issuers : [''];
  const rows: string[][] = [];
  // Full rows first, the last row (with the date) right-aligned: the lead issuer stays first, the date last.
  for (let i = 0; i < issuers.length; i += plan.perRow) rows.push(issuers.slice(i, i + plan.perRow));
  const single = issuers.length === 1;
  const rowHtml = rows.map((row, r) => {
    const cols = row.map((name, c) => {
      const last = r === rows.length - 1 && c === row.length - 1;
      return `<div class="col${last ? ' with-date' : ''}">${seal}<p class="name"><span>${escapeHtml(name)}</span></p>${last ? date : ''}</div>`;
    });
    return `<div class="row">${cols.join('')}</div>`;
  });
  return `<div class="sig sealed ${single ? 'single' : 'joint'}" style="margin-right:${cellsCss(g, single ? plan.dateRightCells : 4)}">${rowHtml.join('')}</div>`;
}

async function verificationHtml(url: string, code: string): Promise<string> {
  // One module of quiet zone in the code, the box's padding adds the rest.
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return [
    '<div class="verify">',
    svg.replace(/^<svg /, '<svg aria-hidden="true" '),
    '<div class="verify-text">',
    '<div>扫码核验公告真伪及状态</div>',
    `<div>核验码：<span class="code">${escapeHtml(shortCodeText(code))}</span></div>`,
    '</div>',
    '</div>',
  ].join('');
}

/** The document with its fonts from `fonts`: URLs, absolute or relative to the document (the desktop print window). */
export async function noticeDocument(n: NoticeDoc, o: NoticePrintOptions, fonts: NoticeFontSources): Promise<string> {
  const url = verificationUrl(n, o.serverUrl);
  const lines = estimateNoticeLines(n, { verification: url !== null });
  const g = pageGeometry(o.paper ?? n.paper ?? 'A4', lines.linesPerPage);
  const parts: string[] = [];
  if (n.status === 'draft') parts.push(watermark('草稿'));
  parts.push('<article class="notice">');
  // Lines break only between the title's words (word-break: keep-all and <wbr>), balanced (text-wrap: balance).
  parts.push(`<h1 class="title">${titlePieces(n.title).map(escapeHtml).join('<wbr>')}</h1>`);
  const number = issueNumberText(n);
  if (number) parts.push(p(number, 'doc-no'));
  let gap = ' gap1';
  const addressees = n.addressees?.trim();
  if (addressees) {
    parts.push(p(/[：:]$/.test(addressees) ? addressees : `${addressees}：`, `flush${gap}`));
    gap = '';
  }
  const body = bodyParts(n.body);
  const paragraph = (text: string): void => {
    parts.push(p(text, `para${gap}`));
    gap = '';
  };
  body.paragraphs.forEach(paragraph);
  for (const t of n.tables ?? []) {
    parts.push(tableHtml(t, g));
    gap = '';
  }
  const period = postingPeriodText(n);
  if (period) paragraph(`${period}。`);
  const contact = contactText(n);
  if (contact) paragraph(`${contact}。`);
  if (body.closingFormula) paragraph(body.closingFormula);
  parts.push(attachmentsHtml((n.attachmentNames ?? []).map((a) => a.trim()).filter((a) => a !== '')));

  const plan = signaturePlan(n);
  const sig = signatureHtml(plan, g);
  const verify = url && n.publicCode ? await verificationHtml(url, n.publicCode) : '';
  if (sig || verify) {
    // Blank lines above the 署名: one, none when that keeps it on the page; always two with a seal (§7.3.5).
    const blank = signatureGap(plan, lines.tight);
    const gapClass = blank === 2 ? ' gap2' : blank === 1 ? ' gap1' : '';
    const below = verify && sig && !verifyBesideSignature(plan) ? ' below' : '';
    parts.push(`<div class="closing${gapClass}${below}">${sig}${verify}</div>`);
  }
  parts.push('</article>');
  const title = [o.compoundName?.trim(), n.title.trim()].filter(Boolean).join(' ');
  return printDocument({ title, bodyHtml: parts.join('\n'), css: `${fontFaceCss(fonts)}\n${noticeCss(g)}`, fontSrc: fontSrcOf(fonts) });
}

/** The notice as a complete HTML document, its fonts loaded from `o.fontBaseUrl` (the app's fonts/ by default). */
export function noticeHtml(n: NoticeDoc, o: NoticePrintOptions = {}): Promise<string> {
  return noticeDocument(n, o, fontUrls(o.fontBaseUrl ?? defaultFontBaseUrl()));
}
