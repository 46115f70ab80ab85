import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, countField, dateField, fenField, idField, monthField, shortText, timestampField } from './fields';

/**
 * 记账凭证: double-entry lines in integer fen (SPEC L-V1–L-V22). draft → reviewed → posted; a posted voucher is never
 * edited, it is reversed (红字冲销). Its 记-N number is derived, never stored (L-N1): storing it would mean rewriting
 * posted vouchers when two offline PCs picked the same one.
 */
export const vouchersSchemaLiteral = {
  title: 'vouchers',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    date: dateField,
    /** Accounting period, YYYY-MM: the month of `date`. */
    period: monthField,
    /** 摘要 */
    summary: { type: 'string', minLength: 1, maxLength: 200 },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'accountId', 'debitFen', 'creditFen'],
        properties: {
          id: idField,
          accountId: idField,
          summary: shortText(200),
          /** Negative (红字) only in a reversal (L-V5). */
          debitFen: fenField,
          creditFen: fenField,
          /** The restricted-fund project this money belongs to (L-V8). */
          projectId: idField,
        },
      },
    },
    /** 附件张数 (receipts kept on paper). */
    attachmentCount: countField,
    /** 收付对象 */
    counterparty: shortText(200),
    status: { type: 'string', enum: ['draft', 'reviewed', 'posted'], maxLength: 10 },
    /** 制单 / 审核 / 记账: names, with roster person ids when known (compared first, L-V12). */
    preparedBy: shortText(100),
    preparedById: idField,
    reviewedBy: shortText(100),
    reviewedById: idField,
    reviewedAt: timestampField,
    postedAt: timestampField,
    postedBy: shortText(100),
    /**
     * This voucher reverses (红冲) another one; the push finds an original's reversals by it. Not indexed: the Dexie
     * storage indexes required fields only, and '' for "none" would break every `reversalOf !== undefined`.
     */
    reversalOf: idField,
    reversedBy: idField,
    note: shortText(2000),
  },
  required: [...baseRequired, 'date', 'period', 'summary', 'lines', 'status', 'preparedBy'],
  indexes: ['period', 'date'],
} as const;

const _typed = toTypedRxJsonSchema(vouchersSchemaLiteral);
export type VoucherDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const vouchersSchema: RxJsonSchema<VoucherDoc> = vouchersSchemaLiteral as unknown as RxJsonSchema<VoucherDoc>;
