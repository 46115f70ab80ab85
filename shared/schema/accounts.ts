import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fenField, idField, shortText } from './fields';

export const ACCOUNT_TYPES = ['asset', 'liability', 'net_assets', 'income', 'expense'] as const;

/** 会计科目 of the committee's ledger (民间非营利组织会计制度 style: 资产/负债/净资产/收入/费用). */
export const accountsSchemaLiteral = {
  title: 'accounts',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    /** 科目编码, e.g. 1001 现金, 1002 银行存款. */
    code: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[0-9]{1,20}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', enum: ACCOUNT_TYPES, maxLength: 20 },
    /** The side on which the balance normally stands. */
    normalSide: { type: 'string', enum: ['debit', 'credit'] },
    parentId: idField,
    /** Balance when the ledger was started in this app, integer fen on the normal side. */
    openingBalanceFen: fenField,
    /** Cash and bank accounts are the ones a 出纳 counts. */
    isCash: { type: 'boolean' },
    active: { type: 'boolean' },
    note: shortText(500),
  },
  required: [...baseRequired, 'code', 'name', 'type', 'normalSide', 'active'],
  indexes: ['code'],
} as const;

const _typed = toTypedRxJsonSchema(accountsSchemaLiteral);
export type AccountDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const accountsSchema: RxJsonSchema<AccountDoc> = accountsSchemaLiteral as unknown as RxJsonSchema<AccountDoc>;
