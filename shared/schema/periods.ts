import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fenField, idField, shortText, timestampField } from './fields';

/** 会计期间: one month of the ledger. Id is the month, YYYY-MM. A closed period takes no new vouchers. */
export const periodsSchemaLiteral = {
  title: 'periods',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 10 },
    closedAt: timestampField,
    closedBy: shortText(100),
    reopenedAt: timestampField,
    reopenReason: shortText(500),
    /** Balances per account when closed (结账), integer fen. */
    closingBalances: {
      type: 'array',
      maxItems: 2000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['accountId', 'balanceFen'],
        properties: { accountId: idField, balanceFen: fenField },
      },
    },
    /** The 财务收支公示 notice published for this period. */
    disclosureNoticeId: idField,
  },
  required: [...baseRequired, 'status'],
} as const;

const _typed = toTypedRxJsonSchema(periodsSchemaLiteral);
export type PeriodDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const periodsSchema: RxJsonSchema<PeriodDoc> = periodsSchemaLiteral as unknown as RxJsonSchema<PeriodDoc>;
