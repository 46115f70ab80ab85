import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, fenField, idField, shortText, timestampField } from './fields';

/**
 * 银行对账 (SPEC L-B1–L-B5): posted lines of one bank account ticked against a statement. Its own document, so that
 * reconciling never touches a posted voucher; never edited, only marked undone once.
 */
export const bankReconciliationsSchemaLiteral = {
  title: 'bank_reconciliations',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    bankAccountId: idField,
    statementDate: dateField,
    statementBalanceFen: fenField,
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['voucherId', 'lineId'],
        properties: { voucherId: idField, lineId: idField },
      },
    },
    by: shortText(100),
    at: timestampField,
    undoneAt: timestampField,
    undoneBy: shortText(100),
  },
  required: [...baseRequired, 'bankAccountId', 'statementDate', 'statementBalanceFen', 'items', 'by', 'at'],
  indexes: ['bankAccountId'],
} as const;

const _typed = toTypedRxJsonSchema(bankReconciliationsSchemaLiteral);
export type BankReconciliationDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const bankReconciliationsSchema: RxJsonSchema<BankReconciliationDoc> = bankReconciliationsSchemaLiteral as unknown as RxJsonSchema<BankReconciliationDoc>;
