import { toTypedRxJsonSchema, type ExtractDocumentTypeFromTypedRxJsonSchema, type RxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, dateField, idField, partyField, shortText, timestampField } from './fields';

/** The 六方联动 status flow (issue #11); the transitions are shared/domain/tasks/workflow.ts. */
export const TASK_STATUSES = [
  'pending', // 待分派: recorded, waiting for the lead party to sign for it
  'signed', // 已签收
  'in_progress', // 办理中
  'submitted', // 待验收: the lead party says it is done
  'done', // 已办结: accepted by the party branch or the co-building council
  'published', // 已公示: the result was posted
  'suspended', // 已挂起 (恢复 returns to `suspendedFrom`)
  'cancelled', // 已撤销
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What a person did to a task; each recorded in `transitions`. */
export const TASK_ACTIONS = [
  'sign', // 签收
  'start', // 开始办理
  'submit', // 提交验收
  'accept', // 验收通过
  'return', // 退回 (reason)
  'publish', // 公示
  'suspend', // 挂起 (reason)
  'resume', // 恢复 (reason)
  'cancel', // 撤销 (reason)
  'request_extension', // 申请延期 (new due date, reason)
  'approve_extension', // 批准延期
  'reject_extension', // 驳回延期 (reason)
] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

export const TASK_SOURCE_KINDS = [
  'meeting', // 会议决议
  'governance_list', // 治理清单
  'resident', // 居民诉求
  'co_builder', // 共建单位认领项目
  'superior', // 上级交办
  'other', // 其他
] as const;
export type TaskSourceKind = (typeof TASK_SOURCE_KINDS)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

const statusField = { type: 'string', enum: TASK_STATUSES, maxLength: 20 } as const;

/**
 * 六方联动 task: one matter led by one party (with its organisation and a named 责任人), with co-parties, a due date
 * and a status moved only by the actions of shared/domain/tasks/workflow.ts. Version 2 (issue #11) added the full
 * status flow, the transitions log, co-party details, sources, tags and extensions.
 */
export const tasksSchemaLiteral = {
  title: 'tasks',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...baseProperties,
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: shortText(20_000),
    category: shortText(50),
    tags: { type: 'array', maxItems: 20, uniqueItems: true, items: shortText(30) },
    /** Where in the compound, e.g. 3号楼2单元 or 北区停车场. */
    location: shortText(200),
    leadParty: partyField,
    /** The concrete organisation of the lead party (a roster organisation), and its name as shown. */
    leadOrganizationId: idField,
    leadOrganizationName: shortText(100),
    /** 责任人: a roster person, and the name as shown (kept when the person later leaves). */
    ownerId: idField,
    ownerName: shortText(100),
    /** 配合方: any of the other parties, each with an optional organisation and person. */
    coParties: {
      type: 'array',
      maxItems: 5,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['party'],
        properties: {
          party: partyField,
          organizationId: idField,
          organizationName: shortText(100),
          personId: idField,
          personName: shortText(100),
        },
      },
    },
    dueDate: dateField,
    priority: { type: 'string', enum: TASK_PRIORITIES, maxLength: 10 },
    status: statusField,
    /** While suspended: the status 恢复 returns to. */
    suspendedFrom: statusField,
    /** Where it came from. */
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: TASK_SOURCE_KINDS },
        // meeting
        meetingId: idField,
        resolutionId: idField,
        actionItemId: idField,
        // governance_list: which list and which item (several tasks may serve one item)
        listName: shortText(100),
        listItemNo: shortText(50),
        listItemTitle: shortText(200),
        // resident
        residentName: shortText(100),
        residentBuilding: shortText(50),
        residentPhone: shortText(20),
        // co_builder: the co-building unit (a roster organisation) and its claimed project
        organizationId: idField,
        projectName: shortText(200),
        // superior / other
        note: shortText(500),
      },
    },
    /** A pending 延期 request: approved by the branch, it becomes the new dueDate. */
    extension: {
      type: 'object',
      additionalProperties: false,
      required: ['dueDate', 'reason', 'at', 'by'],
      properties: { dueDate: dateField, reason: shortText(500), at: timestampField, by: shortText(100) },
    },
    /**
     * Every status change and extension decision, append-only and in order, so that the server can check a chain of
     * actions made offline (e.g. 签收 then 开始办理) against the version it holds.
     */
    transitions: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'action', 'from', 'to', 'at', 'by'],
        properties: {
          id: idField,
          action: { type: 'string', enum: TASK_ACTIONS, maxLength: 30 },
          from: statusField,
          to: statusField,
          at: timestampField,
          by: shortText(100),
          /** The role the actor held (the server checks its own view of the pushing user). */
          role: shortText(30),
          reason: shortText(500),
          /** request/approve_extension: the due date asked for or granted. */
          dueDate: dateField,
        },
      },
    },
    signedAt: timestampField,
    startedAt: timestampField,
    submittedAt: timestampField,
    closedAt: timestampField,
    publishedAt: timestampField,
    acceptedBy: shortText(100),
    /** Resident satisfaction after closing (1–5), for the disclosure of results. */
    satisfaction: { type: 'integer', minimum: 1, maximum: 5 },
    result: shortText(20_000),
  },
  required: [...baseRequired, 'title', 'leadParty', 'status', 'priority'],
  indexes: ['status'],
} as const;

const _typed = toTypedRxJsonSchema(tasksSchemaLiteral);
export type TaskDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof _typed>;
export const tasksSchema: RxJsonSchema<TaskDoc> = tasksSchemaLiteral as unknown as RxJsonSchema<TaskDoc>;
