import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import {
  areaField,
  baseProperties,
  baseRequired,
  countField,
  dateField,
  idField,
  idList,
  partyField,
  shortText,
  timeField,
  timestampField,
} from './fields';
import { voteRuleField } from './settings';

export const MEETING_TYPES = [
  'council', // 共建理事会会议
  'owners_assembly', // 业主大会
  'owners_rep', // 业主代表会议
  'owners_committee', // 业委会会议
  'branch_assembly', // 支部党员大会
  'branch_committee', // 支委会
  'six_party', // 六方联动协调会
  'other', // 其他
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** 业主大会 matters, by item of 民法典 art. 278; 'general' for everything else. */
export const ART278_MATTERS = [
  'general',
  'art278_1', // 制定和修改业主大会议事规则
  'art278_2', // 制定和修改管理规约
  'art278_3', // 选举业主委员会或者更换业主委员会成员
  'art278_4', // 选聘和解聘物业服务企业或者其他管理人
  'art278_5', // 使用建筑物及其附属设施的维修资金
  'art278_6', // 筹集建筑物及其附属设施的维修资金
  'art278_7', // 改建、重建建筑物及其附属设施
  'art278_8', // 改变共有部分的用途或者利用共有部分从事经营活动
  'art278_9', // 有关共有和共同管理权利的其他重大事项
] as const;

const attendeeField = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'role', 'status'],
  properties: {
    id: idField,
    /** Roster person, absent for free-text guests. */
    personId: idField,
    name: shortText(100),
    post: shortText(50),
    party: partyField,
    /** 'member' = 应到 (expected), 'observer' = 列席, 'guest' = invited from outside the roster. */
    role: { type: 'string', enum: ['member', 'observer', 'guest'] },
    /** 出席 / 缺席 / 请假 / not yet known. */
    status: { type: 'string', enum: ['unknown', 'present', 'absent', 'leave'] },
    reason: shortText(200),
    checkedInAt: timestampField,
    /** 业主大会: the exclusive area this owner holds, in dm². */
    areaDm2: areaField,
  },
} as const;

const voteField = {
  type: 'object',
  additionalProperties: false,
  required: ['method'],
  properties: {
    /** 'none' = no vote taken, 'count' = tallies, 'roll_call' = each attendee's choice. */
    method: { type: 'string', enum: ['none', 'count', 'roll_call'] },
    yes: countField,
    no: countField,
    abstain: countField,
    /** 业主大会: floor area (dm²) behind each choice. */
    yesAreaDm2: areaField,
    noAreaDm2: areaField,
    abstainAreaDm2: areaField,
    rollCall: {
      type: 'array',
      maxItems: 5000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['attendeeId', 'choice'],
        properties: { attendeeId: idField, choice: { type: 'string', enum: ['yes', 'no', 'abstain'] } },
      },
    },
  },
} as const;

const actionItemField = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title'],
  properties: {
    id: idField,
    title: shortText(500),
    leadParty: partyField,
    coParties: { type: 'array', maxItems: 6, items: partyField },
    ownerId: idField,
    ownerName: shortText(100),
    dueDate: dateField,
    /** The 六方联动 task created from this item, once created. */
    taskId: idField,
  },
} as const;

const resolutionField = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'text', 'vote'],
  properties: {
    id: idField,
    text: shortText(20_000),
    matter: { type: 'string', enum: ART278_MATTERS },
    vote: voteField,
    actionItems: { type: 'array', maxItems: 100, items: actionItemField },
    /** The 决议公告 started from this decision, when one was. */
    noticeId: idField,
    /**
     * 业主大会: the owners and area taking part in this item when they differ from the meeting's (owners left, or
     * abstained from this one item); absent = the meeting's participatingOwners / participatingAreaDm2.
     */
    participatingOwners: countField,
    participatingAreaDm2: areaField,
  },
} as const;

const topicField = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'notes'],
  properties: {
    id: idField,
    title: shortText(500),
    /** Discussion notes, saved as they are typed. */
    notes: shortText(500_000),
    speakers: { type: 'array', maxItems: 200, items: shortText(100) },
    resolutions: { type: 'array', maxItems: 100, items: resolutionField },
  },
} as const;

/** 会议记录: one meeting with its attendance, 议题, 决议 and votes; the order of `topics` is the agenda order. */
export const meetingsSchemaLiteral = {
  title: 'meetings',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    title: shortText(200),
    type: { type: 'string', enum: MEETING_TYPES, maxLength: 20 },
    /** 草稿 / 已定稿 */
    status: { type: 'string', enum: ['draft', 'final'], maxLength: 10 },
    date: dateField,
    startTime: timeField,
    endTime: timeField,
    location: shortText(200),
    hostId: idField,
    hostName: shortText(100),
    hostPost: shortText(50),
    recorderId: idField,
    recorderName: shortText(100),
    attendees: { type: 'array', maxItems: 5000, items: attendeeField },
    topics: { type: 'array', maxItems: 200, items: topicField },
    /** The compound's totals when the meeting was held (业主大会 and 业委会 rules need them). */
    totalAreaDm2: areaField,
    totalOwners: countField,
    totalMembers: countField,
    /** 业主大会: area and owners who took part. */
    participatingAreaDm2: areaField,
    participatingOwners: countField,
    /** The vote rule in force, copied from settings when the meeting was created (it must not change afterwards). */
    voteRule: voteRuleField,
    finalisedAt: timestampField,
    finalisedBy: shortText(100),
    /** 更正/补充 entries after finalising: the original text is never altered. */
    corrections: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'at', 'by', 'reason', 'text'],
        properties: {
          id: idField,
          kind: { type: 'string', enum: ['correction', 'supplement'] },
          at: timestampField,
          by: shortText(100),
          reason: shortText(2000),
          /** What the entry is about, e.g. a topic or resolution id; empty for the whole meeting. */
          targetId: idField,
          text: shortText(100_000),
          /** A 更正 of a decision whose vote was recorded wrongly: the corrected vote (the 纪要 states the decision so). */
          vote: voteField,
        },
      },
    },
    /** Tasks spawned from this meeting's decisions (六方联动). */
    taskIds: idList,
  },
  required: [...baseRequired, 'title', 'type', 'status', 'date', 'attendees', 'topics'],
  indexes: ['date', 'type', 'status'],
} as const;

const _typed = toTypedRxJsonSchema(meetingsSchemaLiteral);
export type MeetingDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const meetingsSchema: RxJsonSchema<MeetingDoc> = meetingsSchemaLiteral as unknown as RxJsonSchema<MeetingDoc>;
