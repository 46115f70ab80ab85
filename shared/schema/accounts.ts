import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fenField, idField, shortText } from './fields';

export const ACCOUNT_TYPES = ['asset', 'liability', 'net_assets', 'income', 'expense'] as const;

/** 会计科目 of the committee's ledger (民间非营利组织会计制度 style: 资产/负债/净资产/收入/费用). SPEC L-A1–L-A6. */
export const accountsSchemaLiteral = {
  title: 'accounts',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    /** 科目编码: 4 digits at level 1, the parent's code + 2 digits below (L-A2). */
    code: { type: 'string', minLength: 4, maxLength: 14, pattern: '^\\d{4}(\\d{2}){0,5}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', enum: ACCOUNT_TYPES, maxLength: 20 },
    /** The side on which the balance normally stands. */
    normalSide: { type: 'string', enum: ['debit', 'credit'] },
    parentId: idField,
    /** 期初余额, integer fen on the normal side (negative = the other side); leaf accounts only, fixed once a voucher is posted. */
    openingBalanceFen: fenField,
    /** 'cash' feeds 现金日记账, 'bank' 银行日记账 and bank reconciliation. */
    cashKind: { type: 'string', enum: ['cash', 'bank'] },
    /** Restricted money: every line on it names its project (L-V8). */
    requiresProject: { type: 'boolean' },
    /** For a bank sub-account: 开户行 and account number, printed on the reconciliation. */
    bankName: shortText(100),
    bankAccountNo: shortText(40),
    active: { type: 'boolean' },
    note: shortText(500),
  },
  required: [...baseRequired, 'code', 'name', 'type', 'normalSide', 'active'],
  indexes: ['code'],
} as const;

const _typed = toTypedRxJsonSchema(accountsSchemaLiteral);
export type AccountDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const accountsSchema: RxJsonSchema<AccountDoc> = accountsSchemaLiteral as unknown as RxJsonSchema<AccountDoc>;
