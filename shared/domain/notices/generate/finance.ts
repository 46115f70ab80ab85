// N44–N46: 财务收支公示 from a closed span's disclosure figures (shared/domain/ledger/disclosure.ts): opening
// balance, income and expense by category with the large items, closing cash and bank, restricted funds; carrying
// the books' hash and the span. The ledger computes the figures; this turns them into the notice. Pure.
import { formatDateCn, formatPeriodCn, formatQuarterCn } from '../../common/dates';
import type { Disclosure, DisclosureSpan } from '../../ledger/disclosure';
import { cell, capRows, dataHashOf, issuerFields, money, type GeneratedNotice, type NoticeSettings, type NoticeTable } from './common';

/** 2026年11月, 2026年第四季度, 2026年上半年. */
export function spanText(span: DisclosureSpan): string {
  if (span.kind === 'month') return formatPeriodCn(span.period) ?? span.period;
  if (span.kind === 'quarter') return formatQuarterCn(span.quarter);
  return `${span.year}年${span.half === 1 ? '上' : '下'}半年`;
}

/** N46: the hash of the figures (any change of the books behind them changes it). */
export const financeDataHash = (d: Disclosure): string => dataHashOf(d);

const INDENT = '　';

/** N45: the 收支情况 table: opening, income and expense by category (sub-accounts under 其中), totals, closing. */
function summaryTable(d: Disclosure): NoticeTable {
  const rows: string[][] = [['期初资金余额', money(d.opening.totalFen)], ['本期收入', '']];
  for (const c of d.income) {
    rows.push([`${INDENT}${c.name}`, money(c.amountFen)]);
    for (const p of c.parts) rows.push([`${INDENT}${INDENT}其中：${p.name}`, money(p.amountFen)]);
  }
  rows.push(['收入合计', money(d.incomeFen)], ['本期支出', '']);
  for (const c of d.expense) {
    rows.push([`${INDENT}${c.name}`, money(c.amountFen)]);
    for (const p of c.parts) rows.push([`${INDENT}${INDENT}其中：${p.name}`, money(p.amountFen)]);
  }
  rows.push(['支出合计', money(d.expenseFen)], ['收支结余', money(d.incomeFen - d.expenseFen)]);
  if (d.otherChangesFen !== 0) rows.push(['代收代付、押金等往来款项净额', money(d.otherChangesFen)]);
  rows.push(['期末资金余额', money(d.closing.totalFen)], [`${INDENT}其中：库存现金`, money(d.closing.cashFen)], [`${INDENT}${INDENT}${INDENT}银行存款`, money(d.closing.bankFen)]);
  return { caption: '收支情况表', columns: ['项目', '金额'], rows: capRows(rows.map((r) => r.map((c) => cell(c))), 2, (n) => `（另有${n}行未列出）`), numericFrom: 1 };
}

function largeItemsTable(d: Disclosure): NoticeTable | null {
  const items = d.expense.flatMap((c) => c.largeItems.map((i) => ({ ...i, category: c.name })));
  if (items.length === 0) return null;
  const rows = items.map((i) => [formatDateCn(i.date) ?? i.date, i.number > 0 ? `记-${i.number}` : '', cell(i.summary), cell(i.counterparty ?? ''), i.category, money(i.amountFen)]);
  return {
    caption: `大额支出明细（单笔${money(d.largeItemThresholdFen)}及以上）`,
    columns: ['日期', '凭证号', '摘要', '收款方', '类别', '金额'],
    rows: capRows(rows, 6, (n) => `（另有${n}笔未列出，可向业委会查阅）`),
    numericFrom: 5,
  };
}

function projectsTable(d: Disclosure): NoticeTable | null {
  if (d.projects.length === 0) return null;
  return {
    caption: '限定性资金（以奖代补等专项资金）',
    columns: ['项目', '期初结余', '本期收到', '本期支出', '期末结余'],
    rows: capRows(
      d.projects.map((p) => [cell(p.projectId), money(p.openingFen), money(p.receivedFen), money(p.spentFen), money(p.closingFen)]),
      5,
      (n) => `（另有${n}个项目未列出）`,
    ),
    numericFrom: 1,
  };
}

/**
 * N44: the 财务收支公示 of a closed span (disclosureFigures' result): body with the totals in words, tables of the
 * figures, issued by the 业委会; source: the span (period for a month; periodFrom/periodTo), booksHash, dataHash.
 */
export function financeNotice(input: { readonly disclosure: Disclosure; readonly settings: NoticeSettings; readonly issueDate: string }): GeneratedNotice {
  const { disclosure: d, settings, issueDate } = input;
  const span = spanText(d.span);
  const from = formatDateCn(d.range.from) ?? d.range.from;
  const to = formatDateCn(d.range.to) ?? d.range.to;
  const issuer = issuerFields(settings, 'owners_committee');
  const large = largeItemsTable(d);
  const projects = projectsTable(d);
  const paragraphs = [
    `为保障业主的知情权和监督权，现将${issuer.issuers[0] ?? ''}${span}（${from}至${to}）财务收支情况公示如下：`,
    `一、期初资金余额${money(d.opening.totalFen)}，其中库存现金${money(d.opening.cashFen)}，银行存款${money(d.opening.bankFen)}。`,
    `二、本期收入合计${money(d.incomeFen)}，支出合计${money(d.expenseFen)}，收支结余${money(d.incomeFen - d.expenseFen)}。${
      d.otherChangesFen !== 0 ? `代收代付、押金等往来款项净额${money(d.otherChangesFen)}，不计入收支。` : ''
    }`,
    `三、期末资金余额${money(d.closing.totalFen)}，其中库存现金${money(d.closing.cashFen)}，银行存款${money(d.closing.bankFen)}。`,
    ...(large ? [`单笔${money(d.largeItemThresholdFen)}及以上的支出逐笔列示于大额支出明细。`] : []),
    ...(projects ? ['以奖代补等专项资金单独核算，收支情况见限定性资金表。'] : []),
    `以上数据取自已结账的账簿，账簿校验码：${d.booksHash.slice(0, 16)}。公示期间，业主如有疑问或意见，可向${issuer.issuers[0] ?? '业主委员会'}查询、反映。`,
    '特此公示。',
  ];
  const tables = [summaryTable(d), large, projects].filter((t): t is NoticeTable => t !== null);
  return {
    kind: 'finance',
    status: 'draft',
    title: `${span}财务收支情况公示`,
    body: paragraphs.join('\n\n'),
    tables,
    ...issuer,
    issueDate,
    source: {
      ...(d.span.kind === 'month' ? { period: d.span.period } : {}),
      periodFrom: d.range.from.slice(0, 7),
      periodTo: d.range.to.slice(0, 7),
      booksHash: d.booksHash,
      dataHash: financeDataHash(d),
    },
  };
}
