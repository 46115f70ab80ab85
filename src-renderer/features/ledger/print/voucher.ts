// 记账凭证 on A4 through the shared print shell (SPEC L-S5–L-S6): head, 摘要/科目/借方/贷方 with totals (in words too), 附单据 N 张,
// 制单/审核/记账; then each image attachment on the page(s) after, embedded as a data: URL (the print CSP loads
// nothing else), and PDFs listed by name. The model is the pure voucherPrintModel.
import type { BridgeResult } from '../../../../shared/bridge';
import { formatMoneyFen, moneyInWordsFen } from '../../../../shared/domain/common/decimal';
import type { VoucherPrintModel } from '../../../../shared/domain/ledger/voucher-print';
import { getBridge } from '../../../bridge';
import { dataUrlOf, type BlobStore } from '../../../db/blobs';
import { exportFileBase } from '../../../export';
import { escapeHtml, printDocument, watermark } from '../../../print';

/** What an image attachment became for the paper: embedded, or why not. */
export type PrintedImage =
  | { readonly name: string; readonly dataUrl: string }
  | { readonly name: string; readonly problem: 'missing' | 'too_large' };

/**
 * The bridge takes documents up to 20 MB; images are embedded while the whole stays under this, the rest named with
 * a note (print them from the viewer's 保存到本机).
 */
export const IMAGE_BUDGET_CHARS = 18 * 1024 * 1024;
/** Blank rows a paper voucher shows below its lines, so that nothing can be written in later. */
const MIN_ROWS = 5;

const CSS = `
.voucher-print { font-size: 11pt; line-height: 1.45; }
.voucher-print h1 { letter-spacing: 0.5em; text-decoration: underline double; text-underline-offset: 2mm; margin-bottom: 4mm; }
.voucher-print table.vp-head, .voucher-print table.vp-head td { border: none; padding: 0 0 2mm; }
.voucher-print table.vp-head td.c { text-align: center; }
.voucher-print table.vp-head td.r { text-align: right; }
.voucher-print table.vp-lines th { width: auto; }
.voucher-print table.vp-lines td { height: 9mm; vertical-align: middle; }
.voucher-print td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; width: 30mm; }
.voucher-print tr.total td { font-weight: 700; }
.voucher-print .vp-foot { display: flex; justify-content: space-between; margin: 1mm 0 3mm; }
.voucher-print table.vp-sign, .voucher-print table.vp-sign td { border: none; padding: 1mm 0; }
.voucher-print .vp-files { font-size: 10pt; margin-top: 4mm; }
.voucher-print .vp-note { font-size: 10pt; }
.vp-attachment { break-before: page; page-break-before: always; text-align: center; }
.vp-attachment .vp-caption { text-align: left; font-size: 10pt; margin-bottom: 2mm; }
.vp-attachment img { max-width: 100%; max-height: 235mm; object-fit: contain; }
`;

const money = (fen: number): string => (fen === 0 ? '' : formatMoneyFen(fen));

