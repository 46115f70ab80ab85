import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, idList, shortText, timestampField } from './fields';

/**
 * 通知, 会议通知, 决议公告, 财务收支公示, 项目公示 (以奖代补, 申报前 / 验收后), 任务进展公示, and a free-form 公告.
 * Version 1 knew general, resolution, finance, task and meeting; `general` stays the free-form 公告.
 */
export const NOTICE_KINDS = ['notice', 'meeting', 'resolution', 'finance', 'project', 'task', 'general'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Who issues (落款), from 设置: the party branch, the owners' committee, the co-building council. */
export const NOTICE_ISSUERS = ['branch', 'owners_committee', 'council'] as const;
export type NoticeIssuerKey = (typeof NOTICE_ISSUERS)[number];

/** 草稿 → 已发布 (locked) → 已撤下; 公示中 / 已到期 / 已被取代 are read from the dates and `supersededBy`. */
export const NOTICE_STATUSES = ['draft', 'issued', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

const tableField = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['columns', 'rows'],
    properties: {
      caption: shortText(200),
      columns: { type: 'array', maxItems: 12, items: shortText(100) },
      /** Cells as printed (money already formatted: ¥1,234.56); the last column(s) right-aligned when `numeric`. */
      rows: { type: 'array', maxItems: 500, items: { type: 'array', maxItems: 12, items: shortText(500) } },
      numericFrom: { type: 'integer', minimum: 0, maximum: 12 },
    },
  },
} as const;

/** 公告: a notice for the bulletin board (SPEC N1–N30). Issued notices are locked; a new notice supersedes them. */
export const noticesSchemaLiteral = {
  title: 'notices',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: NOTICE_KINDS, maxLength: 20 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    /** Plain text, paragraphs separated by blank lines. */
    body: shortText(200_000),
    /** Tables printed after the body (a disclosure's figures, a task list), built from the data. */
    tables: tableField,
    /** 主送 */
    addressees: shortText(500),
    /** 落款: the issuing bodies' names as printed, one per line (jointly issued when several). */
    issuers: { type: 'array', maxItems: 6, items: shortText(100) },
    /** The issuer whose 文号 sequence this notice takes (the first, 主办). */
    issuerKey: { type: 'string', enum: NOTICE_ISSUERS, maxLength: 20 },
    /** 发文机关代字, e.g. 和美业委: the 文号 prints as 和美业委〔2026〕3号. */
    issuePrefix: shortText(20),
    issueYear: { type: 'integer', minimum: 2000, maximum: 2999 },
    issueSeq: { type: 'integer', minimum: 1, maximum: 100_000 },
    /** 成文日期 */
    issueDate: dateField,
    /** 公示期 (inclusive): prints as 公示期：…至…; the notice is 公示中 between them, 已到期 after. */
    postFrom: dateField,
    postUntil: dateField,
    contactName: shortText(50),
    contactPhone: shortText(30),
    /** 附件 names, listed under the body (the papers themselves are posted beside it). */
    attachmentNames: { type: 'array', maxItems: 20, items: shortText(200) },
    /** Printed for a seal (§7.3.5.1: date 右空四字, seal over 署名 and date) or without one (§7.3.5.2). */
    sealed: { type: 'boolean' },
    paper: { type: 'string', enum: ['A4', 'A3'], maxLength: 2 },
    status: { type: 'string', enum: NOTICE_STATUSES, maxLength: 10 },
    issuedAt: timestampField,
    issuedBy: shortText(100),
    withdrawnAt: timestampField,
    withdrawnBy: shortText(100),
    withdrawReason: shortText(500),
    /** This notice replaces an issued one (which then points here through `supersededBy`). */
    supersedes: idField,
    supersededBy: idField,
    /** Served read-only at /n/<publicCode> once issued, for residents to check the paper on the board. */
    public: { type: 'boolean' },
    publicCode: { type: 'string', maxLength: 24, pattern: '^[0-9A-Za-z]{8,24}$' },
    template: shortText(50),
    source: {
      type: 'object',
      additionalProperties: false,
      properties: {
        meetingId: idField,
        resolutionId: idField,
        resolutionIds: idList,
        /** 财务收支公示: the span disclosed. */
        period: shortText(7),
        periodFrom: shortText(7),
        periodTo: shortText(7),
        booksHash: shortText(64),
        taskId: idField,
        taskIds: idList,
        /** 项目公示: the restricted-fund project and the stage. */
        projectId: idField,
        projectStage: { type: 'string', enum: ['before', 'after'], maxLength: 10 },
        /** Decision text and vote summary captured when the notice was started. */
        resolutionText: shortText(20_000),
        voteSummary: shortText(2000),
        /** SHA-256 of the source data the notice was generated from; differs when that data changed since. */
        dataHash: shortText(64),
      },
    },
    /** Every print: when, by whom, on which PC, how many copies, which paper. Appended, never rewritten. */
    prints: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'by', 'copies'],
        properties: {
          at: timestampField,
          by: shortText(100),
          device: shortText(100),
          copies: { type: 'integer', minimum: 1, maximum: 1000 },
          paper: { type: 'string', enum: ['A4', 'A3'], maxLength: 2 },
          pdf: { type: 'boolean' },
        },
      },
    },
    printedAt: timestampField,
  },
  required: [...baseRequired, 'kind', 'title', 'body', 'status'],
  indexes: ['status'],
} as const;

const _typed = toTypedRxJsonSchema(noticesSchemaLiteral);
export type NoticeDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const noticesSchema: RxJsonSchema<NoticeDoc> = noticesSchemaLiteral as unknown as RxJsonSchema<NoticeDoc>;
