import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { areaField, baseProperties, baseRequired, countField, dateField, shortText } from './fields';

/** A fraction threshold: `inclusive` true means "≥ num/den" (半数以上, 三分之二以上), false means "> num/den" (过半数). */
export const thresholdField = {
  type: 'object',
  additionalProperties: false,
  required: ['num', 'den', 'inclusive'],
  properties: {
    num: { type: 'integer', minimum: 0, maximum: 1000 },
    den: { type: 'integer', minimum: 1, maximum: 1000 },
    inclusive: { type: 'boolean' },
  },
} as const;

/** A configurable vote rule: who must be present, and what share of which base must agree. */
export const voteRuleField = {
  type: 'object',
  additionalProperties: false,
  required: ['quorum', 'pass', 'passBase'],
  properties: {
    quorum: thresholdField,
    pass: thresholdField,
    /** 'all' = share of all members (全体委员), 'present' = share of those present. */
    passBase: { type: 'string', enum: ['all', 'present'] },
  },
} as const;

/**
 * Compound-wide settings. One document, id "compound": the profile printed on notices and minutes, the totals
 * that vote rules need, and the locally adjustable vote thresholds.
 */
export const settingsSchemaLiteral = {
  title: 'settings',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    /** 小区名称 */
    compoundName: shortText(100),
    /** 所属街道 */
    street: shortText(100),
    /** 所属社区 */
    community: shortText(100),
    /** 党支部名称 */
    branchName: shortText(100),
    /** 业委会名称 */
    ownersCommitteeName: shortText(100),
    /** 共建理事会名称 */
    councilName: shortText(100),
    /** 物业公司 shown on notices, a roster organisation id */
    propertyCompanyId: shortText(64),
    address: shortText(200),
    contactPhone: shortText(30),
    /** Total exclusive floor area (专有部分面积) in dm², for 业主大会 quorum (民法典 art. 278). */
    totalAreaDm2: areaField,
    /** Total number of owners (业主总人数). */
    totalOwners: countField,
    /** Number of 业委会 members (全体委员). */
    ownersCommitteeSize: countField,
    /** Vote rules per meeting type that a compound may adjust (local regulations differ). */
    voteRules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        owners_committee: voteRuleField,
        council: voteRuleField,
        owners_rep: voteRuleField,
        branch_assembly: voteRuleField,
        branch_committee: voteRuleField,
        six_party: voteRuleField,
        other: voteRuleField,
      },
    },
    /** Ledger: the month a fiscal year starts (1 = January). */
    fiscalYearStartMonth: { type: 'integer', minimum: 1, maximum: 12 },
    /** Default 张贴 days for notices. */
    noticeDays: { type: 'integer', minimum: 1, maximum: 365 },
    /**
     * The compound's own days off beyond the official calendar (version 2, issue #11), and days it works although
     * the official calendar rests; both count in 六方联动 due dates and escalation.
     */
    daysOff: { type: 'array', maxItems: 366, uniqueItems: true, items: dateField },
    extraWorkdays: { type: 'array', maxItems: 366, uniqueItems: true, items: dateField },
  },
  required: [...baseRequired],
} as const;

const _typed = toTypedRxJsonSchema(settingsSchemaLiteral);
export type SettingsDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const settingsSchema: RxJsonSchema<SettingsDoc> = settingsSchemaLiteral as unknown as RxJsonSchema<SettingsDoc>;
export const SETTINGS_ID = 'compound';