export function voucherPrintHtml(m: VoucherPrintModel, images: readonly PrintedImage[]): string {
  const withProject = m.lines.some((l) => l.projectId);
  const cols = withProject ? 6 : 5;
  const rows = m.lines.map(
    (l) =>
      `<tr><td>${escapeHtml(l.summary)}</td><td>${escapeHtml(l.ledgerAccount)}</td><td>${escapeHtml(l.detailAccount)}</td>${
        withProject ? `<td>${escapeHtml(l.projectId ?? '')}</td>` : ''
      }<td class="num">${escapeHtml(money(l.debitFen))}</td><td class="num">${escapeHtml(money(l.creditFen))}</td></tr>`,
  );
  for (let i = rows.length; i < MIN_ROWS; i += 1) rows.push(`<tr>${'<td></td>'.repeat(cols)}</tr>`);
  const number = m.numberText || (m.watermark ? '（未过账，无凭证号）' : '');
  const fileLines = [
    ...images.map((img, i) => {
      const where = 'dataUrl' in img ? '（见后页）' : img.problem === 'missing' ? '（附件尚未同步到本机，未能打印）' : '（图片过大，未能随凭证打印，请单独打印）';
      return `${i + 1}. ${img.name}${where}`;
    }),
    ...m.documents.map((d, i) => `${images.length + i + 1}. ${d.name}（PDF，请另行打印）`),
  ];
  const title = `${m.title}${m.numberText ? ` ${m.numberText}` : ''}`;
  const pages = images
    .map((img, i) =>
      'dataUrl' in img
        ? `<section class="vp-attachment"><p class="vp-caption">${escapeHtml(`附件 ${i + 1}/${images.length}：${img.name}（${m.dateText} ${m.numberText || '记账凭证'}）`)}</p><img src="${escapeHtml(img.dataUrl)}" alt="${escapeHtml(img.name)}"></section>`
        : '',
    )
    .join('\n');
  return printDocument({
    title: `${m.compoundName}${title}`,
    bodyHtml: [
      `<style>${CSS}</style>`,
      m.watermark ? watermark(m.watermark) : '',
      '<div class="voucher-print">',
      `<h1>${escapeHtml(m.title)}</h1>`,
      `<table class="vp-head"><tr><td>核算单位：${escapeHtml(m.compoundName)}</td><td class="c">${escapeHtml(m.dateText)}</td><td class="r">凭证号：${escapeHtml(number)}</td></tr></table>`,
      m.reversalNote ? `<p class="vp-note">${escapeHtml(m.reversalNote)}</p>` : '',
      '<table class="vp-lines"><thead><tr><th>摘要</th><th>总账科目</th><th>明细科目</th>',
      withProject ? '<th>项目</th>' : '',
      '<th>借方金额</th><th>贷方金额</th></tr></thead><tbody>',
      rows.join(''),
      `</tbody><tfoot><tr class="total"><td colspan="${cols - 2}">合计（大写）：${escapeHtml(moneyInWordsFen(m.totalDebitFen))}</td><td class="num">${escapeHtml(formatMoneyFen(m.totalDebitFen))}</td><td class="num">${escapeHtml(
        formatMoneyFen(m.totalCreditFen),
      )}</td></tr></tfoot></table>`,
      `<div class="vp-foot"><span>${m.counterparty ? `收付对象：${escapeHtml(m.counterparty)}` : ''}</span><span>附单据 ${m.attachmentCount} 张</span></div>`,
      `<table class="vp-sign"><tr><td>制单：${escapeHtml(m.preparedBy)}</td><td>审核：${escapeHtml(m.reviewedBy)}</td><td>记账：${escapeHtml(m.postedBy)}</td></tr></table>`,
      fileLines.length ? `<div class="vp-files"><p>附件：</p>${fileLines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>` : '',
      '</div>',
      pages,
    ].join('\n'),
  });
}

/** The image attachments as data: URLs from the blob store, within the bridge's size, in attached order. */
export async function printedImages(m: VoucherPrintModel, store: Pick<BlobStore, 'getBlob'>, budget = IMAGE_BUDGET_CHARS): Promise<PrintedImage[]> {
  const out: PrintedImage[] = [];
  let used = 0;
  for (const a of m.images) {
    const r = await store.getBlob(a.hash);
    if (!r.ok) {
      out.push({ name: a.name, problem: 'missing' });
      continue;
    }
    const dataUrl = dataUrlOf(r.value.mime, r.value.bytes);
    if (used + dataUrl.length > budget) {
      out.push({ name: a.name, problem: 'too_large' });
      continue;
    }
    used += dataUrl.length;
    out.push({ name: a.name, dataUrl });
  }
  return out;
}

export async function printVoucher(m: VoucherPrintModel, store: Pick<BlobStore, 'getBlob'>): BridgeResult<{ printed: boolean }> {
  const html = voucherPrintHtml(m, await printedImages(m, store));
  return getBridge()['print:html']({ html, title: exportFileBase(`记账凭证-${m.date}${m.numberText ? `-${m.numberText}` : ''}`) });
}
