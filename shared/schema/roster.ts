import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, partyField, shortText, timestampField } from './fields';

/** Roles a person can hold in the compound (组织人员). */
export const PERSON_ROLES = [
  'party_member', // 党员
  'dual_report', // 在职党员双报到
  'building_leader', // 楼栋长/梯长
  'lawyer', // 小区律师
  'mediator', // 调解员
  'doctor', // 小区医生
  'teacher', // 小区教师
  'volunteer', // 志愿者
  'owner_rep', // 业主代表
  'council_member', // 理事会成员
  'owners_committee_member', // 业委会委员 (counted for 业委会会议 quorum)
  'branch_committee_member', // 支委委员
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/**
 * People and organisations in one collection (组织人员), told apart by `kind`: every later feature picks
 * from both, and one collection keeps the data model within RxDB's open-source collection limit.
 */
export const rosterSchemaLiteral = {
  title: 'roster',
  description: 'people and organisations of the compound',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ['person', 'organization'], maxLength: 20 },
    /** 姓名 / 名称 */
    name: { type: 'string', minLength: 1, maxLength: 100 },
    /** The party this person acts for, or the party-type of this organisation. */
    party: partyField,
    status: { type: 'string', enum: ['active', 'left'], maxLength: 10 },
    leftAt: dateField,
    note: shortText(2000),
    // person
    /** 手机: an 11-digit mainland mobile number, or a landline. */
    phone: { type: 'string', maxLength: 20, pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' },
    building: shortText(20),
    unit: shortText(20),
    room: shortText(20),
    /** 职务, e.g. 支部书记, 业委会主任 (shown with the host of a meeting). */
    post: shortText(50),
    roles: { type: 'array', maxItems: 20, uniqueItems: true, items: { type: 'string', enum: PERSON_ROLES } },
    /** The organisation this person works for (物业公司 staff, 共建单位 member). */
    organizationId: idField,
    // organisation
    contactName: shortText(50),
    contactPhone: { type: 'string', maxLength: 20, pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' },
    address: shortText(200),
    /** 共建单位: date the co-building agreement was signed. */
    agreementDate: dateField,
    /** 共建单位: 认领的服务项目. */
    serviceItems: { type: 'array', maxItems: 50, items: shortText(100) },
    /** When this record was deactivated (kept, never hard-deleted, while anything refers to it). */
    deactivatedAt: timestampField,
  },
  required: [...baseRequired, 'kind', 'name', 'party', 'status'],
  indexes: ['kind'],
} as const;

const _typed = toTypedRxJsonSchema(rosterSchemaLiteral);
export type RosterDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const rosterSchema: RxJsonSchema<RosterDoc> = rosterSchemaLiteral as unknown as RxJsonSchema<RosterDoc>;
