import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fenField, idField, shortText, timestampField } from './fields';

const hashField = { type: 'string', minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' } as const;

/**
 * 会计期间: one month of the ledger (SPEC L-P1–L-P8). Id is the month, YYYY-MM. 结账 fixes the month's 记-N order and
 * hash chain here; a closed period takes no voucher change and changes only by a recorded 反结账.
 */
export const periodsSchemaLiteral = {
  title: 'periods',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 10 },
    closedAt: timestampField,
    closedBy: shortText(100),
    /** Net debit (debit − credit) per leaf account at month end, integer fen, opening balances included. */
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
    /** Final order of the month's posted vouchers: entry i is 记-(i+1), with its chain hash. Kept through a reopen. */
    numbering: {
      type: 'array',
      maxItems: 20000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['voucherId', 'hash'],
        properties: { voucherId: idField, hash: hashField },
      },
    },
    /** Hash of the chain up to this month (the previous head when the month is empty). */
    chainHead: hashField,
    /** Every 反结账, recorded. */
    reopenings: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at', 'by', 'reason'],
        properties: { at: timestampField, by: shortText(100), reason: shortText(500) },
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
