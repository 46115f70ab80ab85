import { describe, expect, it } from 'vitest';
import { projectDataHash, projectNotice, type ProjectAfterInput, type ProjectBeforeInput } from './project';
import { settingsFixture } from './fixtures';
import { expectStorableAndIssuable } from './schema-check.testing';

const settings = settingsFixture();
const before: ProjectBeforeInput = { stage: 'before', projectName: '东门道路修缮', content: '修缮东门至3号楼段道路约120平方米', budgetFen: 3_500_000, fundingSource: '区级以奖代补资金2万元，小区公共收益1.5万元' };
const after: ProjectAfterInput = {
  stage: 'after',
  projectName: '东门道路修缮',
  funds: { projectId: '东门道路修缮', openingFen: 0, receivedFen: 2_000_000, spentFen: 1_850_000, closingFen: 150_000 },
  range: { from: '2026-01-01', to: '2026-12-31' },
  acceptance: '经街道组织验收，工程质量合格。',
  booksHash: 'ef'.repeat(32),
};

describe('projectNotice (N47, N48)', () => {
  it('申报前: name, content, budget and funding', () => {
    const n = projectNotice({ ...before, settings, issueDate: '2026-03-02' });
    expect(n).toEqual({
      kind: 'project',
      status: 'draft',
      title: '关于“东门道路修缮”项目申报（以奖代补）的公示',
      body: [
        '根据以奖代补项目申报要求，金山花园业主委员会拟申报“东门道路修缮”项目，现将项目名称、建设内容、预算和资金来源公示如下：',
        '项目预算¥35,000.00，资金来源：区级以奖代补资金2万元，小区公共收益1.5万元。',
        '公示期间，业主如有意见或建议，请向金山花园业主委员会反映。',
        '特此公示。',
      ].join('\n\n'),
      tables: [
        {
          caption: '项目申报情况',
          columns: ['事项', '内容'],
          rows: [
            ['项目名称', '东门道路修缮'],
            ['建设内容', '修缮东门至3号楼段道路约120平方米'],
            ['预算金额', '¥35,000.00'],
            ['资金来源', '区级以奖代补资金2万元，小区公共收益1.5万元'],
          ],
        },
      ],
      issuers: ['金山花园业主委员会'],
      issuerKey: 'owners_committee',
      issuePrefix: '金山业委',
      issueDate: '2026-03-02',
      source: { projectId: '东门道路修缮', projectStage: 'before', dataHash: projectDataHash(before) },
    });
    expectStorableAndIssuable(n);
  });

  it('验收后: acceptance and the funds from the books', () => {
    const n = projectNotice({ ...after, settings, issueDate: '2027-01-08' });
    expect(n.title).toBe('关于“东门道路修缮”项目验收及资金使用情况的公示');
    expect(n.body.split('\n\n').slice(0, 3)).toEqual([
      '“东门道路修缮”项目已完成验收，现将验收结果和资金使用情况公示如下：',
      '一、验收结果：经街道组织验收，工程质量合格。',
      '二、资金使用情况：2026年1月1日至2026年12月31日，本项目收到资金¥20,000.00，支出¥18,500.00，期末结余¥1,500.00。',
    ]);
    expect(n.tables?.[0]?.rows).toEqual([['东门道路修缮', '¥0.00', '¥20,000.00', '¥18,500.00', '¥1,500.00']]);
    expect(n.source).toEqual({ projectId: '东门道路修缮', projectStage: 'after', dataHash: projectDataHash(after), periodFrom: '2026-01', periodTo: '2026-12', booksHash: 'ef'.repeat(32) });
    expectStorableAndIssuable(n);
  });

  it('验收后 with an opening balance, and with nothing in the books yet', () => {
    const withOpening = projectNotice({ ...after, funds: { ...after.funds!, openingFen: 10_000, closingFen: 160_000 }, settings, issueDate: '2027-01-08' });
    expect(withOpening.body).toContain('支出¥18,500.00（期初结余¥100.00），期末结余¥1,600.00。');
    const none = projectNotice({ ...after, funds: undefined, settings, issueDate: '2027-01-08' });
    expect(none.tables?.[0]?.rows).toEqual([['东门道路修缮', '¥0.00', '¥0.00', '¥0.00', '¥0.00']]);
  });

  it('the hash follows what the notice states', () => {
    expect(projectDataHash({ ...before, budgetFen: 3_600_000 })).not.toBe(projectDataHash(before));
    expect(projectDataHash({ ...before, projectName: ' 东门道路修缮 ' })).toBe(projectDataHash(before));
    expect(projectDataHash({ ...after, funds: { ...after.funds!, spentFen: 1 } })).not.toBe(projectDataHash(after));
  });
});
