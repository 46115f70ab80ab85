// 财务收支公示 on paper (A4, the shared print shell): the figures of a closed span, the books hash, 公示期 and the
// 落款. The notices feature will take these figures for its own layout (issue #12 hands them over there).
import type { BridgeResult } from '../../../../shared/bridge';
import { formatDateCn } from '../../../../shared/domain/common/dates';
import { formatMoneyFen } from '../../../../shared/domain/common/decimal';
import { voucherNo } from '../../../../shared/domain/ledger/numbering';
import type { Disclosure } from '../../../../shared/domain/ledger/disclosure';
import { getBridge } from '../../../bridge';
import { escapeHtml, printDocument, signoff } from '../../../print';
import { exportFileBase } from '../../../export';

export type DisclosurePrint = {
  readonly compoundName: string;
  /** 2026年第一季度 … */
  readonly spanLabel: string;
  readonly issuers: readonly string[];
  /** YYYY-MM-DD */
  readonly date: string;
  readonly noticeFrom: string;
  readonly noticeTo: string;
};

const CSS = `
.disclosure { font-size: 11pt; line-height: 1.5; }
.disclosure th { width: auto; }
.disclosure td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.disclosure tr.total td { font-weight: 700; }
.disclosure td.part { padding-left: 6mm; }
.disclosure td.item { padding-left: 10mm; font-size: 10pt; }
.disclosure .hash { font-family: monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
`;

const cn = (d: string): string => formatDateCn(d) ?? d;

export const disclosureTitle = (p: Pick<DisclosurePrint, 'compoundName' | 'spanLabel'>): string => `${p.compoundName}${p.spanLabel}财务收支公示`;

export function disclosureHtml(d: Disclosure, p: DisclosurePrint, accountName: (id: string) => string): string {
  const row = (label: string, fen: number, cls = '') => `<tr${cls === 'total' ? ' class="total"' : ''}><td${cls && cls !== 'total' ? ` class="${cls}"` : ''}>${escapeHtml(label)}</td><td class="num">${escapeHtml(formatMoneyFen(fen))}</td></tr>`;
  const rows: string[] = [];
  rows.push(row(`期初资金余额（现金 ${formatMoneyFen(d.opening.cashFen)}，银行存款 ${formatMoneyFen(d.opening.bankFen)}）`, d.opening.totalFen, 'total'));
  rows.push(row('一、本期收入', d.incomeFen, 'total'));
  for (const c of d.income) {
    rows.push(row(c.name, c.amountFen, 'part'));
    for (const s of c.parts) rows.push(row(s.name, s.amountFen, 'item'));
  }
  rows.push(row('二、本期支出', d.expenseFen, 'total'));
  for (const c of d.expense) {
    rows.push(row(c.name, c.amountFen, 'part'));
    for (const s of c.parts) rows.push(row(s.name, s.amountFen, 'item'));
    for (const it of c.largeItems)
      rows.push(row(`其中：${it.date} ${voucherNo(it.number)} ${it.summary}${it.counterparty ? `（${it.counterparty}）` : ''} · ${accountName(it.accountId)}`, it.amountFen, 'item'));
  }
  if (d.otherChangesFen !== 0) rows.push(row('三、往来款项等其他资金变动', d.otherChangesFen, 'total'));
  rows.push(row(`期末资金余额（现金 ${formatMoneyFen(d.closing.cashFen)}，银行存款 ${formatMoneyFen(d.closing.bankFen)}）`, d.closing.totalFen, 'total'));
  const projects = d.projects.length
    ? [
        '<h2>限定性资金（按项目）</h2>',
        '<table><thead><tr><th>项目</th><th>期初结余</th><th>本期收到</th><th>本期支出</th><th>期末结余</th></tr></thead><tbody>',
        ...d.projects.map((x) => `<tr><td>${escapeHtml(x.projectId)}</td>${[x.openingFen, x.receivedFen, x.spentFen, x.closingFen].map((v) => `<td class="num">${escapeHtml(formatMoneyFen(v))}</td>`).join('')}</tr>`),
        '</tbody></table>',
      ]
    : [];
  const title = disclosureTitle(p);
  return printDocument({
    title,
    bodyHtml: [
      `<style>${CSS}</style>`,
      '<div class="disclosure">',
      `<h1>${escapeHtml(title)}</h1>`,
      `<p class="subtitle">${escapeHtml(`${cn(d.range.from)}至${cn(d.range.to)}`)}</p>`,
      `<p class="org-line">金额单位：元\u3000大额支出：单笔${escapeHtml(formatMoneyFen(d.largeItemThresholdFen))}及以上逐笔列示</p>`,
      `<table><thead><tr><th>项目</th><th>金额</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      ...projects,
      `<p>公示期：${escapeHtml(cn(p.noticeFrom))}至${escapeHtml(cn(p.noticeTo))}。如有疑问，请在公示期内向业主委员会提出。</p>`,
      `<p class="muted">账簿校验码（SHA-256）：<span class="hash">${escapeHtml(d.booksHash || '—')}</span></p>`,
      signoff([...p.issuers, cn(p.date)]),
      '</div>',
    ].join('\n'),
  });
}

export function printDisclosure(d: Disclosure, p: DisclosurePrint, accountName: (id: string) => string): BridgeResult<{ printed: boolean }> {
  return getBridge()['print:html']({ html: disclosureHtml(d, p, accountName), title: exportFileBase(disclosureTitle(p)) });
}

export function saveDisclosurePdf(d: Disclosure, p: DisclosurePrint, accountName: (id: string) => string): BridgeResult<{ path: string | null }> {
  return getBridge()['print:toPdf']({ html: disclosureHtml(d, p, accountName), fileName: `${exportFileBase(disclosureTitle(p))}.pdf` });
}
