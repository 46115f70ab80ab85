import { describe, expect, it } from 'vitest';
import type { Disclosure } from '../../ledger/disclosure';
import { financeDataHash, financeNotice, spanText } from './finance';
import { settingsFixture } from './fixtures';
import { sourceChanged } from './common';
import { expectStorableAndIssuable } from './schema-check.testing';

const settings = settingsFixture();
const HASH = 'ab'.repeat(32);

/** 2026年第四季度: parking and advertising income, a repair paid from the bank (a large item), a grant project. */
const disclosure = (over: Partial<Disclosure> = {}): Disclosure => ({
  span: { kind: 'quarter', quarter: { year: 2026, quarter: 4 } },
  range: { from: '2026-10-01', to: '2026-12-31' },
  opening: { cashFen: 50_000, bankFen: 1_000_000, totalFen: 1_050_000 },
  income: [
    {
      accountId: 'acct-4701', code: '4701', name: '公共收益收入', amountFen: 360_000,
      parts: [
        { accountId: 'acct-470101', code: '470101', name: '停车收入', amountFen: 300_000 },
        { accountId: 'acct-470102', code: '470102', name: '广告收入', amountFen: 60_000 },
      ],
    },
    { accountId: 'acct-4401', code: '4401', name: '政府补助收入', amountFen: 200_000, parts: [] },
  ],
  incomeFen: 560_000,
  expense: [
    {
      accountId: 'acct-5101', code: '5101', name: '业务活动成本', amountFen: 320_000, parts: [],
      largeItems: [{ voucherId: 'v7', number: 7, date: '2026-11-12', summary: '东门道路修缮', counterparty: '金山物业', accountId: 'acct-5101', amountFen: 300_000 }],
    },
    { accountId: 'acct-5201', code: '5201', name: '管理费用', amountFen: 12_345, parts: [], largeItems: [] },
  ],
  expenseFen: 332_345,
  largeItemThresholdFen: 100_000,
  closing: { cashFen: 20_000, bankFen: 1_257_655, totalFen: 1_277_655 },
  otherChangesFen: 0,
  projects: [{ projectId: '东门道路以奖代补', openingFen: 0, receivedFen: 200_000, spentFen: 150_000, closingFen: 50_000 }],
  booksHash: HASH,
  ...over,
});

describe('financeNotice (N44–N46)', () => {
  it('body, tables and source from the figures', () => {
    const d = disclosure();
    const n = financeNotice({ disclosure: d, settings, issueDate: '2027-01-05' });
    expect(n.title).toBe('2026年第四季度财务收支情况公示');
    expect(n.body.split('\n\n')).toEqual([
      '为保障业主的知情权和监督权，现将金山花园业主委员会2026年第四季度（2026年10月1日至2026年12月31日）财务收支情况公示如下：',
      '一、期初资金余额¥10,500.00，其中库存现金¥500.00，银行存款¥10,000.00。',
      '二、本期收入合计¥5,600.00，支出合计¥3,323.45，收支结余¥2,276.55。',
      '三、期末资金余额¥12,776.55，其中库存现金¥200.00，银行存款¥12,576.55。',
      '单笔¥1,000.00及以上的支出逐笔列示于大额支出明细。',
      '以奖代补等专项资金单独核算，收支情况见限定性资金表。',
      '以上数据取自已结账的账簿，账簿校验码：abababababababab。公示期间，业主如有疑问或意见，可向金山花园业主委员会查询、反映。',
      '特此公示。',
    ]);
    expect(n.tables).toEqual([
      {
        caption: '收支情况表',
        columns: ['项目', '金额'],
        rows: [
          ['期初资金余额', '¥10,500.00'],
          ['本期收入', ''],
          ['　公共收益收入', '¥3,600.00'],
          ['　　其中：停车收入', '¥3,000.00'],
          ['　　其中：广告收入', '¥600.00'],
          ['　政府补助收入', '¥2,000.00'],
          ['收入合计', '¥5,600.00'],
          ['本期支出', ''],
          ['　业务活动成本', '¥3,200.00'],
          ['　管理费用', '¥123.45'],
          ['支出合计', '¥3,323.45'],
          ['收支结余', '¥2,276.55'],
          ['期末资金余额', '¥12,776.55'],
          ['　其中：库存现金', '¥200.00'],
          ['　　　银行存款', '¥12,576.55'],
        ],
        numericFrom: 1,
      },
      {
        caption: '大额支出明细（单笔¥1,000.00及以上）',
        columns: ['日期', '凭证号', '摘要', '收款方', '类别', '金额'],
        rows: [['2026年11月12日', '记-7', '东门道路修缮', '金山物业', '业务活动成本', '¥3,000.00']],
        numericFrom: 5,
      },
      {
        caption: '限定性资金（以奖代补等专项资金）',
        columns: ['项目', '期初结余', '本期收到', '本期支出', '期末结余'],
        rows: [['东门道路以奖代补', '¥0.00', '¥2,000.00', '¥1,500.00', '¥500.00']],
        numericFrom: 1,
      },
    ]);
    expect(n).toMatchObject({ kind: 'finance', status: 'draft', issuers: ['金山花园业主委员会'], issuerKey: 'owners_committee', issuePrefix: '金山业委', issueDate: '2027-01-05' });
    expect(n.source).toEqual({ periodFrom: '2026-10', periodTo: '2026-12', booksHash: HASH, dataHash: financeDataHash(d) });
    expectStorableAndIssuable(n);
  });

  it('a month: period in the source; no large items or projects → no such tables; other changes stated', () => {
    const d = disclosure({
      span: { kind: 'month', period: '2026-11' },
      range: { from: '2026-11-01', to: '2026-11-30' },
      expense: [{ accountId: 'acct-5201', code: '5201', name: '管理费用', amountFen: 12_345, parts: [], largeItems: [] }],
      projects: [],
      otherChangesFen: -5_000,
    });
    const n = financeNotice({ disclosure: d, settings, issueDate: '2026-12-03' });
    expect(n.title).toBe('2026年11月财务收支情况公示');
    expect(n.tables?.map((t) => t.caption)).toEqual(['收支情况表']);
    expect(n.tables?.[0]?.rows).toContainEqual(['代收代付、押金等往来款项净额', '-¥50.00']);
    expect(n.body).toContain('代收代付、押金等往来款项净额-¥50.00，不计入收支。');
    expect(n.source).toMatchObject({ period: '2026-11', periodFrom: '2026-11', periodTo: '2026-11' });
  });

  it.each([
    [{ kind: 'month', period: '2026-03' }, '2026年3月'],
    [{ kind: 'quarter', quarter: { year: 2026, quarter: 1 } }, '2026年第一季度'],
    [{ kind: 'half', year: 2026, half: 2 }, '2026年下半年'],
  ] as const)('spanText(%o) = %s', (span, text) => expect(spanText(span)).toBe(text));

  it('N46 a change of the figures (a reopened month re-closed differently) shows as changed', () => {
    const n = financeNotice({ disclosure: disclosure(), settings, issueDate: '2027-01-05' });
    expect(sourceChanged(n, financeDataHash(disclosure()))).toBe(false);
    expect(sourceChanged(n, financeDataHash(disclosure({ booksHash: 'cd'.repeat(32) })))).toBe(true);
  });
});
