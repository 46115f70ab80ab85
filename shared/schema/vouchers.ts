import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, countField, dateField, fenField, idField, monthField, shortText, timestampField } from './fields';

/** 记账凭证: balanced double-entry lines in integer fen. A posted voucher is never edited; it is reversed (红冲). */
export const vouchersSchemaLiteral = {
  title: 'vouchers',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    /** 凭证号 within its period, assigned when posted. */
    number: { type: 'integer', minimum: 0, maximum: 1_000_000 },
    date: dateField,
    /** Accounting period, YYYY-MM. */
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
          debitFen: fenField,
          creditFen: fenField,
        },
      },
    },
    /** 附件张数 (receipts kept on paper). */
    attachmentCount: countField,
    /** 收付对象 */
    counterparty: shortText(200),
    status: { type: 'string', enum: ['draft', 'posted', 'void'], maxLength: 10 },
    /** 制单 / 审核 / 记账 */
    preparedBy: shortText(100),
    reviewedBy: shortText(100),
    postedAt: timestampField,
    postedBy: shortText(100),
    /** This voucher reverses (红冲) another one. */
    reversalOf: idField,
    reversedBy: idField,
    note: shortText(2000),
  },
  required: [...baseRequired, 'date', 'period', 'summary', 'lines', 'status'],
  indexes: ['period', 'date'],
} as const;

const _typed = toTypedRxJsonSchema(vouchersSchemaLiteral);
export type VoucherDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const vouchersSchema: RxJsonSchema<VoucherDoc> = vouchersSchemaLiteral as unknown as RxJsonSchema<VoucherDoc>;
