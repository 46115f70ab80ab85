// N47–N48: 项目公示 of a 以奖代补 (restricted-fund) project: 申报前 (before: what is applied for — name, content,
// budget typed by the user, funding source) and 验收后 (after: the acceptance result and the money received and spent
// per the books' restrictedFunds). Pure.
import { formatDateCn } from '../../common/dates';
import type { ProjectFunds } from '../../ledger/reports';
import type { DateRange } from '../../ledger/types';
import { cell, dataHashOf, issuerFields, money, type GeneratedNotice, type NoticeSettings } from './common';

const trim = (s: string): string => s.trim();

export type ProjectBeforeInput = {
  readonly stage: 'before';
  /** The project as the books name it (限定性资金's project, free text). */
  readonly projectName: string;
  /** 建设内容 */
  readonly content: string;
  /** 预算 as typed (fen). */
  readonly budgetFen: number;
  /** 资金来源, e.g. 区级以奖代补资金 + 小区公共收益. */
  readonly fundingSource: string;
};

export type ProjectAfterInput = {
  readonly stage: 'after';
  readonly projectName: string;
  /** The project's funds over `range` (restrictedFunds' row for it; undefined when the books name nothing yet). */
  readonly funds: ProjectFunds | undefined;
  readonly range: DateRange;
  /** 验收结果, as typed (e.g. 经街道组织验收，工程质量合格). */
  readonly acceptance: string;
  /** The chain head of the books the funds came from, when known. */
  readonly booksHash?: string;
};

export type ProjectNoticeInput = (ProjectBeforeInput | ProjectAfterInput) & { readonly settings: NoticeSettings; readonly issueDate: string };

/** N48: what a project notice states, hashed (the typed fields before; the funds, range and result after). */
export function projectSourceData(input: ProjectBeforeInput | ProjectAfterInput): unknown {
  if (input.stage === 'before') return { stage: 'before', projectName: trim(input.projectName), content: trim(input.content), budgetFen: input.budgetFen, fundingSource: trim(input.fundingSource) };
  return { stage: 'after', projectName: trim(input.projectName), funds: input.funds ?? null, range: input.range, acceptance: trim(input.acceptance), booksHash: input.booksHash ?? null };
}

export const projectDataHash = (input: ProjectBeforeInput | ProjectAfterInput): string => dataHashOf(projectSourceData(input));

/**
 * N47: 申报前 — 关于“…”项目申报的公示: the project, its content, budget and funding in a table; 验收后 — 关于“…”项目验收
 * 及资金使用情况的公示: the acceptance result, then received, spent and the balance from the books. Issued by the 业委会.
 */
export function projectNotice(input: ProjectNoticeInput): GeneratedNotice {
  const { settings, issueDate } = input;
  const name = trim(input.projectName);
  const issuer = issuerFields(settings, 'owners_committee');
  const who = issuer.issuers[0] ?? '业主委员会';
  const source = { projectId: Array.from(name).slice(0, 64).join(''), projectStage: input.stage, dataHash: projectDataHash(input) };
  if (input.stage === 'before') {
    return {
      kind: 'project',
      status: 'draft',
      title: `关于“${name}”项目申报（以奖代补）的公示`.slice(0, 200),
      body: [
        `根据以奖代补项目申报要求，${who}拟申报“${name}”项目，现将项目名称、建设内容、预算和资金来源公示如下：`,
        `项目预算${money(input.budgetFen)}，资金来源：${trim(input.fundingSource)}。`,
        `公示期间，业主如有意见或建议，请向${who}反映。`,
        '特此公示。',
      ].join('\n\n'),
      tables: [
        {
          caption: '项目申报情况',
          columns: ['事项', '内容'],
          rows: [
            ['项目名称', cell(name)],
            ['建设内容', cell(trim(input.content))],
            ['预算金额', money(input.budgetFen)],
            ['资金来源', cell(trim(input.fundingSource))],
          ],
        },
      ],
      ...issuer,
      issueDate,
      source,
    };
  }
  const f = input.funds ?? { projectId: name, openingFen: 0, receivedFen: 0, spentFen: 0, closingFen: 0 };
  const to = formatDateCn(input.range.to) ?? input.range.to;
  const from = formatDateCn(input.range.from) ?? input.range.from;
  return {
    kind: 'project',
    status: 'draft',
    title: `关于“${name}”项目验收及资金使用情况的公示`.slice(0, 200),
    body: [
      `“${name}”项目已完成验收，现将验收结果和资金使用情况公示如下：`,
      `一、验收结果：${trim(input.acceptance)}`,
      `二、资金使用情况：${from}至${to}，本项目收到资金${money(f.receivedFen)}，支出${money(f.spentFen)}${
        f.openingFen !== 0 ? `（期初结余${money(f.openingFen)}）` : ''
      }，期末结余${money(f.closingFen)}。`,
      `公示期间，业主如有意见或建议，请向${who}反映。`,
      '特此公示。',
    ].join('\n\n'),
    tables: [
      {
        caption: '项目资金收支情况',
        columns: ['项目', '期初结余', '收到资金', '支出', '期末结余'],
        rows: [[cell(name), money(f.openingFen), money(f.receivedFen), money(f.spentFen), money(f.closingFen)]],
        numericFrom: 1,
      },
    ],
    ...issuer,
    issueDate,
    source: { ...source, periodFrom: input.range.from.slice(0, 7), periodTo: input.range.to.slice(0, 7), ...(input.booksHash ? { booksHash: input.booksHash.slice(0, 64) } : {}) },
  };
}
